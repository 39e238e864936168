import type { UnitOverview } from '../../../contracts/surveys';
import type { UnitDetail } from '../../../contracts/org';
import { apiGet } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { Link, useRouter } from '../../router';
import { useLoad } from '../../useApi';
import { NewRound } from './NewRound';
import { RoundList } from './RoundList';
import { RoundView } from './RoundView';
import { UnitSurveys } from './UnitSurveys';
import './surveys.css';

/**
 * /enkater: the survey rounds of the caller's units; ?ny: a new round; ?omgang=<id>: the work of
 * one round (codes, paper answers, response rates); ?enhet=<id>: one unit's survey results over
 * time beside its register indicators (the three sources of evidence read side by side).
 */
export function SurveysPage() {
  const { t } = useI18n();
  const { query } = useRouter();
  const unitId = query.get('enhet');
  const roundId = query.get('omgang');
  const view = unitId ? (
    <UnitView unitId={unitId} />
  ) : roundId ? (
    <RoundView roundId={roundId} />
  ) : query.has('ny') ? (
    <NewRound />
  ) : (
    <RoundList />
  );
  return (
    <section className="surveys">
      <h1>{t('srv.title')}</h1>
      <p>{t('srv.intro')}</p>
      {view}
    </section>
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
