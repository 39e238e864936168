import { useState, type FormEvent } from 'react';
import { AUDIT_ACTIONS } from '../../../domain/audit/entry';
import type { ProblemField } from '../../api';
import { ErrorSummary, Field, errorFor } from '../../components/forms';
import { useI18n } from '../../i18n/I18n';
import { UnitFilter } from './UnitFilter';
import { NO_FILTERS, type AuditFilters } from './model';

/** The filters as a form; "Visa" puts them in the address, which reloads the entries. */
export function AuditFilterForm({
  initial,
  errors,
  onApply,
}: {
  initial: AuditFilters;
  errors: ProblemField[];
  onApply: (f: AuditFilters) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(initial);
  const set = <K extends keyof AuditFilters>(key: K, value: AuditFilters[K]) =>
    setDraft({ ...draft, [key]: value });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  const labels: Record<string, string> = {
    user: t('audit.filter.user'),
    person: t('audit.filter.person'),
    unit: t('audit.filter.unit'),
    from: t('audit.filter.from'),
    to: t('audit.filter.to'),
    action: t('audit.filter.action'),
    flagged: t('audit.filter.flagged'),
  };
  return (
    <form className="audit-filters" aria-label={t('audit.filters')} noValidate onSubmit={onSubmit}>
      <ErrorSummary message={null} errors={errors} labels={labels} />
      <div className="audit-filter-grid">
        <Field
          label={labels['user'] ?? ''}
          hint={t('audit.filter.userHint')}
          error={errorFor(errors, 'user')}
        >
          {(ids) => (
            <input
              {...ids}
              name="user"
              autoComplete="off"
              spellCheck={false}
              value={draft.user}
              onChange={(e) => set('user', e.target.value)}
            />
          )}
        </Field>
        <Field label={labels['person'] ?? ''} error={errorFor(errors, 'person')}>
          {(ids) => (
            <input
              {...ids}
              name="person"
              autoComplete="off"
              spellCheck={false}
              value={draft.person}
              onChange={(e) => set('person', e.target.value)}
            />
          )}
        </Field>
        <UnitFilter
          value={draft.unit}
          onChange={(unit) => set('unit', unit)}
          error={errorFor(errors, 'unit')}
        />
        <Field label={labels['from'] ?? ''} error={errorFor(errors, 'from')}>
          {(ids) => (
            <input {...ids} type="date" value={draft.from} onChange={(e) => set('from', e.target.value)} />
          )}
        </Field>
        <Field label={labels['to'] ?? ''} error={errorFor(errors, 'to')}>
          {(ids) => (
            <input {...ids} type="date" value={draft.to} onChange={(e) => set('to', e.target.value)} />
          )}
        </Field>
        <Field label={labels['action'] ?? ''} error={errorFor(errors, 'action')}>
          {(ids) => (
            <select {...ids} value={draft.action} onChange={(e) => set('action', e.target.value)}>
              <option value="">{t('audit.filter.allActions')}</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {t(`audit.action.${a}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={draft.flagged} onChange={(e) => set('flagged', e.target.checked)} />
        {labels['flagged']}
      </label>
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('audit.filter.apply')}
        </button>
        <button type="button" onClick={() => onApply(NO_FILTERS)}>
          {t('audit.filter.clear')}
        </button>
      </div>
    </form>
  );
}
