import { ValidationError } from '../../domain/errors.js';
import { SEXES, nodeOfKoladaId } from '../../domain/opendata/codes.js';
import { decodeSegment, parseIdList } from '../../domain/opendata/ids.js';
import { groupMean, koladaValue, type KoladaValue } from '../../domain/opendata/kolada.js';
import type { LoadedTable, OpenDataCache, Snapshot } from './cache.js';
import { ID_PATTERN } from './kolada-schema.js';

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

export interface DataItem {
  kpi: string;
  municipality?: string;
  ou?: string;
  period: number;
  isdeleted?: boolean;
  values: KoladaValue[];
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

function municipalityValues(snap: Snapshot, table: LoadedTable, id: string): KoladaValue[] {
  const group = snap.catalog.groupById.get(id);
  if (group) {
    return SEXES.flatMap((sex) => {
      const mean = groupMean(sex, [
        ...group.regionMembers.map((r) => table.get('region', r, sex)),
        ...group.members.map((m) => table.get('municipality', m, sex)),
      ]);
      return mean ? [mean] : [];
    });
  }
  const node = nodeOfKoladaId(id);
  if (!node) return [];
  return SEXES.flatMap((sex) => {
    const cell = table.get(node.level, node.code, sex);
    return cell ? [koladaValue(cell)] : [];
  });
}

function ouValues(snap: Snapshot, table: LoadedTable, code: string): KoladaValue[] {
  const unit = snap.catalog.unitByCode.get(code);
  if (!unit) return [];
  return SEXES.flatMap((sex) => {
    const cell = table.get('unit', unit.id, sex);
    return cell ? [koladaValue(cell)] : [];
  });
}

/** The ids a whole table answers for when the request names none. */
function defaultNodes(snap: Snapshot, table: LoadedTable, unit: UnitKind, all: boolean): string[] {
  if (unit === 'ou') {
    if (all) return snap.catalog.units.map((u) => u.code);
    return snap.catalog.units.filter((u) => table.get('unit', u.id, 'T')).map((u) => u.code);
  }
  const ids = [
    '0000',
    ...snap.catalog.regions.map((r) => r.koladaId),
    ...snap.catalog.municipalities.map((m) => m.code),
  ];
  if (all) return ids;
  return ids.filter((id) => {
    const node = nodeOfKoladaId(id);
    return node !== null && table.get(node.level, node.code, 'T') !== undefined;
  });
}

/**
 * The items of a data request. With fromDate, only tables published since then, and every id
 * of such a table that has no values any more comes back as {isdeleted: true, values: []} (a
 * superset of what was deleted: ids that never had values are included, which a client may
 * ignore).
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
      const ids = r.nodes ?? defaultNodes(snap, table, r.unit, fromDate !== undefined);
      for (const id of ids) {
        const values = r.unit === 'ou' ? ouValues(snap, table, id) : municipalityValues(snap, table, id);
        if (values.length === 0 && !fromDate) continue;
        const where = r.unit === 'ou' ? { ou: id } : { municipality: id };
        items.push({
          kpi: def.id,
          ...where,
          period: Number(year),
          ...(fromDate ? { isdeleted: values.length === 0 } : {}),
          values,
        });
      }
    }
  }
  return items;
}
