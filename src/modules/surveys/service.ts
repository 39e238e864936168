import type { Db, Queryable } from '../../db/db.js';
import type { SurveyRound } from '../../contracts/surveys.js';
import { ConflictError, NotFoundError, TooManyRequestsError, ValidationError } from '../../domain/errors.js';
import { isAnswered, validateAnswers } from '../../domain/forms/index.js';
import {
  progressiveDelaySeconds,
  swedishDate,
  THROTTLE_WINDOW_MINUTES,
  type ThrottleRule,
} from '../../domain/identity/session.js';
import { generateCode, normalizeCode } from '../../domain/surveys/codes.js';
import { shuffledPool } from '../../domain/surveys/shuffle.js';
import { findTemplate } from '../../domain/surveys/templates.js';
import type { SurveyTemplate } from '../../domain/surveys/template.js';
import { appendAudit } from '../audit/append.js';
import { hashCode } from './keys.js';
import * as q from './queries.js';

/** What the survey services need besides the database: the code key and a source of randomness. */
export interface SurveyKeys {
  codeKey: Buffer;
  /** Unbiased integer in [0, n): crypto.randomInt in production, injectable in tests. */
  randomInt: (n: number) => number;
}

/** A guesser from one address waits after 10 failures; a round under attack after 200. */
export const ADDRESS_CODE_RULE: ThrottleRule = { free: 10, firstDelaySeconds: 30, maxDelaySeconds: 15 * 60 };
export const ROUND_CODE_RULE: ThrottleRule = { free: 200, firstDelaySeconds: 2, maxDelaySeconds: 60 };

export function templateOf(round: q.RoundRow): SurveyTemplate {
  const template = findTemplate(round.templateId, round.templateVersion);
  if (!template)
    throw new Error(`round ${round.id} names unknown template ${round.templateId} v${round.templateVersion}`);
  return template;
}

export async function roundOrThrow(db: Queryable, id: string): Promise<q.RoundRow> {
  const round = await q.findRound(db, id);
  if (!round) throw new NotFoundError('Survey round');
  return round;
}

export type RoundInput = Omit<SurveyRound, 'id'>;

export async function createRound(db: Db, input: RoundInput, createdBy: string | null): Promise<q.RoundRow> {
  if (!findTemplate(input.templateId, input.templateVersion)) {
    throw new ValidationError([
      { field: 'templateId', rule: 'unknown_template', message: 'no such template version' },
    ]);
  }
  if (input.closesOn < input.opensOn) {
    throw new ValidationError([
      { field: 'closesOn', rule: 'before_opens_on', message: 'must not be before opensOn' },
    ]);
  }
  const id = await db.transaction((tx) => q.insertRound(tx, { ...input, createdBy }));
  return roundOrThrow(db, id);
}

/** Issues `count` new codes for a unit of a round; the plain codes leave only in this answer. */
export async function issueCodes(
  db: Db,
  keys: SurveyKeys,
  input: { roundId: string; unitId: string; count: number },
  actor: { accountId: string | null; clientAddress: string | null; now: Date },
): Promise<string[]> {
  const round = await roundOrThrow(db, input.roundId);
  if (!round.unitIds.includes(input.unitId)) {
    throw new ValidationError([
      { field: 'unitId', rule: 'not_in_round', message: 'the unit is not part of the round' },
    ]);
  }
  const codes = Array.from({ length: input.count }, () => generateCode(keys.randomInt));
  await db.transaction(async (tx) => {
    await q.insertCodes(tx, {
      roundId: round.id,
      unitId: input.unitId,
      hashes: codes.map((c) => hashCode(keys.codeKey, c)),
      issuedBy: actor.accountId,
    });
    await appendAudit(
      tx,
      {
        actorUserId: actor.accountId,
        action: 'export',
        outcome: 'allowed',
        unitId: input.unitId,
        recordType: 'survey_codes',
        recordId: round.id,
        clientAddress: actor.clientAddress,
        details: { codes: codes.length },
      },
      actor.now,
    );
  });
  return codes;
}

