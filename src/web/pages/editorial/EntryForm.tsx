import type { ProblemField } from '../../api';
import { Field, errorFor } from '../../components/forms';
import { useI18n } from '../../i18n/I18n';
import { EVIDENCE_LEVELS } from '../../../domain/library/evidence';
import {
  OPERATING_AREAS,
  PROBLEMS,
  REFERENCE_KINDS,
  TARGET_GROUPS,
  type EntryKind,
} from '../../../domain/library/vocabulary';
import { CodeChoices } from './CodeChoices';
import { emptyReference, type Draft, type ReferenceDraft } from './draft';

/** The server names fields under `content.`; the form's fields are the content's. */
const at = (errors: ProblemField[], field: string) => errorFor(errors, `content.${field}`);

/** Field paths as the server names them → the form's labels, for the error summary. */
export function useFieldLabels(): Record<string, string> {
  const { t } = useI18n();
  return {
    'content.title': t('ed.field.title'),
    'content.summary': t('ed.field.summary'),
    'content.body': t('ed.field.body'),
    'content.evidence': t('ed.field.evidence'),
    'content.ksiCode': t('ed.field.ksi'),
    'content.instrumentId': t('ed.field.instrument'),
    'content.reviewDue': t('ed.field.reviewDue'),
    'content.example': t('ed.example'),
    'content.example.municipalityCode': t('ed.example.municipality'),
    'content.example.indicatorId': t('ed.example.indicator'),
    'content.example.before': t('ed.example.before'),
    'content.example.after': t('ed.example.after'),
  };
}

