import { useState } from 'react';
import { apiSend } from '../../api';
import { ErrorSummary, Field, errorFor } from '../../components/forms';
import { useI18n } from '../../i18n/I18n';
import { kronor, list, type SectionProps } from './model';
import { useSubmit } from '../../useSubmit';

/** The co-financing recommendation: who joined, the fee per inhabitant, what it raises (SCB population). */
export function CofinancingSection({ data, manage, reload }: SectionProps) {
  const { t, formatNumber } = useI18n();
  const c = data.cofinancing;
  const s = useSubmit();
  const [ore, setOre] = useState(String(c?.orePerInhabitant ?? 300));
  const [members, setMembers] = useState(c?.lines.map((l) => l.code).join(', ') ?? '');
  return (
    <section className="agr-section" aria-labelledby="agr-cofinancing">
      <h2 id="agr-cofinancing">{t('agr.cofinancing')}</h2>
      {!c ? (
        <p>{t('agr.noCofinancing')}</p>
      ) : (
        <>
          <p>
            {t('agr.cofinancingSummary', {
              count: c.lines.length,
              fee: formatNumber(c.orePerInhabitant / 100, 2),
              total: kronor(c.total),
            })}
          </p>
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">{t('agr.cofinancing')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('agr.municipality')}</th>
                  <th scope="col">{t('agr.inhabitants')}</th>
                  <th scope="col">{t('agr.fee')}</th>
                </tr>
              </thead>
              <tbody>
                {c.lines.map((l) => (
                  <tr key={l.code}>
                    <th scope="row">
                      {l.name} ({l.code})
                    </th>
                    <td className="num">{kronor(l.inhabitants)}</td>
                    <td className="num">{kronor(l.fee)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted">{c.source}</p>
        </>
      )}
      {manage && (
        <form
          className="agr-form"
          aria-labelledby="agr-cofinancing-form"
          onSubmit={(e) => {
            e.preventDefault();
            void s.run(
              () =>
                apiSend('PUT', `/api/v1/agreements/years/${data.year}/cofinancing`, {
                  orePerInhabitant: Number(ore),
                  members: list(members),
                }),
              reload,
            );
          }}
        >
          <h3 id="agr-cofinancing-form">{t('agr.saveCofinancing')}</h3>
          <ErrorSummary message={s.message} errors={s.errors} />
          <Field label={t('agr.field.fee')} error={errorFor(s.errors, 'orePerInhabitant')}>
            {(ids) => (
              <input {...ids} inputMode="numeric" value={ore} onChange={(e) => setOre(e.target.value)} />
            )}
          </Field>
          <Field label={t('agr.field.members')} error={s.errors.find((e) => e.field.startsWith('members'))}>
            {(ids) => <textarea {...ids} value={members} onChange={(e) => setMembers(e.target.value)} />}
          </Field>
          <button type="submit" disabled={s.busy}>
            {t('agr.saveCofinancing')}
          </button>
        </form>
      )}
    </section>
  );
}
