import { useState } from 'react';
import { apiGet } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { Link, useRouter } from '../../router';
import { useLoad } from '../../useApi';
import { LoadedView } from '../../components/LoadedView';
import type { FollowUpAnswer } from '../../../contracts/agreements';
import { AGREEMENTS_BASE, FOLLOW_UP_PATH } from './model';

type Measure = FollowUpAnswer['goals'][number]['measures'][number];

/** The follow-up: each goal's indicators over time against the met level, and the municipalities' standing. */
export function FollowUpView({ year, region }: { year: number; region: string }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const [regionText, setRegionText] = useState(region);
  const loaded = useLoad<FollowUpAnswer>(`follow:${year}:${region}`, () =>
    apiGet<FollowUpAnswer>(`/api/v1/agreements/years/${year}/follow-up`, { region: region || undefined }),
  );
  const pdf = `/api/v1/agreements/years/${year}/follow-up.pdf${region ? `?region=${region}` : ''}`;
  return (
    <main id="main" className="page">
      <p>
        <Link href={`${AGREEMENTS_BASE}?ar=${year}`}>{t('agr.title')}</Link>
      </p>
      <h1>{t('agr.followUpTitle', { year })}</h1>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(
            `${FOLLOW_UP_PATH}?ar=${year}${regionText ? `&region=${encodeURIComponent(regionText)}` : ''}`,
          );
        }}
      >
        <label htmlFor="agr-region">{t('agr.region')}</label>{' '}
        <input id="agr-region" value={regionText} onChange={(e) => setRegionText(e.target.value)} />{' '}
        <button type="submit">{t('agr.show')}</button>
      </form>
      <p>
        <a href={pdf}>{t('agr.printPdf')}</a>
      </p>
      <LoadedView of={loaded}>
        {(data) => (
          <>
            {data.version === null && <p>{t('agr.noAgreement')}</p>}
            <p>{t('agr.releasedOnly', { release: data.releaseVersion ?? '–' })}</p>
            {data.goals.map((g) => (
              <section key={g.id} className="agr-section" aria-labelledby={`goal-${g.id}`}>
                <h2 id={`goal-${g.id}`}>{g.title}</h2>
                {g.measures.map((m) => (
                  <MeasureView key={m.indicatorId} m={m} />
                ))}
              </section>
            ))}
          </>
        )}
      </LoadedView>
    </main>
  );
}

function MeasureView({ m }: { m: Measure }) {
  const { t, formatNumber } = useI18n();
  const title = t('agr.series', { indicator: m.indicatorId, percent: m.metAtPercent });
  const rate = (p: number | null) => (p === null ? '..' : formatNumber(p, 1));
  return (
    <>
      <h3>{title}</h3>
      <table className="data-table">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('agr.period')}</th>
            <th scope="col">{t('agr.rate')}</th>
            <th scope="col">{t('agr.standing')}</th>
          </tr>
        </thead>
        <tbody>
          {m.series.map((s) => (
            <tr key={s.period}>
              <th scope="row">{s.period}</th>
              <td className="num">{rate(s.ratePercent)}</td>
              <td>
                {s.ratePercent === null
                  ? t('agr.standing.unknown')
                  : s.ratePercent >= m.metAtPercent
                    ? t('agr.standing.met')
                    : t('agr.standing.far')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="table-wrap">
        <table className="data-table">
          <caption>
            {t('agr.standing')}: {m.indicatorId}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('agr.municipality')}</th>
              <th scope="col">{t('agr.rate')}</th>
              <th scope="col">{t('agr.standing')}</th>
            </tr>
          </thead>
          <tbody>
            {m.municipalities.map((x) => (
              <tr key={x.code}>
                <th scope="row">{x.name}</th>
                <td className="num">{rate(x.ratePercent)}</td>
                <td className={`agr-standing-${x.standing}`}>{t(`agr.standing.${x.standing}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
