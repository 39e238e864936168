import { useId, useState, type FormEvent } from 'react';
import type { RoundUnitProgress, SurveyForm } from '../../../contracts/surveys';
import type { ItemDefinition, SingleChoiceItem } from '../../../domain/forms/definition';
import { apiSend, localDetail, type ProblemField } from '../../api';
import { ErrorSummary, Field, errorFor } from '../../components/forms';
import { useI18n, type I18n } from '../../i18n/I18n';
import { useScopeName } from '../../session/scope';
import { useSubmit } from '../../useSubmit';
import { UnitSelect } from './UnitSelect';

/** The round's questions, flattened out of their theme groups. */
function questionsOf(items: readonly ItemDefinition[]): SingleChoiceItem[] {
  return items.flatMap((i) =>
    i.type === 'group' ? questionsOf(i.items) : i.type === 'singleChoice' ? [i] : [],
  );
}

/** Our words for the code's refusals (used, unknown, malformed); the server's for anything else. */
function ourWords(e: ProblemField, t: I18n['t']): ProblemField {
  const ours: Record<string, Parameters<I18n['t']>[0]> = {
    used: 'srv.paper.used',
    unknown: 'srv.paper.unknown',
    malformed: 'srv.paper.malformed',
    empty: 'srv.paper.empty',
  };
  const key = ours[e.rule];
  return key && (e.field === 'code' || e.field === 'answers') ? { ...e, message: t(key) } : e;
}

/**
 * A returned paper questionnaire typed in by staff. It is stored by the same function as a web
 * answer, so it counts alike; after it is entered the form is cleared and nothing is echoed back.
 */
export function PaperAnswer({
  roundId,
  form,
  units,
  onEntered,
}: {
  roundId: string;
  form: SurveyForm;
  units: RoundUnitProgress[];
  onEntered: () => void;
}) {
  const { t, lang } = useI18n();
  const [unitId, setUnitId] = useState(units[0]?.unitId ?? '');
  const [code, setCode] = useState('');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [entered, setEntered] = useState<string | null>(null);
  const { errors, message, busy, run } = useSubmit((e) => ourWords(e, t));
  const ids = useId();
  if (units.length === 0) return null;
  const questions = questionsOf(form.form.items);
  const labels: Record<string, string> = {
    unitId: t('srv.codes.unit'),
    code: t('srv.paper.code'),
    answers: t('srv.paper'),
  };
  for (const q of questions) labels[`answers.${q.id}`] = q.text[lang];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setEntered(null);
    void run(async () => {
      await apiSend<void>('POST', `/api/v1/surveys/rounds/${roundId}/paper`, { unitId, code, answers });
      // Cleared at once: the next questionnaire starts empty and the screen keeps no answer.
      setCode('');
      setAnswers({});
      setEntered(unitId);
      onEntered();
    });
  };
  return (
    <section aria-labelledby={`${ids}-h`}>
      <h3 id={`${ids}-h`}>{t('srv.paper')}</h3>
      <p>{t('srv.paper.intro')}</p>
      <form className="srv-form" onSubmit={submit} noValidate>
        <ErrorSummary message={message && localDetail(message, lang)} errors={errors} labels={labels} />
        <UnitSelect
          unitIds={units.map((u) => u.unitId)}
          value={unitId}
          onChange={setUnitId}
          error={errorFor(errors, 'unitId')}
        />
        <Field label={t('srv.paper.code')} hint={t('srv.paper.code.hint')} error={errorFor(errors, 'code')}>
          {(f) => (
            <input
              {...f}
              autoComplete="off"
              spellCheck={false}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
        {questions.map((q) => {
          const error = errorFor(errors, `answers.${q.id}`);
          const name = `${ids}-${q.id}`;
          return (
            <fieldset
              key={q.id}
              className="srv-question"
              aria-describedby={error ? `${name}-error` : undefined}
            >
              <legend>{q.text[lang]}</legend>
              {[
                ...q.options.map((o) => ({ code: o.code, text: o.text[lang] })),
                { code: '', text: t('srv.paper.noAnswer') },
              ].map((o) => (
                <label key={o.code} className="srv-check">
                  <input
                    type="radio"
                    name={name}
                    value={o.code}
                    checked={(answers[q.id] ?? '') === o.code}
                    onChange={() =>
                      setAnswers((a) => {
                        const next = { ...a };
                        if (o.code === '') delete next[q.id];
                        else next[q.id] = o.code;
                        return next;
                      })
                    }
                  />{' '}
                  {o.text}
                </label>
              ))}
              {error && (
                <span id={`${name}-error`} className="field-error">
                  {error.message}
                </span>
              )}
            </fieldset>
          );
        })}
        <button type="submit" className="primary" disabled={busy}>
          {t('srv.paper.submit')}
        </button>
        <p role="status">{entered && <EnteredNote unitId={entered} />}</p>
      </form>
    </section>
  );
}

function EnteredNote({ unitId }: { unitId: string }) {
  const { t } = useI18n();
  return <>{t('srv.paper.done', { unit: useScopeName({ kind: 'unit', unitId }) ?? '…' })}</>;
}
