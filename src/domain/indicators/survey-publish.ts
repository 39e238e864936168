import type { ParentMap } from '../disclosure/table.js';
import { wilsonInterval } from '../stats/wilson.js';
import { hiddenNodes } from '../surveys/disclose.js';
import type { IndicatorDefinition } from './definition.js';
import type { PublishedValue } from './publish.js';
import { municipalityNode, NATION_NODE, parseNode, regionNode, unitNode, type Placement } from './rollup.js';

/**
 * Survey indicators from settled counts to published tables (issue #13). One survey kind and
 * period at a time: every theme and the response rate share one suppression pattern, computed on
 * the respondents (primary: 1 ≤ respondents < threshold; then exact secondary suppression along
 * unit → municipality → region → nation). Determinability depends only on the pattern and the
 * additive relations, never on the values, so no theme reveals a cell another theme hides.
 * Answers carry no sex: every table has "T" cells only.
 */
export interface SurveyCountRow {
  roundId: string;
  period: string;
  unitId: string;
  indicatorId: string;
  respondents: number;
  numerator: number;
  denominator: number;
}

export interface SurveyHierarchy {
  parents: ParentMap;
  /** Unit id → its node and every node above it, unit first. */
  chains: Map<string, string[]>;
}

/** The org hierarchy over the units (as of the period's placements). */
export function surveyHierarchy(
  unitIds: Iterable<string>,
  placements: ReadonlyMap<string, Placement>,
): SurveyHierarchy {
  const parents = new Map<string, string | null>([[NATION_NODE, null]]);
  const chains = new Map<string, string[]>();
  for (const unitId of unitIds) {
    const place = placements.get(unitId);
    if (!place) throw new Error(`unit ${unitId} has no place in the org register for the period`);
    const chain = [
      unitNode(unitId),
      municipalityNode(place.municipalityCode),
      regionNode(place.regionCode),
      NATION_NODE,
    ];
    chain.slice(0, -1).forEach((node, i) => parents.set(node, chain[i + 1] as string));
    chains.set(unitId, chain);
  }
  return { parents, chains };
}

/** Respondents per node: each (round, unit) counted once, rounds of the same period added. */
function respondentsByNode(rows: readonly SurveyCountRow[], h: SurveyHierarchy): Map<string, number> {
  const perRoundUnit = new Map<string, { unitId: string; n: number }>();
  for (const r of rows) perRoundUnit.set(`${r.roundId}|${r.unitId}`, { unitId: r.unitId, n: r.respondents });
  const out = new Map<string, number>([...h.parents.keys()].map((node) => [node, 0]));
  for (const { unitId, n } of perRoundUnit.values())
    for (const node of h.chains.get(unitId) ?? []) out.set(node, (out.get(node) ?? 0) + n);
  return out;
}

/** The tables of one survey kind and period: one per definition, every node of the hierarchy. */
export function publishSurveyTables(
  defs: readonly IndicatorDefinition[],
  period: string,
  rows: readonly SurveyCountRow[],
  placements: ReadonlyMap<string, Placement>,
  threshold: number,
): Array<{ indicatorId: string; version: number; period: string; values: PublishedValue[] }> {
  const h = surveyHierarchy(new Set(rows.map((r) => r.unitId)), placements);
  const hidden = hiddenNodes(h.parents, respondentsByNode(rows, h), threshold);
  const nodes = [...h.parents.keys()].sort();
  return defs.map((def) => {
    const sums = new Map<string, { numerator: number; denominator: number }>(
      nodes.map((node) => [node, { numerator: 0, denominator: 0 }]),
    );
    for (const r of rows.filter((x) => x.indicatorId === def.id))
      for (const node of h.chains.get(r.unitId) ?? []) {
        const s = sums.get(node) as { numerator: number; denominator: number };
        s.numerator += r.numerator;
        s.denominator += r.denominator;
      }
    const values = nodes.map((node): PublishedValue => {
      const s = sums.get(node) as { numerator: number; denominator: number };
      const isHidden = hidden.has(node);
      const interval = isHidden ? null : wilsonInterval(s.numerator, s.denominator);
      return {
        indicatorId: def.id,
        version: def.version,
        period,
        ...parseNode(node),
        sex: 'T',
        numerator: isHidden ? null : s.numerator,
        denominator: isHidden ? null : s.denominator,
        rate: isHidden || s.denominator === 0 ? null : s.numerator / s.denominator,
        ciLower: interval?.lower ?? null,
        ciUpper: interval?.upper ?? null,
        coverage: null,
        status: isHidden ? 'suppressed' : 'ok',
      };
    });
    return { indicatorId: def.id, version: def.version, period, values };
  });
}
