import { useState } from 'react';
import { apiGet, apiSend } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { Link, useRouter } from '../../router';
import { useSession } from '../../session/Session';
import { useLoad } from '../../useApi';
import { LoadedView } from '../../components/LoadedView';
import type { GrantRule, YearAnswer } from '../../../contracts/agreements';
import { AgreementSection } from './AgreementSection';
import { GrantsSection } from './GrantsSection';
import { CofinancingSection } from './CofinancingSection';
import { ProposalForm } from './ProposalForm';
import { AGREEMENTS_BASE, FOLLOW_UP_PATH, type SectionProps } from './model';

interface Loaded {
  year: YearAnswer;
  rules: GrantRule[];
}

/** One year: the cycle and reminders, proposals, the agreement, grants and co-financing. */
export function YearView({ year }: { year: number }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const { allows } = useSession();
  const manage = allows('agreements.manage');
  const [reloads, setReloads] = useState(0);
  const [yearText, setYearText] = useState(String(year));
  const reload = () => setReloads((n) => n + 1);
  const loaded = useLoad<Loaded>(
    `agr:${year}:${reloads}`,
    async () => ({
      year: await apiGet<YearAnswer>(`/api/v1/agreements/years/${year}`),
      rules: (await apiGet<{ rules: GrantRule[] }>('/api/v1/agreements/rules')).rules,
    }),
    { keepData: true },
  );
  return (
    <main id="main" className="page">
      <h1>{t('agr.title')}</h1>
      <p>{t('agr.intro')}</p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`${AGREEMENTS_BASE}?ar=${encodeURIComponent(yearText)}`);
        }}
      >
        <label htmlFor="agr-year">{t('agr.year')}</label>{' '}
        <input
          id="agr-year"
          inputMode="numeric"
          value={yearText}
          onChange={(e) => setYearText(e.target.value)}
        />{' '}
        <button type="submit">{t('agr.show')}</button>
      </form>
      <LoadedView of={loaded}>
        {({ year: data, rules }) => (
          <>
            <Cycle data={data} />
            <Proposals data={data} manage={manage} reload={reload} />
            <AgreementSection data={data} manage={manage} reload={reload} />
            <p>
              <Link href={`${FOLLOW_UP_PATH}?ar=${year}`}>{t('agr.followUpLink', { year })}</Link>
            </p>
            <GrantsSection data={data} rules={rules} manage={manage} reload={reload} />
            <CofinancingSection data={data} manage={manage} reload={reload} />
          </>
        )}
      </LoadedView>
    </main>
  );
}

function Cycle({ data }: { data: YearAnswer }) {
  const { t } = useI18n();
  return (
    <section className="agr-section" aria-labelledby="agr-cycle">
      <h2 id="agr-cycle">{t('agr.cycle', { year: data.year })}</h2>
      <table className="data-table">
        <caption className="visually-hidden">{t('agr.cycle', { year: data.year })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('agr.phase')}</th>
            <th scope="col">{t('agr.from')}</th>
            <th scope="col">{t('agr.to')}</th>
            <th scope="col">{t('agr.open')}</th>
          </tr>
        </thead>
        <tbody>
          {data.phases.map((p) => (
            <tr key={p.phase} className={p.open ? 'agr-open' : undefined}>
              <th scope="row">{t(`agr.phase.${p.phase}`)}</th>
              <td>{p.from}</td>
              <td>{p.to}</td>
              <td>{p.open ? t('agr.open') : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('agr.reminders')}</h3>
      {data.reminders.length === 0 ? (
        <p>{t('agr.noReminders')}</p>
      ) : (
        <ul>
          {data.reminders.map((r) => (
            <li key={r.kind}>
              {t(`agr.reminder.${r.kind}`, {
                due: r.due,
                count: r.kind === 'proposals_undecided' ? r.count : 0,
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Proposals({ data, manage, reload }: SectionProps) {
  const { t } = useI18n();
  const decide = (id: string, status: 'accepted' | 'rejected') =>
    apiSend('POST', `/api/v1/agreements/proposals/${id}/status`, { status }).then(reload);
  return (
    <section className="agr-section" aria-labelledby="agr-proposals">
      <h2 id="agr-proposals">{t('agr.proposals')}</h2>
      {data.proposals.length === 0 ? (
        <p>{t('agr.noProposals')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('agr.proposals')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('agr.col.proposer')}</th>
                <th scope="col">{t('agr.col.kind')}</th>
                <th scope="col">{t('agr.col.area')}</th>
                <th scope="col">{t('agr.col.title')}</th>
                <th scope="col">{t('agr.col.submitted')}</th>
                <th scope="col">{t('agr.col.status')}</th>
                {manage && <th scope="col">{t('agr.col.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {data.proposals.map((p) => (
                <tr key={p.id}>
                  <td>{p.proposer}</td>
                  <td>{t(`agr.kind.${p.proposerKind}`)}</td>
                  <td>{p.area}</td>
                  <td>{p.title}</td>
                  <td>{p.submittedOn}</td>
                  <td>{t(`agr.status.${p.status}`)}</td>
                  {manage && (
                    <td>
                      {p.status === 'submitted' && (
                        <>
                          <button type="button" onClick={() => void decide(p.id, 'accepted')}>
                            {t('agr.accept')}
                            <span className="visually-hidden">: {p.title}</span>
                          </button>{' '}
                          <button type="button" onClick={() => void decide(p.id, 'rejected')}>
                            {t('agr.reject')}
                            <span className="visually-hidden">: {p.title}</span>
                          </button>
                        </>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {manage && <ProposalForm year={data.year} today={data.today} onSaved={reload} />}
    </section>
  );
}
