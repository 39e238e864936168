import { ValidationError, type FieldIssue } from '../../domain/errors.js';
import type { ScoreResult } from '../../domain/instruments/index.js';
import { deriveScore, instrumentOfEntry } from '../../domain/registers/derive.js';
import { entrySchema } from '../../domain/registers/entries.js';

/** Validates the data of a (register, kind) and scores its answers; issues name `data.…` fields. */
export function validateEntry(
  register: string,
  kind: string,
  data: unknown,
  sex: 'K' | 'M',
): { data: Record<string, unknown>; derived: ScoreResult | null } {
  const schema = entrySchema(register, kind);
  if (!schema)
    throw new ValidationError([
      { field: 'kind', rule: 'unknown_kind', message: `${register} has no entry kind ${kind}` },
    ]);
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues.map((i): FieldIssue => ({
        field: ['data', ...i.path.map(String)].join('.'),
        rule: i.code,
        message: i.message,
      })),
    );
  const valid = parsed.data as Record<string, unknown>;
  const instrument = instrumentOfEntry(register, kind, valid);
  if (!instrument) return { data: valid, derived: null };
  const score = deriveScore(instrument, valid['answers'] as Record<string, unknown>, sex);
  if (!score.ok)
    throw new ValidationError(
      score.issues.map((i) => ({ field: `data.answers.${i.item}`, rule: i.rule, message: i.message })),
    );
  return { data: valid, derived: score.result };
}