export interface Submission {
  roundId: string;
  code: string;
  answers: Record<string, unknown>;
  clientAddress: string;
  now: Date;
}

/** How long a guesser must wait; 0 when the address and the round may try now. */
async function waitSeconds(db: Db, s: Submission): Promise<number> {
  const since = new Date(s.now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000);
  const f = await db.transaction((tx) => q.failuresSince(tx, s.clientAddress, s.roundId, since));
  return Math.max(
    progressiveDelaySeconds(f.address, ADDRESS_CODE_RULE, s.now),
    progressiveDelaySeconds(f.round, ROUND_CODE_RULE, s.now),
  );
}

const badCode = (rule: string, message: string) => new ValidationError([{ field: 'code', rule, message }]);

/**
 * Spends a code and stores its answers in one transaction; a refused code is counted against the
 * address and the round (in its own transaction, so the failure is recorded even as this one fails).
 */
export async function submitAnswers(
  db: Db,
  keys: SurveyKeys,
  s: Submission,
  paper?: { accountId: string; clientAddress: string | null; unitId: string },
): Promise<void> {
  const round = await roundOrThrow(db, s.roundId);
  const wait = paper ? 0 : await waitSeconds(db, s);
  if (wait > 0) {
    throw new TooManyRequestsError(
      'För många felaktiga koder. Försök igen senare. / Too many wrong codes; try later.',
      wait,
    );
  }
  const today = swedishDate(s.now);
  if (today < round.opensOn || today > round.closesOn) {
    throw new ConflictError('Undersökningen är inte öppen. / The survey is not open.');
  }
  const template = templateOf(round);
  const answers = checkedAnswers(template, s.answers);
  const code = normalizeCode(s.code);
  const refused = async (error: ValidationError): Promise<never> => {
    if (!paper) await db.transaction((tx) => q.recordFailure(tx, s.clientAddress, round.id, s.now));
    throw error;
  };
  if (code === null) return refused(badCode('malformed', 'is not a code of 18 letters and digits'));
  const outcome = await db.transaction(async (tx) => {
    const spent = await q.spendCode(tx, round.id, hashCode(keys.codeKey, code), paper?.unitId);
    if (!spent || 'spent' in spent) return spent;
    await q.lockPool(tx, round.id, spent.unitId);
    const pool = await q.poolAnswers(tx, round.id, spent.unitId);
    await q.rewritePool(tx, round.id, spent.unitId, shuffledPool([...pool, answers], keys.randomInt));
    if (paper) {
      await appendAudit(
        tx,
        {
          actorUserId: paper.accountId,
          action: 'record_write',
          outcome: 'allowed',
          unitId: spent.unitId,
          recordType: 'survey_paper_answer',
          recordId: round.id,
          clientAddress: paper.clientAddress,
        },
        s.now,
      );
    }
    return spent;
  });
  if (outcome === undefined) return refused(badCode('unknown', 'is not a code of this survey'));
  if ('spent' in outcome) return refused(badCode('used', 'has already been used'));
}

/** Only the form's own items, validated: nothing else (no time, no client data) is ever stored. */
function checkedAnswers(template: SurveyTemplate, raw: Record<string, unknown>): Record<string, unknown> {
  const issues = validateAnswers(template.form, raw);
  if (issues.length > 0) {
    throw new ValidationError(
      issues.map((i) => ({ field: `answers.${i.item}`, rule: i.rule, message: i.message })),
    );
  }
  const kept: Record<string, unknown> = {};
  for (const theme of template.themes)
    for (const id of theme.items) if (isAnswered(raw[id])) kept[id] = raw[id];
  if (Object.keys(kept).length === 0) {
    throw new ValidationError([{ field: 'answers', rule: 'empty', message: 'answer at least one question' }]);
  }
  return kept;
}
