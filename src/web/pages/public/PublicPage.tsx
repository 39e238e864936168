import { useRouter } from '../../router';
import { IndicatorList } from './IndicatorList';
import { IndicatorPage } from './IndicatorPage';
import { BASE } from './layout';
import { MunicipalityProfile } from './MunicipalityProfile';
import { RegionPage } from './RegionPage';
import { UnitPage } from './UnitPage';
import { NotFound } from '../NotFound';
import './public.css';

/**
 * The public open-comparison pages under /jamforelser, no login:
 *   /jamforelser                      the indicators by operating area
 *   /jamforelser/{kpi}                every municipality ranked, map and table (?ar, ?kon)
 *   /jamforelser/kommun/{code}        municipality profile
 *   /jamforelser/region/{county}      a county's municipalities (?indikator, ?ar, ?kon)
 *   /jamforelser/enhet/{ou}           one unit, where the data allow
 */
export function PublicPage() {
  const { path } = useRouter();
  const rest = path.slice(BASE.length).replace(/^\/+|\/+$/g, '');
  const parts = rest === '' ? [] : rest.split('/').map(decodeURIComponent);
  const [first, second] = parts;
  if (parts.length === 0) return <IndicatorList />;
  if (parts.length === 1 && first && /^[A-Z][0-9]{5}$/.test(first))
    return <IndicatorPage key={first} kpi={first} />;
  if (parts.length === 2 && first === 'kommun' && second && /^[0-9]{4}$/.test(second))
    return <MunicipalityProfile key={second} code={second} />;
  if (parts.length === 2 && first === 'region' && second && /^[0-9]{2}$/.test(second))
    return <RegionPage key={second} code={second} />;
  if (parts.length === 2 && first === 'enhet' && second) return <UnitPage key={second} ou={second} />;
  return <NotFound />;
}
