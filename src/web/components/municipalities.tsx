import type { MunicipalityList } from '../../contracts/org';
import { apiGet } from '../api';
import { useLoad, type Loadable } from '../useApi';

type Municipality = MunicipalityList['municipalities'][number];

/** Every municipality, sorted by Swedish name; loaded only when `enabled`. */
export function useMunicipalities(enabled: boolean): Loadable<Municipality[]> {
  return useLoad(enabled ? 'municipalities' : null, () =>
    apiGet<MunicipalityList>('/api/v1/org/municipalities').then((r) =>
      [...r.municipalities].sort((a, b) => a.name.localeCompare(b.name, 'sv')),
    ),
  );
}

/** The options of a municipality select: "Name (code)", once the list has loaded. */
export function MunicipalityOptions({ list }: { list: Loadable<Municipality[]> }) {
  if (list.state !== 'ready') return null;
  return (
    <>
      {list.data.map((m) => (
        <option key={m.code} value={m.code}>
          {m.name} ({m.code})
        </option>
      ))}
    </>
  );
}
