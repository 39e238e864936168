import type { AnswerIssue } from '../forms/validate.js';
import { getInstrument, type ScoreResult, type Sex } from '../instruments/index.js';
import type { PalliativeResult } from '../instruments/palliative.js';

/**
 * The server's own score of an entry that carries instrument answers: risk assessments, follow-up
 * measures and end-of-life registrations. The stored entry keeps the result beside the answers,
 * so the timeline shows exactly what the facts were derived from.
 */
export type DerivedScore = { ok: true; result: ScoreResult } | { ok: false; issues: AnswerIssue[] };

/** Which instrument scores an entry, or undefined for entries without answers. */
export function instrumentOfEntry(
  register: string,
  kind: string,
  data: Record<string, unknown>,
): string | undefined {
  if (register === 'palliative' && kind === 'death_registration') return 'palliative-eol';
  if (
    (register === 'senior_alert' && kind === 'risk_assessment') ||
    (register === 'followup' && kind === 'measure')
  )
    return typeof data['instrument'] === 'string' ? data['instrument'] : undefined;
  return undefined;
}

export function deriveScore(instrumentId: string, answers: Record<string, unknown>, sex: Sex): DerivedScore {
  const instrument = getInstrument(instrumentId);
  if (!instrument)
    return { ok: false, issues: [{ item: 'instrument', rule: 'unknown', message: 'no such instrument' }] };
  return instrument.score({ answers, ...(instrument.requiresSex ? { sex } : {}) });
}

export function isPalliativeResult(r: ScoreResult): r is PalliativeResult {
  return r.instrument === 'palliative-eol' && 'indicators' in r && 'expectedDeath' in r;
}
