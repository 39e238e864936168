import type { SurveyRound, UnitOverview } from '../../../contracts/surveys';
import type { UnitDetail } from '../../../contracts/org';
import { apiGet } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { Link, useRouter } from '../../router';
import { useLoad } from '../../useApi';
import { UnitSurveys } from './UnitSurveys';

/**
 * /enkater: the survey rounds of the caller's units; /enkater?enhet=<id>: one unit's survey
 * results beside its register indicators (the three sources of evidence read side by side).
 */
export function SurveysPage() {
  const { t } = useI18n();
  const { query } = useRouter();
  const unitId = query.get('enhet');
  return (
    <section className="surveys">
      <h1>{t('srv.title')}</h1>
      <p>{t('srv.intro')}</p>
      {unitId ? <UnitView unitId={unitId} /> : <RoundList />}
    </section>
  );
}

function RoundList() {
  const { t } = useI18n();
  const data = useLoad('rounds', async () => {
    const { rounds } = await apiGet<{ rounds: SurveyRound[] }>('/api/v1/surveys/rounds');
    const ids = [...new Set(rounds.flatMap((r) => r.unitIds))];
    const units = await Promise.all(ids.map((id) => apiGet<UnitDetail>(`/api/v1/org/units/${id}`)));
    return { rounds, names: new Map(units.map((u) => [u.unitId, u.current?.name ?? u.code])) };
  });
  if (data.state === 'loading') return <p role="status">…</p>;
  if (data.state === 'error') return <p role="alert">{data.message}</p>;
  const { rounds, names } = data.data;
  if (rounds.length === 0) return <p>{t('srv.none')}</p>;
  return (
    <>
      <h2>{t('srv.rounds')}</h2>
      <ul>
        {rounds.map((r) => (
          <li key={r.id}>
            {r.templateId} · {t('srv.period')} {r.period} ·{' '}
            {t('srv.dates', { from: r.opensOn, to: r.closesOn })}
            <ul>
              {r.unitIds.map((id) => (
                <li key={id}>
                  <Link href={`/enkater?enhet=${id}`}>{names.get(id) ?? id}</Link>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}

function UnitView({ unitId }: { unitId: string }) {
  const { t } = useI18n();
  const data = useLoad(`unit:${unitId}`, () =>
    Promise.all([
      apiGet<UnitOverview>(`/api/v1/surveys/units/${unitId}/overview`),
      apiGet<UnitDetail>(`/api/v1/org/units/${unitId}`),
    ]),
  );
  if (data.state === 'loading') return <p role="status">…</p>;
  if (data.state === 'error') return <p role="alert">{data.message}</p>;
  const [overview, unit] = data.data;
  return (
    <>
      <p>
        <Link href="/enkater">{t('srv.back')}</Link>
      </p>
      <h2>
        {t('srv.unit')}: {unit.current?.name ?? unit.code}
      </h2>
      <UnitSurveys overview={overview} />
    </>
  );
}
