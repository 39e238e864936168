import { ValidationError } from '../../domain/errors.js';
import { SEXES, nodeOfKoladaId, type Level } from '../../domain/opendata/codes.js';
import { decodeSegment, parseIdList } from '../../domain/opendata/ids.js';
import { groupMean, koladaValue, withdrawnValue, type KoladaValue } from '../../domain/opendata/kolada.js';
import type { LoadedTable, OpenDataCache, Snapshot } from './cache.js';
import { ID_PATTERN } from './kolada-schema.js';
import type { DataItem } from '../../contracts/opendata.js';

/**
 * Kolada v3 data: /data/kpi/{kpi}/municipality/{m}/year/{y} and the two-of-three forms, and the
 * same under /oudata with ou. Values come from the cached published tables; a group id in the
 * municipality segment gives the unweighted mean of its members.
 */
export type UnitKind = 'municipality' | 'ou';

export interface DataRequest {
  unit: UnitKind;
  kpis?: string[];
  nodes?: string[];
  years?: string[];
}

const WHAT = {
  kpi: 'a KPI id such as K10001',
  municipality: 'a municipality, region ("00" + county), nation ("0000") or group id (G…)',
  ou: 'an organisational unit id',
  year: 'a year (four digits)',
} as const;

/** Parses the path after /data/ or /oudata/ into at least two of kpi, municipality|ou, year. */
export function parseDataPath(rest: string, unit: UnitKind): DataRequest {
  const parts = rest.split('/').filter((s) => s !== '');
  const out: DataRequest = { unit };
  const issues = [];
  if (parts.length % 2 !== 0) {
    throw new ValidationError(
      [
        {
          field: 'path',
          rule: 'pairs',
          message: `expected name/value pairs after /${unit === 'ou' ? 'oudata' : 'data'}/`,
        },
      ],
      'params',
    );
  }
  for (let i = 0; i < parts.length; i += 2) {
    const name = parts[i] ?? '';
    const field = name === 'kpi' || name === 'year' || name === unit ? name : null;
    if (!field) {
      issues.push({
        field: 'path',
        rule: 'unknown_segment',
        message: `"${name}" is not kpi, ${unit} or year`,
      });
      continue;
    }
    const decoded = decodeSegment(field, parts[i + 1] ?? '');
    if (!decoded.ok) {
      issues.push(decoded.issue);
      continue;
    }
    const parsed = parseIdList(field, decoded.text, ID_PATTERN[field], WHAT[field]);
    if (!parsed.ok) {
      issues.push(parsed.issue);
      continue;
    }
    if (field === 'kpi') out.kpis = parsed.ids;
    else if (field === 'year') out.years = parsed.ids;
    else out.nodes = parsed.ids;
  }
  const given = [out.kpis, out.nodes, out.years].filter((x) => x !== undefined).length;
  if (issues.length === 0 && given < 2)
    issues.push({
      field: 'path',
      rule: 'two_of_three',
      message: `give at least two of kpi, ${unit} and year`,
    });
  if (issues.length) throw new ValidationError(issues, 'params');
  return out;
}

/** The published cell an id names: a unit (ou) or a nation, region or municipality. */
function nodeOf(snap: Snapshot, unit: UnitKind, id: string): { level: Level; code: string } | null {
  if (unit === 'municipality') return nodeOfKoladaId(id);
  const u = snap.catalog.unitByCode.get(id);
  return u ? { level: 'unit', code: u.id } : null;
}

/**
 * The values of one id in a table, by sex: published values, and with `since` the tombstones of
 * values withdrawn since then (isdeleted true). A group id gives its members' mean.
 */
function valuesOf(
  snap: Snapshot,
  table: LoadedTable,
  unit: UnitKind,
  id: string,
  since?: Date,
): KoladaValue[] {
  const group = unit === 'municipality' ? snap.catalog.groupById.get(id) : undefined;
  if (group) {
    return SEXES.flatMap((sex) => {
      const mean = groupMean(sex, [
        ...group.regionMembers.map((r) => table.get('region', r, sex)),
        ...group.members.map((m) => table.get('municipality', m, sex)),
      ]);
      return mean ? [mean] : [];
    });
  }
  const node = nodeOf(snap, unit, id);
  if (!node) return [];
  return SEXES.flatMap((sex) => {
    const cell = table.get(node.level, node.code, sex);
    if (cell) return [koladaValue(cell)];
    const gone = since ? table.withdrawnAt(node.level, node.code, sex) : undefined;
    return gone && since && gone >= since ? [withdrawnValue(sex)] : [];
  });
}

/** The ids a whole table answers for when the request names none (those without values are skipped). */
function defaultNodes(snap: Snapshot, unit: UnitKind): string[] {
  if (unit === 'ou') return snap.catalog.units.map((u) => u.code);
  return [
    '0000',
    ...snap.catalog.regions.map((r) => r.koladaId),
    ...snap.catalog.municipalities.map((m) => m.code),
  ];
}

/**
 * The items of a data request. With fromDate, only tables published since then, and with each
 * value withdrawn since then as a tombstone {value: null, isdeleted: true}; an item whose values
 * are all tombstones carries isdeleted: true itself.
 */
export async function dataItems(
  cache: OpenDataCache,
  snap: Snapshot,
  r: DataRequest,
  fromDate?: Date,
): Promise<DataItem[]> {
  const defs = r.kpis
    ? snap.catalog.definitions.filter((d) => r.kpis?.includes(d.id))
    : snap.catalog.definitions;
  const items: DataItem[] = [];
  for (const def of defs) {
    const published = snap.publications
      .filter((p) => p.indicatorId === def.id && /^\d{4}$/.test(p.period))
      .map((p) => p.period);
    const years = (r.years ?? published).filter((y) => published.includes(y)).sort();
    for (const year of years) {
      const table = await cache.table(snap, def.id, year);
      if (!table || (fromDate && table.publishedAt < fromDate)) continue;
      const ids = r.nodes ?? defaultNodes(snap, r.unit);
      for (const id of ids) {
        const values = valuesOf(snap, table, r.unit, id, fromDate);
        if (values.length === 0) continue;
        const where = r.unit === 'ou' ? { ou: id } : { municipality: id };
        items.push({
          kpi: def.id,
          ...where,
          period: Number(year),
          ...(fromDate ? { isdeleted: values.every((v) => v.isdeleted) } : {}),
          values,
        });
      }
    }
  }
  return items;
}
