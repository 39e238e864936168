import type { Db } from '../../db/db.js';
import { generateCode } from '../../domain/surveys/codes.js';
import { shuffledPool } from '../../domain/surveys/shuffle.js';
import { hashCode } from './keys.js';
import * as q from './queries.js';
import type { RoundInput, SurveyKeys } from './service.js';
import { createRound } from './service.js';

/** A closed round written in one go: per unit, how many codes went out and the answers that came back. */
export interface WrittenRound {
  round: RoundInput;
  units: { unitId: string; codesIssued: number; answers: Record<string, string>[] }[];
}

/**
 * Writes a whole round (unless a round of the same template and period exists: then null) for the synthetic nation through the same tables and rules as real answers:
 * codes stored only as keyed hashes (the plain codes are thrown away), as many spent as there are
 * answers, and each unit's answers as one pool in a fresh random order. Nothing links an answer to
 * a code here either. One transaction for the round's codes and pools.
 */
export async function writeRound(db: Db, keys: SurveyKeys, input: WrittenRound): Promise<string | null> {
  // Written once: a second nation over the same year must not double the year's answers.
  const existing = await q.roundsOfUnits(db, null);
  if (existing.some((r) => r.templateId === input.round.templateId && r.period === input.round.period))
    return null;
  const round = await createRound(db, input.round, null);
  await db.transaction(async (tx) => {
    for (const unit of input.units) {
      if (unit.answers.length > unit.codesIssued)
        throw new RangeError(`unit ${unit.unitId}: more answers than codes issued`);
      const hashes = Array.from({ length: unit.codesIssued }, () =>
        hashCode(keys.codeKey, generateCode(keys.randomInt)),
      );
      await q.insertCodes(tx, { roundId: round.id, unitId: unit.unitId, hashes, issuedBy: null });
      await q.markSpent(tx, round.id, hashes.slice(0, unit.answers.length));
      await q.rewritePool(tx, round.id, unit.unitId, shuffledPool(unit.answers, keys.randomInt));
    }
  });
  return round.id;
}
