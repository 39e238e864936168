import type { Queryable } from '../../db/db.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { activeDefinitions } from '../indicators/engine.js';
import { listMunicipalities, listRegions } from '../org/queries.js';
import { municipalityGroups, units, type GroupRow, type UnitRow } from './queries.js';

/**
 * What the open data APIs describe besides values: the public indicators (openComparisons only),
 * regions, municipalities, municipality groups and units. Read whole and kept until the data
 * version says something changed.
 */
export interface Catalog {
  definitions: IndicatorDefinition[];
  definitionById: ReadonlyMap<string, IndicatorDefinition>;
  /** name: the county name (our pages); koladaTitle: Kolada's title (the Kolada API). */
  regions: Array<{ code: string; koladaId: string; koladaTitle: string; name: string }>;
  municipalities: Array<{ code: string; name: string; regionCode: string }>;
  municipalityByCode: ReadonlyMap<string, { code: string; name: string; regionCode: string }>;
  regionName: ReadonlyMap<string, string>;
  groups: GroupRow[];
  groupById: ReadonlyMap<string, GroupRow>;
  units: UnitRow[];
  unitById: ReadonlyMap<string, UnitRow>;
  unitByCode: ReadonlyMap<string, UnitRow>;
}

export async function loadCatalog(q: Queryable, today: string): Promise<Catalog> {
  // One after the other: a rare reload, and it keeps to one pooled connection.
  const definitions = await activeDefinitions(q);
  const regions = await listRegions(q, today);
  const municipalities = await listMunicipalities(q, { asOf: today });
  const groups = await municipalityGroups(q);
  const unitRows = await units(q);
  const open = definitions.filter((d) => d.openComparisons).sort((a, b) => (a.id < b.id ? -1 : 1));
  const ms = municipalities.map((m) => ({ code: m.code, name: m.name, regionCode: m.regionCode }));
  return {
    definitions: open,
    definitionById: new Map(open.map((d) => [d.id, d])),
    regions: regions.map((r) => ({
      code: r.code,
      koladaId: r.koladaId,
      koladaTitle: r.koladaTitle,
      name: r.name,
    })),
    municipalities: ms,
    municipalityByCode: new Map(ms.map((m) => [m.code, m])),
    regionName: new Map(regions.map((r) => [r.code, r.name])),
    groups,
    groupById: new Map(groups.map((g) => [g.id, g])),
    units: unitRows,
    unitById: new Map(unitRows.map((u) => [u.id, u])),
    unitByCode: new Map(unitRows.map((u) => [u.code, u])),
  };
}
