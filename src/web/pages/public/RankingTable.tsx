import type { Direction } from '../../../domain/opendata/bands';
import { useI18n } from '../../i18n/I18n';
import { Link } from '../../router';
import { count, interval, shown } from './format';
import { BandText, BASE, StatusSymbol } from './layout';
import type { RankRow } from './ranking';

/** Municipalities ranked, best first, with value, interval, counts and band in words. */
export function RankingTable({
  rows,
  caption,
  direction,
  extraRows,
}: {
  rows: readonly RankRow[];
  caption: string;
  direction: Direction;
  /** Reference rows above the municipalities (nation, region), without rank or band. */
  extraRows?: ReadonlyArray<{
    label: string;
    row: Pick<RankRow, 'value' | 'status' | 'lower' | 'upper' | 'numerator' | 'denominator'>;
  }>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const value = (r: Pick<RankRow, 'value' | 'status'>) =>
    r.value === null ? <StatusSymbol status={r.status} /> : shown(i18n, r.value);
  return (
    <div className="table-wrap">
      <table className="data-table pub-ranking">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('pub.col.rank')}
            </th>
            <th scope="col">{t('pub.col.municipality')}</th>
            <th scope="col" className="num">
              {t('pub.col.value')}
            </th>
            <th scope="col" className="num">
              {t('pub.col.ci')}
            </th>
            <th scope="col" className="num">
              {t('pub.col.numerator')}
            </th>
            <th scope="col" className="num">
              {t('pub.col.denominator')}
            </th>
            <th scope="col">{t('pub.col.band')}</th>
          </tr>
        </thead>
        <tbody>
          {extraRows?.map((x) => (
            <tr key={x.label} className="pub-reference-row">
              <td />
              <th scope="row">{x.label}</th>
              <td className="num">{value(x.row)}</td>
              <td className="num">{interval(i18n, x.row.lower, x.row.upper)}</td>
              <td className="num">{count(i18n, x.row.numerator)}</td>
              <td className="num">{count(i18n, x.row.denominator)}</td>
              <td />
            </tr>
          ))}
          {rows.map((r) => (
            <tr key={r.code} data-code={r.code} data-band={r.band} data-rank={r.rank ?? ''}>
              <td className="num">{r.rank ?? ''}</td>
              <th scope="row">
                <Link href={`${BASE}/kommun/${r.code}`}>{r.name}</Link>
              </th>
              <td className="num" data-value={r.value ?? ''}>
                {value(r)}
              </td>
              <td className="num">{interval(i18n, r.lower, r.upper)}</td>
              <td className="num">{count(i18n, r.numerator)}</td>
              <td className="num">{count(i18n, r.denominator)}</td>
              <td>
                <BandText band={r.band} direction={direction} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
