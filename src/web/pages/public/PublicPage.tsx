import { publicRoute } from '../../../contracts/public-pages';
import { useRouter } from '../../router';
import { IndicatorList } from './IndicatorList';
import { IndicatorPage } from './IndicatorPage';
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
  const route = publicRoute(path);
  switch (route?.kind) {
    case 'list':
      return <IndicatorList />;
    case 'indicator':
      return <IndicatorPage key={route.kpi} kpi={route.kpi} />;
    case 'municipality':
      return <MunicipalityProfile key={route.code} code={route.code} />;
    case 'region':
      return <RegionPage key={route.code} code={route.code} />;
    case 'unit':
      return <UnitPage key={route.ou} ou={route.ou} />;
  }
  return <NotFound />;
}
