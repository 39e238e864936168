import { QUALITY_AREAS, type IndicatorDefinition } from '../../domain/indicators/definition.js';
import { OPERATING_AREAS } from '../../domain/org/codes.js';
import { KOLADA_NATION } from '../../domain/opendata/codes.js';
import { koladaKpi, type KoladaKpi } from '../../domain/opendata/kolada.js';
import type { Snapshot } from './cache.js';
import { OPERATING_AREA_SV, QUALITY_AREA_SV } from './labels.js';
import type { KoladaMunicipality, KoladaOu } from '../../contracts/opendata.js';

/** Kolada v3 metadata lists built from the catalog: kpi, kpi_groups, municipality, groups, ou. */
export interface Filter {
  ids?: readonly string[];
  title?: string;
}

function matches(f: Filter, id: string, title: string): boolean {
  if (f.ids && !f.ids.includes(id)) return false;
  return !f.title || title.toLocaleLowerCase('sv').includes(f.title.toLocaleLowerCase('sv'));
}

export interface KpiFilter extends Filter {
  /** K or L: KPIs with values for that type ("A" has both); A: only KPIs for both. */
  municipalityType?: 'K' | 'L' | 'A';
  /** Part of the operating area's title, any case. */
  operatingArea?: string;
  /** The latest year with values. */
  publPeriod?: string;
  /** Published (publication_date) on or after this day. */
  publishedSince?: Date;
}

export function kpiList(snap: Snapshot, f: KpiFilter): KoladaKpi[] {
  const since = f.publishedSince?.toISOString().slice(0, 10);
  const area = f.operatingArea?.toLocaleLowerCase('sv');
  return snap.catalog.definitions
    .filter((d) => matches(f, d.id, d.title.sv))
    .map((d) => {
      const years = snap.publications.filter((p) => p.indicatorId === d.id && /^\d{4}$/.test(p.period));
      const all = snap.publications.filter((p) => p.indicatorId === d.id);
      const latest = all.reduce<Date | null>((m, p) => (!m || p.publishedAt > m ? p.publishedAt : m), null);
      return koladaKpi(d, {
        publishedOn: latest ? latest.toISOString().slice(0, 10) : null,
        latestYear: years.reduce<string | null>((m, p) => (!m || p.period > m ? p.period : m), null),
      });
    })
    .filter(
      (k) =>
        (!f.municipalityType || k.municipality_type === f.municipalityType || k.municipality_type === 'A') &&
        (!area || k.operating_area.toLocaleLowerCase('sv').includes(area)) &&
        (!f.publPeriod || k.publ_period === f.publPeriod) &&
        (!since || (k.publication_date !== null && k.publication_date >= since)),
    );
}

export interface KoladaGroup {
  id: string;
  title: string;
  members: Array<{ member_id: string; member_title: string }>;
}

/** Our KPI groups: one per quality area and one per operating area of the public indicators. */
export function kpiGroupList(snap: Snapshot, f: Filter): KoladaGroup[] {
  const defs = snap.catalog.definitions;
  const members = (ds: IndicatorDefinition[]) =>
    ds.map((d) => ({ member_id: d.id, member_title: d.title.sv }));
  const groups: KoladaGroup[] = [
    ...QUALITY_AREAS.map((a, i) => ({
      id: `KGQ${i + 1}`,
      title: `Kvalitetsområde: ${QUALITY_AREA_SV[a]}`,
      members: members(defs.filter((d) => d.qualityArea === a)),
    })),
    ...OPERATING_AREAS.map((a, i) => ({
      id: `KGV${i + 1}`,
      title: `Verksamhet: ${OPERATING_AREA_SV[a]}`,
      members: members(defs.filter((d) => d.operatingArea === a)),
    })),
  ];
  return groups.filter((g) => g.members.length > 0 && matches(f, g.id, g.title));
}

/** The nation, the regions (type L) and the municipalities (type K), as Kolada lists them. */
export function municipalityList(snap: Snapshot, f: Filter & { type?: 'K' | 'L' }): KoladaMunicipality[] {
  const all: KoladaMunicipality[] = [
    { id: KOLADA_NATION, title: 'Riket', type: 'L' },
    ...snap.catalog.regions.map((r) => ({ id: r.koladaId, title: r.koladaTitle, type: 'L' as const })),
    ...snap.catalog.municipalities.map((m) => ({ id: m.code, title: m.name, type: 'K' as const })),
  ];
  return all.filter((m) => (!f.type || m.type === f.type) && matches(f, m.id, m.title));
}

export function municipalityGroupList(snap: Snapshot, f: Filter): KoladaGroup[] {
  const name = (code: string) => snap.catalog.municipalityByCode.get(code)?.name ?? code;
  const region = new Map(snap.catalog.regions.map((r) => [r.code, r]));
  return snap.catalog.groups
    .filter((g) => matches(f, g.id, g.title))
    .map((g) => ({
      id: g.id,
      title: g.title,
      members: [
        ...g.regionMembers.map((c) => ({
          member_id: region.get(c)?.koladaId ?? `00${c}`,
          member_title: region.get(c)?.koladaTitle ?? c,
        })),
        ...g.members.map((m) => ({ member_id: m, member_title: name(m) })),
      ],
    }));
}

export function ouList(snap: Snapshot, f: Filter & { municipalities?: readonly string[] }): KoladaOu[] {
  return snap.catalog.units
    .filter((u) => !f.municipalities || f.municipalities.includes(u.municipalityCode))
    .filter((u) => matches(f, u.code, u.name))
    .map((u) => ({ id: u.code, municipality: u.municipalityCode, title: u.name }));
}
