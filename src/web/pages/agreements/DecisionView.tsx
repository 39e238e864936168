import { apiGet } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { Link } from '../../router';
import { useLoad } from '../../useApi';
import { LoadedView } from '../../components/LoadedView';
import type { GrantDecision } from '../../../contracts/agreements';
import { DownloadButtons } from '../public/DownloadButtons';
import type { ExportTable } from '../public/table-export';
import { AGREEMENTS_BASE, kronor } from './model';

type Shown = GrantDecision & { reproduces: boolean };

const percentOf = (n: number | null, d: number | null) =>
  n === null || d === null || d === 0 ? null : Math.round((n / d) * 1000) / 10;

/** One grant decision: every municipality's numbers, tiers and amount; downloadable. */
export function DecisionView({ id }: { id: string }) {
  const loaded = useLoad<Shown>(`decision:${id}`, () =>
    apiGet<Shown>(`/api/v1/agreements/decisions/${encodeURIComponent(id)}`),
  );
  return (
    <main id="main" className="page">
      <LoadedView of={loaded}>{(d) => <Decision d={d} />}</LoadedView>
    </main>
  );
}

function Decision({ d }: { d: Shown }) {
  const { t, formatNumber } = useI18n();
  const tierHeads = d.rule.tiers.map((_, i) => t('agr.col.tier', { n: i + 1 }));
  const table = (): ExportTable => ({
    name: `bidragsbeslut-${d.ruleKey}-v${d.ruleVersion}-${d.decidedAt.slice(0, 10)}`,
    header: ['kommunkod', 'kommun', 'taljare', 'namnare', 'andel_procent', ...tierHeads, 'belopp_kr'],
    rows: d.result.lines.map((l) => [
      l.code,
      d.names[l.code] ?? l.code,
      l.numerator,
      l.denominator,
      percentOf(l.numerator, l.denominator),
      ...l.tiers.map((x) => x.amount),
      l.amount,
    ]),
    notes: [
      t('agr.decisionMeta', {
        key: d.ruleKey,
        version: d.ruleVersion,
        release: d.snapshot.releaseVersion,
        date: d.decidedAt.slice(0, 10),
      }),
      t('agr.decisionRule'),
      t('agr.source'),
    ],
  });
  return (
    <>
      <p>
        <Link href={`${AGREEMENTS_BASE}?ar=${d.year}`}>{t('agr.title')}</Link>
      </p>
      <h1>{t('agr.decisionTitle', { name: d.rule.name })}</h1>
      <p>
        {t('agr.decisionMeta', {
          key: d.ruleKey,
          version: d.ruleVersion,
          release: d.snapshot.releaseVersion,
          date: d.decidedAt.slice(0, 10),
        })}
      </p>
      <p>{t('agr.decisionRule')}</p>
      {d.reproduces && <p>{t('agr.reproduces')}</p>}
      <p>
        <strong>{t('agr.totalPaid', { total: kronor(d.result.total) })}</strong>
      </p>
      <DownloadButtons table={table} label={t('agr.decisions')} />
      <div className="table-wrap">
        <table className="data-table">
          <caption>{t('agr.decisionTitle', { name: d.rule.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('agr.municipality')}</th>
              <th scope="col">{t('agr.col.numerator')}</th>
              <th scope="col">{t('agr.col.denominator')}</th>
              <th scope="col">{t('agr.rate')}</th>
              {tierHeads.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
              <th scope="col">{t('agr.col.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {d.result.lines.map((l) => {
              const p = percentOf(l.numerator, l.denominator);
              return (
                <tr key={l.code}>
                  <th scope="row">
                    {d.names[l.code] ?? l.code} ({l.code})
                  </th>
                  <td className="num">{l.numerator ?? ''}</td>
                  <td className="num">{l.denominator ?? ''}</td>
                  <td className="num">
                    {l.assessed && p !== null ? formatNumber(p, 1) : t('agr.notAssessed')}
                  </td>
                  {l.tiers.map((x, i) => (
                    <td key={i} className="num">
                      {kronor(x.amount)}
                    </td>
                  ))}
                  <td className="num">{kronor(l.amount)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted">{t('agr.source')}</p>
    </>
  );
}
