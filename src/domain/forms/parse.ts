import type { z } from 'zod';
import { conditionLeaves, type Condition } from './condition.js';
import {
  formDefinitionSchema,
  isAnswerable,
  isChoice,
  type FormDefinition,
  type ItemDefinition,
} from './definition.js';
import { expressionRefs } from './expression.js';
import { isCalendarDate } from './validate.js';
import { checkMappings } from './versioning.js';

/** A problem in a form definition, naming the item it concerns (null: the form itself). */
export interface DefinitionIssue {
  item: string | null;
  /** Where in the JSON, e.g. "items[2].options". */
  path: string;
  rule: string;
  message: string;
}

export type ParseResult = { ok: true; form: FormDefinition } | { ok: false; issues: DefinitionIssue[] };

export interface ParseOptions {
  /** The previous version; when given, the mappings are checked against its items too. */
  previous?: FormDefinition;
}

export class FormDefinitionError extends Error {
  constructor(readonly issues: DefinitionIssue[]) {
    super(issues.map((i) => i.message).join('; '));
    this.name = 'FormDefinitionError';
  }
}

/** Parses and checks a form definition; every problem is reported, each naming its item. */
export function parseFormDefinition(json: unknown, options: ParseOptions = {}): ParseResult {
  const parsed = formDefinitionSchema.safeParse(json);
  if (!parsed.success) return { ok: false, issues: zodIssues(json, parsed.error) };
  const issues = checkSemantics(parsed.data, options);
  return issues.length ? { ok: false, issues } : { ok: true, form: parsed.data };
}

/** parseFormDefinition that throws FormDefinitionError; for definitions shipped with the code. */
export function assertFormDefinition(json: unknown, options: ParseOptions = {}): FormDefinition {
  const result = parseFormDefinition(json, options);
  if (!result.ok) throw new FormDefinitionError(result.issues);
  return result.form;
}

function zodIssues(json: unknown, error: z.ZodError): DefinitionIssue[] {
  return error.issues.map((i) => {
    const path = formatPath(i.path);
    const item = nearestId(json, i.path);
    const where = item ? `item "${item}" (${path})` : path || '(root)';
    return { item, path, rule: i.code === 'custom' ? 'invalid' : i.code, message: `${where}: ${i.message}` };
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, n) => (typeof p === 'number' ? `[${p}]` : `${n ? '.' : ''}${String(p)}`)).join('');
}

/** The id of the innermost item on the path (walking the raw JSON), if any. */
function nearestId(json: unknown, path: readonly PropertyKey[]): string | null {
  let node: unknown = json;
  let id: string | null = null;
  for (const [n, key] of path.entries()) {
    if (node === null || typeof node !== 'object') break;
    node = (node as Record<PropertyKey, unknown>)[key as string];
    const parentKey = path[n - 1];
    const inItemList = typeof key === 'number' && (parentKey === 'items' || parentKey === 'computed');
    if (inItemList && node && typeof node === 'object') {
      const candidate = (node as Record<string, unknown>)['id'];
      if (typeof candidate === 'string') id = candidate;
    }
  }
  return id;
}

interface Located {
  item: ItemDefinition;
  path: string;
  parent: string | null;
}