/** Every field of an entry's content; the caller owns the state, the buttons and the change note. */
export function EntryForm({
  kind,
  draft,
  onChange,
  errors,
}: {
  kind: EntryKind;
  draft: Draft;
  onChange: (d: Draft) => void;
  errors: ProblemField[];
}) {
  const { t } = useI18n();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => onChange({ ...draft, [key]: value });
  const setRef = (i: number, ref: ReferenceDraft) =>
    set(
      'references',
      draft.references.map((r, j) => (j === i ? ref : r)),
    );
  const setExample = (key: keyof Draft['example'], value: string) =>
    set('example', { ...draft.example, [key]: value });
  return (
    <>
      <Field label={t('ed.field.title')} error={at(errors, 'title')}>
        {(ids) => <input {...ids} value={draft.title} onChange={(e) => set('title', e.target.value)} />}
      </Field>
      <Field label={t('ed.field.summary')} error={at(errors, 'summary')}>
        {(ids) => (
          <textarea
            {...ids}
            rows={4}
            value={draft.summary}
            onChange={(e) => set('summary', e.target.value)}
          />
        )}
      </Field>
      <Field label={t('ed.field.body')} error={at(errors, 'body')} optional>
        {(ids) => (
          <textarea {...ids} rows={8} value={draft.body} onChange={(e) => set('body', e.target.value)} />
        )}
      </Field>
      <Field label={t('ed.field.evidence')} error={at(errors, 'evidence')}>
        {(ids) => (
          <select
            {...ids}
            value={draft.evidence}
            onChange={(e) => set('evidence', e.target.value as Draft['evidence'])}
          >
            <option value="">{t('ed.field.evidence.choose')}</option>
            {EVIDENCE_LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`lib.evidence.${level}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('ed.field.ksi')} hint={t('ed.field.ksi.hint')} error={at(errors, 'ksiCode')} optional>
        {(ids) => <input {...ids} value={draft.ksiCode} onChange={(e) => set('ksiCode', e.target.value)} />}
      </Field>
      {kind === 'instrument' && (
        <Field label={t('ed.field.instrument')} error={at(errors, 'instrumentId')} optional>
          {(ids) => (
            <input
              {...ids}
              value={draft.instrumentId}
              onChange={(e) => set('instrumentId', e.target.value)}
            />
          )}
        </Field>
      )}
      <CodeChoices
        legend={t('ed.field.groups')}
        codes={TARGET_GROUPS}
        chosen={draft.targetGroups}
        labelKey={(g) => `lib.group.${g}`}
        onChange={(v) => set('targetGroups', v)}
      />
      <CodeChoices
        legend={t('ed.field.areas')}
        codes={OPERATING_AREAS}
        chosen={draft.operatingAreas}
        labelKey={(a) => `org.area.${a}`}
        onChange={(v) => set('operatingAreas', v)}
      />
      <CodeChoices
        legend={t('ed.field.problems')}
        codes={PROBLEMS}
        chosen={draft.problems}
        labelKey={(p) => `lib.problem.${p}`}
        onChange={(v) => set('problems', v)}
      />
      <Field
        label={t('ed.field.outcomes')}
        hint={t('ed.field.outcomes.hint')}
        error={errors.find((e) => e.field.startsWith('content.outcomeIndicators'))}
        optional
      >
        {(ids) => (
          <input
            {...ids}
            value={draft.outcomeIndicators}
            onChange={(e) => set('outcomeIndicators', e.target.value)}
          />
        )}
      </Field>
      {kind === 'good_example' && (
        <fieldset className="ed-group">
          <legend>{t('ed.example')}</legend>
          <p className="hint">{t('ed.example.hint')}</p>
          <Field
            label={t('ed.example.municipality')}
            error={at(errors, 'example.municipalityCode') ?? at(errors, 'example')}
          >
            {(ids) => (
              <input
                {...ids}
                inputMode="numeric"
                value={draft.example.municipalityCode}
                onChange={(e) => setExample('municipalityCode', e.target.value)}
              />
            )}
          </Field>
          <Field label={t('ed.example.indicator')} error={at(errors, 'example.indicatorId')}>
            {(ids) => (
              <input
                {...ids}
                value={draft.example.indicatorId}
                onChange={(e) => setExample('indicatorId', e.target.value)}
              />
            )}
          </Field>
          <Field label={t('ed.example.before')} error={at(errors, 'example.before')}>
            {(ids) => (
              <input
                {...ids}
                value={draft.example.before}
                onChange={(e) => setExample('before', e.target.value)}
              />
            )}
          </Field>
          <Field label={t('ed.example.after')} error={at(errors, 'example.after')}>
            {(ids) => (
              <input
                {...ids}
                value={draft.example.after}
                onChange={(e) => setExample('after', e.target.value)}
              />
            )}
          </Field>
        </fieldset>
      )}
      <fieldset className="ed-group">
        <legend>{t('ed.refs')}</legend>
        {draft.references.map((ref, i) => (
          <fieldset key={i} className="ed-ref">
            <legend>{t('ed.ref.legend', { n: i + 1 })}</legend>
            <Field label={t('ed.ref.kind')} error={at(errors, `references.${i}.kind`)}>
              {(ids) => (
                <select
                  {...ids}
                  value={ref.kind}
                  onChange={(e) => setRef(i, { ...ref, kind: e.target.value as ReferenceDraft['kind'] })}
                >
                  {REFERENCE_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`lib.ref.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('ed.ref.title')} error={at(errors, `references.${i}.title`)}>
              {(ids) => (
                <input
                  {...ids}
                  value={ref.title}
                  onChange={(e) => setRef(i, { ...ref, title: e.target.value })}
                />
              )}
            </Field>
            <Field label={t('ed.ref.year')} error={at(errors, `references.${i}.year`)}>
              {(ids) => (
                <input
                  {...ids}
                  inputMode="numeric"
                  value={ref.year}
                  onChange={(e) => setRef(i, { ...ref, year: e.target.value })}
                />
              )}
            </Field>
            <Field label={t('ed.ref.url')} error={at(errors, `references.${i}.url`)}>
              {(ids) => (
                <input
                  {...ids}
                  type="url"
                  value={ref.url}
                  onChange={(e) => setRef(i, { ...ref, url: e.target.value })}
                />
              )}
            </Field>
            <button
              type="button"

              onClick={() =>
                set(
                  'references',
                  draft.references.filter((_, j) => j !== i),
                )
              }
            >
              {t('ed.ref.remove', { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        <button
          type="button"

          onClick={() => set('references', [...draft.references, emptyReference()])}
        >
          {t('ed.ref.add')}
        </button>
      </fieldset>
      <Field
        label={t('ed.field.reviewDue')}
        hint={t('ed.field.reviewDue.hint')}
        error={at(errors, 'reviewDue')}
        optional
      >
        {(ids) => (
          <input
            {...ids}
            type="date"
            value={draft.reviewDue}
            onChange={(e) => set('reviewDue', e.target.value)}
          />
        )}
      </Field>
    </>
  );
}
