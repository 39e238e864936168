import type { CountCell, ParentMap } from '../disclosure/table.js';

/**
 * Builds the additive table of one indicator × period: unit counts rolled up along the org
 * register as of the period (unit → municipality → region → nation), with T = K + M.
 */
export const NATION_NODE = 'nation';
export const regionNode = (code: string) => `R${code}`;
export const municipalityNode = (code: string) => `M${code}`;
export const unitNode = (unitId: string) => `U${unitId}`;

export type OrgLevel = 'nation' | 'region' | 'municipality' | 'unit';

export function parseNode(node: string): { level: OrgLevel; code: string } {
  if (node === NATION_NODE) return { level: 'nation', code: '0000' };
  const kind = node[0];
  const code = node.slice(1);
  if (kind === 'R') return { level: 'region', code };
  if (kind === 'M') return { level: 'municipality', code };
  if (kind === 'U') return { level: 'unit', code };
  throw new Error(`not an org node: ${node}`);
}

export function nodeOf(level: OrgLevel, code: string): string {
  if (level === 'nation') return NATION_NODE;
  if (level === 'region') return regionNode(code);
  return level === 'municipality' ? municipalityNode(code) : unitNode(code);
}

export interface UnitSexCount {
  unitId: string;
  sex: 'K' | 'M';
  numerator: number;
  denominator: number;
}

export interface Placement {
  municipalityCode: string;
  regionCode: string;
}

export function rollUp(
  counts: readonly UnitSexCount[],
  placements: ReadonlyMap<string, Placement>,
): { parents: ParentMap; cells: CountCell[] } {
  const parents = new Map<string, string | null>([[NATION_NODE, null]]);
  const sums = new Map<string, { numerator: number; denominator: number }>();
  const add = (node: string, sex: 'T' | 'K' | 'M', c: UnitSexCount) => {
    const key = `${sex}|${node}`;
    const s = sums.get(key) ?? { numerator: 0, denominator: 0 };
    s.numerator += c.numerator;
    s.denominator += c.denominator;
    sums.set(key, s);
  };
  for (const c of counts) {
    const place = placements.get(c.unitId);
    if (!place) throw new Error(`unit ${c.unitId} has no place in the org register for the period`);
    const unit = unitNode(c.unitId);
    const municipality = municipalityNode(place.municipalityCode);
    const region = regionNode(place.regionCode);
    parents.set(unit, municipality);
    parents.set(municipality, region);
    parents.set(region, NATION_NODE);
    for (const node of [unit, municipality, region, NATION_NODE]) {
      add(node, c.sex, c);
      add(node, 'T', c);
    }
  }
  // Both sexes exist for every node so T = K + M always has its parts.
  for (const node of parents.keys()) {
    for (const sex of ['T', 'K', 'M'] as const) {
      const key = `${sex}|${node}`;
      if (!sums.has(key)) sums.set(key, { numerator: 0, denominator: 0 });
    }
  }
  const cells: CountCell[] = [...sums.entries()]
    .map(([key, s]) => {
      const [sex, node] = key.split('|') as ['T' | 'K' | 'M', string];
      return { node, sex, numerator: s.numerator, denominator: s.denominator };
    })
    .sort((a, b) => (a.node === b.node ? a.sex.localeCompare(b.sex) : a.node.localeCompare(b.node)));
  return { parents, cells };
}