function checkSemantics(form: FormDefinition, options: ParseOptions): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const add = (item: string | null, path: string, rule: string, message: string): void => {
    issues.push({ item, path, rule, message: item ? `item "${item}": ${message}` : message });
  };

  const located: Located[] = [];
  const walk = (items: ItemDefinition[], prefix: string, parent: string | null): void =>
    items.forEach((item, n) => {
      const path = `${prefix}items[${n}]`;
      located.push({ item, path, parent });
      if (item.type === 'group') walk(item.items, `${path}.`, item.id);
    });
  walk(form.items, '', null);

  const byId = new Map<string, Located>();
  for (const l of located) {
    if (byId.has(l.item.id))
      add(l.item.id, `${l.path}.id`, 'duplicate_id', `the id is used by more than one item`);
    else byId.set(l.item.id, l);
  }
  if (!located.some((l) => isAnswerable(l.item)))
    add(null, 'items', 'no_items', 'the form has no answerable item');

  const checkCondition = (owner: string | null, path: string, condition: Condition): void => {
    for (const leaf of conditionLeaves(condition)) {
      const target = byId.get(leaf.item)?.item;
      if (!target) {
        add(owner, path, 'unknown_reference', `the condition refers to unknown item "${leaf.item}"`);
        continue;
      }
      if (!isAnswerable(target)) {
        add(
          owner,
          path,
          'invalid_reference',
          `the condition refers to "${leaf.item}", a ${target.type} without answers`,
        );
        continue;
      }
      const problem = conditionValueProblem(target, leaf);
      if (problem) add(owner, path, 'invalid_condition_value', `the condition on "${leaf.item}" ${problem}`);
    }
  };

  for (const { item, path } of located) {
    if (isChoice(item)) {
      if (item.options.length === 0)
        add(item.id, `${path}.options`, 'empty_options', 'the option list is empty');
      const codes = item.options.map((o) => o.code);
      const dup = codes.find((c, n) => codes.indexOf(c) !== n);
      if (dup !== undefined)
        add(item.id, `${path}.options`, 'duplicate_option', `option code "${dup}" appears twice`);
      if (item.type === 'multipleChoice') {
        const { minSelected: lo, maxSelected: hi } = item;
        if ((lo ?? 0) > (hi ?? codes.length) || (hi ?? 0) > codes.length)
          add(item.id, path, 'invalid_range', 'minSelected/maxSelected do not fit the options');
      } else if (item.options.some((o) => o.exclusive !== undefined)) {
        add(item.id, `${path}.options`, 'invalid_exclusive', '"exclusive" applies to multiple choice only');
      }
    }
    if (item.type === 'number' && item.min !== undefined && item.max !== undefined && item.min > item.max)
      add(item.id, path, 'invalid_range', `min ${item.min} is greater than max ${item.max}`);
    if (item.type === 'date') {
      for (const d of [item.min, item.max])
        if (d !== undefined && !isCalendarDate(d))
          add(item.id, path, 'invalid_date', `"${d}" is not a real date`);
      if (item.min !== undefined && item.max !== undefined && item.min > item.max)
        add(item.id, path, 'invalid_range', `min ${item.min} is after max ${item.max}`);
    }
    if (item.type === 'group' && item.items.length === 0)
      add(item.id, `${path}.items`, 'empty_group', 'the group has no items');
    if (item.enableWhen) checkCondition(item.id, `${path}.enableWhen`, item.enableWhen);
    if (isAnswerable(item) && typeof item.required === 'object')
      checkCondition(item.id, `${path}.required`, item.required);
  }

  for (const cycle of findCycles(located, byId))
    add(cycle[0] ?? null, 'items', 'cyclic_condition', `visibility depends on itself: ${cycle.join(' → ')}`);

  const computedSeen = new Set<string>();
  (form.computed ?? []).forEach((c, n) => {
    const path = `computed[${n}]`;
    if (byId.has(c.id) || computedSeen.has(c.id))
      add(c.id, `${path}.id`, 'duplicate_id', 'the id is already used');
    for (const ref of expressionRefs(c.expression)) {
      if (ref.kind === 'computed') {
        if (!computedSeen.has(ref.id))
          add(
            c.id,
            `${path}.expression`,
            'unknown_reference',
            `refers to computed value "${ref.id}" that is not defined before it`,
          );
        continue;
      }
      const target = byId.get(ref.id)?.item;
      if (!target) add(c.id, `${path}.expression`, 'unknown_reference', `refers to unknown item "${ref.id}"`);
      else if (ref.kind === 'answer' && target.type !== 'number')
        add(
          c.id,
          `${path}.expression`,
          'invalid_reference',
          `"answer" needs a number item, "${ref.id}" is ${target.type}`,
        );
      else if (
        ref.kind === 'score' &&
        !(isChoice(target) && target.options.some((o) => o.score !== undefined))
      )
        add(
          c.id,
          `${path}.expression`,
          'invalid_reference',
          `"score" needs a scored choice item, "${ref.id}" is not`,
        );
    }
    computedSeen.add(c.id);
  });

  const constraintIds = new Set<string>();
  (form.constraints ?? []).forEach((c, n) => {
    const path = `constraints[${n}]`;
    if (constraintIds.has(c.id))
      add(c.item, `${path}.id`, 'duplicate_id', `constraint id "${c.id}" is used twice`);
    constraintIds.add(c.id);
    const target = byId.get(c.item)?.item;
    if (!target || !isAnswerable(target))
      add(c.item, `${path}.item`, 'unknown_reference', 'the constraint names no answerable item');
    if (c.when) checkCondition(c.item, `${path}.when`, c.when);
    checkCondition(c.item, `${path}.assert`, c.assert);
  });

  for (const i of checkMappings(form, new Set(byId.keys()), options.previous))
    add(i.item, i.path, i.rule, i.message);
  return issues;
}

function conditionValueProblem(
  target: ItemDefinition,
  leaf: ReturnType<typeof conditionLeaves>[number],
): string | null {
  if (leaf.op === 'exists') return null;
  const values = leaf.op === 'in' ? leaf.values : [leaf.value];
  const comparison = leaf.op === 'gt' || leaf.op === 'gte' || leaf.op === 'lt' || leaf.op === 'lte';
  switch (target.type) {
    case 'singleChoice':
    case 'multipleChoice': {
      if (comparison) return `cannot use "${leaf.op}" on a choice item`;
      const codes = target.options.map((o) => o.code);
      const bad = values.find((v) => typeof v !== 'string' || !codes.includes(v));
      return bad === undefined ? null : `names ${JSON.stringify(bad)}, which is not one of its options`;
    }
    case 'number':
      return values.every((v) => typeof v === 'number') ? null : 'must compare with a number';
    case 'date':
      return values.every((v) => typeof v === 'string' && isCalendarDate(v))
        ? null
        : 'must compare with a date YYYY-MM-DD';
    case 'boolean':
      return leaf.op === 'equals' || leaf.op === 'notEquals'
        ? typeof leaf.value === 'boolean'
          ? null
          : 'must compare with true or false'
        : `cannot use "${leaf.op}" on a yes/no item`;
    case 'text':
      if (comparison) return `cannot use "${leaf.op}" on a text item`;
      return values.every((v) => typeof v === 'string') ? null : 'must compare with a string';
    default:
      return null;
  }
}

/** Cycles in "visibility of A depends on B" (A's condition reads B, or B is A's group). */
function findCycles(located: Located[], byId: Map<string, Located>): string[][] {
  const edges = new Map<string, string[]>();
  for (const { item, parent } of located) {
    const deps = item.enableWhen ? conditionLeaves(item.enableWhen).map((l) => l.item) : [];
    if (parent) deps.push(parent);
    edges.set(
      item.id,
      deps.filter((d) => byId.has(d)),
    );
  }
  const state = new Map<string, 'active' | 'done'>();
  const cycles: string[][] = [];
  const stack: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 'active');
    stack.push(id);
    for (const next of edges.get(id) ?? []) {
      if (state.get(next) === 'active') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of edges.keys()) if (!state.has(id)) visit(id);
  return cycles;
}
