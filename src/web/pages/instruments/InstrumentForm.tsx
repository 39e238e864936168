import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { indexForm } from '../../../domain/forms/form-index';
import { getInstrument, type Sex } from '../../../domain/instruments/index';
import { ApiError, apiSend, type ProblemField } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { FormRenderer } from './FormRenderer';
import type { InstrumentDetail, ScoreAnswer } from '../../../contracts/instruments';
import { domId, parseNumberText, ruleKey, shownAnswers, type Answers } from './model';
import { ServerResult } from './ResultView';

type Submission =
  | { state: 'idle' }
  | { state: 'sending' }
  | { state: 'done'; result: ScoreAnswer; sent: string }
  | { state: 'invalid'; errors: ProblemField[] }
  | { state: 'failed'; message: string };

/**
 * Fill in one instrument. The preliminary score is computed in the browser with the same
 * domain code as the server; "Beräkna" sends the answers and shows the server's result, which
 * is the one that counts. Nothing is stored.
 */
export function InstrumentForm({ detail }: { detail: InstrumentDetail }) {
  const { t, tn, lang, formatNumber } = useI18n();
  const prefix = useId().replace(/:/g, '');
  const form = detail.form;
  const [answers, setAnswers] = useState<Answers>({});
  const [numberText, setNumberText] = useState<Record<string, string>>({});
  const [sex, setSex] = useState<Sex | undefined>(undefined);
  const [submission, setSubmission] = useState<Submission>({ state: 'idle' });
  const summaryRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);

  const sent = useMemo(() => shownAnswers(form, answers), [form, answers]);
  const payload = useMemo(() => ({ answers: sent, ...(sex ? { sex } : {}) }), [sent, sex]);
  // The browser scores only when it has the very version the server described.
  const local = getInstrument(detail.id);
  const live =
    local && local.version === detail.version
      ? local.score({ answers: sent, ...(sex ? { sex } : {}) })
      : null;

  useEffect(() => {
    if (submission.state === 'invalid') summaryRef.current?.focus();
    if (submission.state === 'done') resultRef.current?.focus();
  }, [submission.state]);

  const setAnswer = (id: string, value: unknown) => {
    // An answered item's server error no longer applies; the others stay until the next "Beräkna".
    setSubmission((s) =>
      s.state === 'invalid' ? { ...s, errors: s.errors.filter((e) => itemOf(e) !== id) } : s,
    );
    setAnswers((a) => {
      const next = { ...a };
      if (value === undefined || (Array.isArray(value) && value.length === 0)) delete next[id];
      else next[id] = value;
      return next;
    });
  };
  const setNumber = (id: string, text: string) => {
    setNumberText((n) => ({ ...n, [id]: text }));
    setAnswer(id, parseNumberText(text));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmission({ state: 'sending' });
    try {
      const result = await apiSend<ScoreAnswer>(
        'POST',
        `/api/v1/instruments/${encodeURIComponent(detail.id)}/score`,
        payload,
      );
      setSubmission({ state: 'done', result, sent: JSON.stringify(payload) });
    } catch (err) {
      if (err instanceof ApiError && err.status === 422)
        setSubmission({ state: 'invalid', errors: err.errors });
      else setSubmission({ state: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  };
  const clear = () => {
    setAnswers({});
    setNumberText({});
    setSex(undefined);
    setSubmission({ state: 'idle' });
  };

  const index = indexForm(form);
  const errorsByItem: Record<string, string> = {};
  const errorList: { item: string; target: string; label: string; message: string }[] = [];
  if (submission.state === 'invalid') {
    for (const e of submission.errors) {
      const item = itemOf(e);
      const def = index.byId.get(item)?.item;
      const key = ruleKey(e.rule, def);
      const message = key ? t(key) : e.message;
      errorsByItem[item] ??= message;
      const label =
        item === 'sex'
          ? t('instruments.sex')
          : def
            ? `${def.prefix ? `${def.prefix} ` : ''}${def.text[lang]}`
            : item;
      errorList.push({
        item,
        target: item === 'sex' ? `${prefix}-sex` : domId(prefix, item),
        label,
        message,
      });
    }
  }

  const remaining = live && !live.ok ? live.issues.filter((i) => i.rule === 'required').length : 0;
  const otherIssues = live && !live.ok ? live.issues.length - remaining : 0;
  const stale = submission.state === 'done' && submission.sent !== JSON.stringify(payload);

  return (
    <>
      {submission.state === 'invalid' && (
        <div
          className="error-summary"
          role="alert"
          tabIndex={-1}
          ref={summaryRef}
          aria-labelledby={`${prefix}-errors`}
        >
          <h2 id={`${prefix}-errors`}>{t('instruments.errors.heading')}</h2>
          <p>{t('instruments.errors.intro')}</p>
          <ul>
            {errorList.map((e) => (
              <li key={`${e.item}:${e.message}`}>
                <a
                  href={`#${e.target}`}
                  onClick={(ev) => {
                    ev.preventDefault();
                    document.getElementById(e.target)?.focus();
                  }}
                >
                  {e.label}: {e.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form
        className="instrument-form"
        noValidate
        onSubmit={(e) => void submit(e)}
        aria-label={t('instruments.formLabel', { title: detail.title[lang] })}
      >
        {detail.requiresSex && (
          <fieldset
            className={`form-item${errorsByItem['sex'] ? ' has-error' : ''}`}
            aria-describedby={`${prefix}-sex-hint${errorsByItem['sex'] ? ` ${prefix}-sex-error` : ''}`}
          >
            <legend>{t('instruments.sex')}</legend>
            <p id={`${prefix}-sex-hint`} className="hint">
              {t('instruments.requiresSex')}
            </p>
            {errorsByItem['sex'] && (
              <p id={`${prefix}-sex-error`} className="field-error">
                {errorsByItem['sex']}
              </p>
            )}
            <div className="choices">
              {(['K', 'M'] as const).map((s, n) => (
                <div className="choice" key={s}>
                  <input
                    id={n === 0 ? `${prefix}-sex` : `${prefix}-sex-${s}`}
                    type="radio"
                    name={`${prefix}-sex`}
                    required
                    checked={sex === s}
                    onChange={() => {
                      setSex(s);
                      setSubmission((sub) =>
                        sub.state === 'invalid'
                          ? { ...sub, errors: sub.errors.filter((e) => itemOf(e) !== 'sex') }
                          : sub,
                      );
                    }}
                  />
                  <label htmlFor={n === 0 ? `${prefix}-sex` : `${prefix}-sex-${s}`}>
                    {t(`instruments.sex.${s}`)}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        )}
        <FormRenderer
          form={form}
          answers={answers}
          numberText={numberText}
          errors={errorsByItem}
          idPrefix={prefix}
          onAnswer={setAnswer}
          onNumberText={setNumber}
        />
        <div className="live-result" aria-live="polite" aria-atomic="true">
          <h2>{t('instruments.live.heading')}</h2>
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
          <p className="muted">{t('instruments.live.note')}</p>
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={submission.state === 'sending'}>
            {submission.state === 'sending' ? t('instruments.calculating') : t('instruments.submit')}
          </button>
          <button type="button" onClick={clear}>
            {t('instruments.clear')}
          </button>
        </div>
      </form>
      {submission.state === 'failed' && (
        <p role="alert">{t('common.error', { message: submission.message })}</p>
      )}
      {submission.state === 'done' && (
        <ServerResult
          ref={resultRef}
          result={submission.result}
          stale={stale}
          title={detail.title[lang]}
          form={form}
        />
      )}
    </>
  );
}

/** The item a problem field names: `item` when the server sent it, else the field after "answers.". */
function itemOf(e: ProblemField): string {
  return (e as ProblemField & { item?: string | null }).item ?? e.field.replace(/^answers\./, '');
}
