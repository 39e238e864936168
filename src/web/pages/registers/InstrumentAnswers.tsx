import { useState } from 'react';
import { getInstrument } from '../../../domain/instruments/index';
import { apiGet, type ProblemField } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { useLoad } from '../../useApi';
import { FormRenderer } from '../instruments/FormRenderer';
import type { InstrumentDetail } from '../../../contracts/instruments';
import { parseNumberText, shownAnswers, type Answers } from '../instruments/model';
import { errorText } from './format';
import { answersPrefix } from './model';
import '../instruments/instruments.css';

// One request per instrument for the whole visit: a published version never changes.
const details = new Map<string, Promise<InstrumentDetail>>();

export function loadInstrument(id: string): Promise<InstrumentDetail> {
  let found = details.get(id);
  if (!found) {
    found = apiGet<InstrumentDetail>(`/api/v1/instruments/${encodeURIComponent(id)}`);
    found.catch(() => details.delete(id));
    details.set(id, found);
  }
  return found;
}

/**
 * An instrument's questions inside a register form, rendered from the server's definition by the
 * instrument pages' FormRenderer, with the preliminary score as the user answers. Reports the
 * answers to send (hidden items left out) on every change; the server scores them on save.
 */
export function InstrumentAnswers({
  instrumentId,
  initial,
  sex,
  prefix,
  errors,
  onChange,
}: {
  instrumentId: string;
  initial: Answers;
  sex: 'K' | 'M' | null;
  prefix: string;
  errors: ProblemField[];
  onChange: (answers: Answers) => void;
}) {
  const { t } = useI18n();
  const detail = useLoad(`instrument:${instrumentId}`, () => loadInstrument(instrumentId));
  if (detail.state === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (detail.state === 'error') return <p role="alert">{t('common.error', { message: detail.message })}</p>;
  return (
    <Questions
      detail={detail.data}
      initial={initial}
      sex={sex}
      prefix={prefix}
      errors={errors}
      onChange={onChange}
    />
  );
}

function Questions({
  detail,
  initial,
  sex,
  prefix,
  errors,
  onChange,
}: {
  detail: InstrumentDetail;
  initial: Answers;
  sex: 'K' | 'M' | null;
  prefix: string;
  errors: ProblemField[];
  onChange: (answers: Answers) => void;
}) {
  const { t, tn, lang, formatNumber } = useI18n();
  const form = detail.form;
  // Every answer is kept (an item hidden and shown again keeps its answer); only shown ones are sent.
  const [answers, setAnswers] = useState<Answers>(initial);
  const [numberText, setNumberText] = useState<Record<string, string>>({});
  const sent = shownAnswers(form, answers);

  const setAnswer = (id: string, value: unknown) => {
    const next = { ...answers };
    if (value === undefined || (Array.isArray(value) && value.length === 0)) delete next[id];
    else next[id] = value;
    setAnswers(next);
    onChange(shownAnswers(form, next));
  };

  const byItem: Record<string, string> = {};
  for (const e of errors)
    if (e.field.startsWith('data.answers.'))
      byItem[e.field.slice('data.answers.'.length)] ??= errorText(t, e, form);

  const local = getInstrument(detail.id);
  const needsSex = detail.requiresSex && !sex;
  const live =
    local && local.version === detail.version && !needsSex
      ? local.score({ answers: sent, ...(sex && detail.requiresSex ? { sex } : {}) })
      : null;
  const remaining = live && !live.ok ? live.issues.filter((i) => i.rule === 'required').length : 0;
  const otherIssues = live && !live.ok ? live.issues.length - remaining : 0;

  return (
    <div className="instrument-form reg-instrument">
      <p className="muted">{detail.description[lang]}</p>
      <FormRenderer
        form={form}
        answers={answers}
        numberText={numberText}
        errors={byItem}
        idPrefix={answersPrefix(prefix)}
        onAnswer={setAnswer}
        onNumberText={(id, text) => {
          setNumberText((n) => ({ ...n, [id]: text }));
          setAnswer(id, parseNumberText(text));
        }}
      />
      <div className="live-result" aria-live="polite" aria-atomic="true">
        <h3>{t('instruments.live.heading')}</h3>
        {!live && <p>{t('instruments.live.unavailable')}</p>}
        {live?.ok && (
          <p className="live-value">
            {live.result.total !== null && <strong>{formatNumber(live.result.total)} – </strong>}
            {live.result.bandLabel[lang]}
          </p>
        )}
        {live && !live.ok && (
          <p>{otherIssues ? t('instruments.live.invalid') : tn('instruments.live.remaining', remaining)}</p>
        )}
        <p className="muted">{t('registers.live.note')}</p>
      </div>
    </div>
  );
}
