import { conditionSchema, type Condition, type LeafCondition } from '../condition.js';
import { OWN_EXT, findExtension } from './extensions.js';
import type { ImportContext } from './import-context.js';
import type { EnableWhen, Extension, QuestionnaireItem } from './types.js';

const OPERATORS = {
  exists: 'exists',
  '=': 'equals',
  '!=': 'notEquals',
  '>': 'gt',
  '>=': 'gte',
  '<': 'lt',
  '<=': 'lte',
} as const;

/**
 * enableWhen / enableBehavior (or our own extension) as a condition. "=" answers on one
 * question with behaviour "any" become "in". undefined: no condition; null: failed (issue noted).
 */
export function readEnableWhen(
  ctx: ImportContext,
  qi: QuestionnaireItem,
  path: string,
): Condition | undefined | null {
  const own = findExtension(qi.extension, OWN_EXT.enableWhen);
  if (own) return ownCondition(ctx, own, qi.linkId);
  if (!qi.enableWhen?.length) return undefined;
  const leaves: LeafCondition[] = [];
  for (const ew of qi.enableWhen) {
    const leaf = readLeaf(ctx, ew, qi.linkId, path);
    if (!leaf) return null;
    leaves.push(leaf);
  }
  if (leaves.length === 1) return leaves[0];
  if (qi.enableBehavior === 'any') {
    const first = leaves[0]!;
    const values = leaves.flatMap((l) =>
      l.op === 'equals' && l.item === first.item && typeof l.value !== 'boolean' ? [l.value] : [],
    );
    if (values.length === leaves.length) return { item: first.item, op: 'in', values };
    return { any: leaves };
  }
  return { all: leaves };
}

function findItem(
  items: readonly QuestionnaireItem[] | undefined,
  linkId: string,
): QuestionnaireItem | undefined {
  for (const i of items ?? []) {
    if (i.linkId === linkId) return i;
    const found = findItem(i.item, linkId);
    if (found) return found;
  }
  return undefined;
}

function readLeaf(ctx: ImportContext, ew: EnableWhen, linkId: string, path: string): LeafCondition | null {
  const op = OPERATORS[ew.operator];
  const answer =
    ew.answerCoding?.code ??
    ew.answerBoolean ??
    ew.answerInteger ??
    ew.answerDecimal ??
    ew.answerDate ??
    ew.answerString;
  // A choice question's options become codes (valueInteger 1 → "1", valueDate and valueString as
  // they are, valueCoding → its code), so its enableWhen compares with the same code.
  const target = findItem(ctx.q.item, ew.question);
  const choice = target?.type === 'choice' || target?.type === 'open-choice';
  const value = choice && typeof answer === 'number' ? String(answer) : answer;
  if (value === undefined) {
    ctx.issue(
      linkId,
      `${path}.enableWhen`,
      'unsupported_condition',
      `enableWhen on "${ew.question}" uses an answer type we cannot compare`,
    );
    return null;
  }
  if (op === 'exists') return { item: ew.question, op, value: value as boolean };
  if (op === 'equals' || op === 'notEquals') return { item: ew.question, op, value };
  if (typeof value === 'boolean') {
    ctx.issue(
      linkId,
      `${path}.enableWhen`,
      'unsupported_condition',
      `"${ew.operator}" cannot compare a boolean`,
    );
    return null;
  }
  return { item: ew.question, op, value };
}

/** required: true, our conditional-required extension, or nothing. null: failed (issue noted). */
export function readRequired(
  ctx: ImportContext,
  qi: QuestionnaireItem,
): boolean | Condition | undefined | null {
  const own = findExtension(qi.extension, OWN_EXT.requiredWhen);
  if (own) return ownCondition(ctx, own, qi.linkId);
  return qi.required === true && qi.type !== 'group' && qi.type !== 'display' ? true : undefined;
}

function ownCondition(ctx: ImportContext, ext: Extension, linkId: string): Condition | null {
  const parsed = conditionSchema.safeParse(ctx.json(ext, linkId));
  if (parsed.success) return parsed.data;
  ctx.issue(linkId, linkId, 'invalid_extension', `${ext.url} does not hold a valid condition`);
  return null;
}
