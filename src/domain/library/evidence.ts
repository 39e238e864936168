/**
 * The strength-of-evidence scale every entry states, strongest first. Modelled on the GRADE
 * levels that Swedish national guidelines and SBU use (high, moderate, low, very low), plus the
 * two kinds of knowledge the library also holds: proven experience (beprövad erfarenhet, e.g. a
 * consensus in a guideline) and a local result that has not been studied elsewhere.
 */
export const EVIDENCE_LEVELS = [
  'high',
  'moderate',
  'low',
  'very_low',
  'proven_experience',
  'local_result',
] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];

/** 1 for the strongest; a filter "at least moderate" keeps rank ≤ 2. */
export function evidenceRank(level: EvidenceLevel): number {
  return EVIDENCE_LEVELS.indexOf(level) + 1;
}

/** The levels at least as strong as `level` (for the search filter "at least …"). */
export function atLeast(level: EvidenceLevel): EvidenceLevel[] {
  return EVIDENCE_LEVELS.slice(0, evidenceRank(level));
}

/** Research-based levels, as opposed to experience and local results. */
export function isResearchBased(level: EvidenceLevel): boolean {
  return evidenceRank(level) <= evidenceRank('very_low');
}
