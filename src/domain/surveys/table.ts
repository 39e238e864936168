import {
  municipalityNode,
  NATION_NODE,
  parseNode,
  regionNode,
  unitNode,
  type OrgLevel,
  type Placement,
} from '../indicators/rollup.js';
import { hiddenNodes } from './disclose.js';
import { addCounts, measureKeys, positiveShare, responseRate, type SurveyCounts } from './results.js';
import type { SurveyTemplate } from './template.js';

/** One node's published result: everything null when disclosure control hides the node. */
export interface NodeResult {
  node: string;
  level: OrgLevel;
  code: string;
  hidden: boolean;
  codesIssued: number;
  respondents: number | null;
  responseRate: number | null;
  /** Measure key → share of positive answers (null: hidden or nobody took a stand). */
  shares: Record<string, number | null>;
  /** Measure key → answers that took a stand (the denominator); null when hidden. */
  answered: Record<string, number | null>;
}

export interface UnitInput {
  unitId: string;
  codesIssued: number;
  counts: SurveyCounts;
}

/**
 * Rolls unit counts up along the org register (unit → municipality → region → nation), then
 * hides every node below the minimum and whatever else would let it be recovered by subtraction.
 */
export function surveyTable(
  template: SurveyTemplate,
  units: readonly UnitInput[],
  placements: ReadonlyMap<string, Placement>,
  minimum: number,
): NodeResult[] {
  const parents = new Map<string, string | null>([[NATION_NODE, null]]);
  const sums = new Map<string, { codes: number; counts: SurveyCounts }>();
  for (const u of units) {
    const place = placements.get(u.unitId);
    if (!place) throw new Error(`unit ${u.unitId} has no place in the org register for the period`);
    const chain = [
      unitNode(u.unitId),
      municipalityNode(place.municipalityCode),
      regionNode(place.regionCode),
      NATION_NODE,
    ];
    chain.slice(0, -1).forEach((node, i) => parents.set(node, chain[i + 1] as string));
    for (const node of chain) {
      const s = sums.get(node);
      sums.set(
        node,
        s
          ? { codes: s.codes + u.codesIssued, counts: addCounts(s.counts, u.counts) }
          : { codes: u.codesIssued, counts: u.counts },
      );
    }
  }
  const respondents = new Map([...sums].map(([node, s]) => [node, s.counts.respondents]));
  const hidden = hiddenNodes(parents, respondents, minimum);
  const keys = measureKeys(template);
  return [...sums].map(([node, s]) => {
    const isHidden = hidden.has(node);
    const shares: Record<string, number | null> = {};
    const answered: Record<string, number | null> = {};
    for (const key of keys) {
      const tally = s.counts.measures[key] ?? { positive: 0, answered: 0 };
      shares[key] = isHidden ? null : positiveShare(tally);
      answered[key] = isHidden ? null : tally.answered;
    }
    return {
      node,
      ...parseNode(node),
      hidden: isHidden,
      codesIssued: s.codes,
      respondents: isHidden ? null : s.counts.respondents,
      responseRate: isHidden ? null : responseRate(s.counts.respondents, s.codes),
      shares,
      answered,
    };
  });
}
