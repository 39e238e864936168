import { useState } from 'react';
import { apiSend } from '../../api';
import { ErrorSummary, Field, errorFor } from '../../components/forms';
import { useI18n } from '../../i18n/I18n';
import { PROPOSER_KINDS, type ProposerKind } from '../../../domain/agreements/cycle';
import { useSubmit } from '../../useSubmit';

/** Records a stakeholder's proposal for the year (a national administrator does). */
export function ProposalForm({ year, today, onSaved }: { year: number; today: string; onSaved: () => void }) {
  const { t } = useI18n();
  const s = useSubmit();
  const [proposer, setProposer] = useState('');
  const [proposerKind, setKind] = useState<ProposerKind>('user_representative');
  const [area, setArea] = useState('');
  const [title, setTitle] = useState('');
  const [submittedOn, setSubmittedOn] = useState(today);
  return (
    <form
      className="agr-form"
      aria-labelledby="agr-proposal-form"
      onSubmit={(e) => {
        e.preventDefault();
        void s.run(
          () =>
            apiSend('POST', `/api/v1/agreements/years/${year}/proposals`, {
              proposer,
              proposerKind,
              area,
              title,
              submittedOn,
            }),
          () => {
            setTitle('');
            onSaved();
          },
        );
      }}
    >
      <h3 id="agr-proposal-form">{t('agr.addProposal')}</h3>
      <ErrorSummary message={s.message} errors={s.errors} />
      <Field label={t('agr.field.proposer')} error={errorFor(s.errors, 'proposer')}>
        {(ids) => <input {...ids} value={proposer} onChange={(e) => setProposer(e.target.value)} />}
      </Field>
      <Field label={t('agr.field.kind')}>
        {(ids) => (
          <select {...ids} value={proposerKind} onChange={(e) => setKind(e.target.value as ProposerKind)}>
            {PROPOSER_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`agr.kind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('agr.field.area')} error={errorFor(s.errors, 'area')}>
        {(ids) => <input {...ids} value={area} onChange={(e) => setArea(e.target.value)} />}
      </Field>
      <Field label={t('agr.field.title')} error={errorFor(s.errors, 'title')}>
        {(ids) => <input {...ids} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label={t('agr.field.submittedOn')} error={errorFor(s.errors, 'submittedOn')}>
        {(ids) => (
          <input {...ids} type="date" value={submittedOn} onChange={(e) => setSubmittedOn(e.target.value)} />
        )}
      </Field>
      <button type="submit" disabled={s.busy}>
        {t('agr.addProposal')}
      </button>
    </form>
  );
}
