import type { MunicipalityDetail } from '../../contracts/org.js';
import { profileIds, publicRoute, publicUrls, seriesUrls, shownYear } from '../../contracts/public-pages.js';
import type { Queryable } from '../../db/db.js';
import { KOLADA_NATION } from '../../domain/opendata/codes.js';
import { todayIso } from '../../domain/org/validity.js';
import { listGroups, listMunicipalities } from '../org/queries.js';
import type { Snapshot } from './cache.js';

type MunicipalityGroups = Pick<MunicipalityDetail, 'municipality' | 'groups'>;

/** A municipality and its groups as GET /api/v1/org/municipalities/{code} answers them (org's reads). */
export async function municipalityGroups(q: Queryable, code: string): Promise<MunicipalityGroups | null> {
  const [municipality] = await listMunicipalities(q, { asOf: todayIso(), codes: [code] });
  if (!municipality) return null;
  return { municipality, groups: await listGroups(q, { municipalityCode: code }) };
}

/** Years with released values of an indicator, ascending (as the pages read them from the nation's series). */
function releasedYears(snap: Snapshot, kpi: string): number[] {
  return snap.publications
    .filter((p) => p.indicatorId === kpi && /^\d{4}$/.test(p.period))
    .map((p) => Number(p.period))
    .sort((a, b) => a - b);
}

/** What a page that ranks municipalities for one year reads for that year. */
function yearUrls(snap: Snapshot, kpi: string, asked: string | null): string[] {
  const year = shownYear(releasedYears(snap, kpi), asked);
  return year === undefined ? [] : [publicUrls.yearData(kpi, year), publicUrls.intervals(kpi, year)];
}

/**
 * The data a public page (/jamforelser…) reads before it can show its content, in the order it
 * asks: the lists every page shares, then the page's own series and year; not what only the
 * footer reads (the release), which would take a connection from the scripts. Public values only,
 * the same URLs as src/web/pages/public/data.ts builds from src/contracts/public-pages.ts.
 */
export async function publicPageHints(
  snap: Snapshot,
  url: URL,
  municipality: (code: string) => Promise<MunicipalityGroups | null>,
): Promise<string[]> {
  const route = publicRoute(url.pathname);
  if (!route) return [];
  const shared = [publicUrls.definitions, publicUrls.koladaPlaces, publicUrls.regions];
  const asked = url.searchParams.get('ar');
  switch (route.kind) {
    case 'list':
      return [...shared, publicUrls.koladaKpis];
    case 'indicator': {
      if (!snap.catalog.definitionById.has(route.kpi)) return shared;
      return [
        ...shared,
        publicUrls.series([route.kpi], [KOLADA_NATION]),
        ...yearUrls(snap, route.kpi, asked),
      ];
    }
    case 'region': {
      const def =
        snap.catalog.definitionById.get(url.searchParams.get('indikator') ?? '') ??
        snap.catalog.definitions[0];
      if (!def) return shared;
      return [
        ...shared,
        publicUrls.series([def.id], [`00${route.code}`, KOLADA_NATION]),
        ...yearUrls(snap, def.id, asked),
      ];
    }
    case 'municipality': {
      const org = await municipality(route.code);
      const first = [publicUrls.municipality(route.code), publicUrls.definitions];
      if (!org) return first;
      const kpis = snap.catalog.definitions.map((d) => d.id);
      return [...first, ...seriesUrls(kpis, profileIds(route.code, org))];
    }
    case 'unit':
      return [publicUrls.definitions, publicUrls.koladaPlaces, publicUrls.regions];
  }
}
