import type { Answers } from './answers.js';
import { isAnswerable, type FormDefinition, type ItemMapping } from './definition.js';
import { flattenItems } from './form-index.js';

/**
 * Versions and item mappings. A new version lists, in `previous.mappings`, every item whose id
 * changed: renamed (same question, new id), merged (several old items → one), split (one old
 * item → several), removed, added. Items not named keep their id and meaning. This is what lets
 * a time series follow a question across versions.
 */
export interface MappingIssue {
  item: string | null;
  path: string;
  rule: string;
  message: string;
}

function mappedIds(m: ItemMapping): { from: string[]; to: string[] } {
  switch (m.kind) {
    case 'renamed':
      return { from: [m.from], to: [m.to] };
    case 'merged':
      return { from: m.from, to: [m.to] };
    case 'split':
      return { from: [m.from], to: m.to };
    case 'removed':
      return { from: [m.from], to: [] };
    case 'added':
      return { from: [], to: [m.to] };
  }
}

export function checkMappings(
  form: FormDefinition,
  currentIds: Set<string>,
  previous?: FormDefinition,
): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const p = form.previous;
  if (!p) {
    if (previous)
      issues.push({
        item: null,
        path: 'previous',
        rule: 'missing_mappings',
        message: `version ${form.version} must record how its items map to version ${previous.version}`,
      });
    return issues;
  }
  if (p.version >= form.version)
    issues.push({
      item: null,
      path: 'previous.version',
      rule: 'invalid_previous_version',
      message: `previous version ${p.version} must be lower than ${form.version}`,
    });
  const previousIds = previous
    ? new Set(
        flattenItems(previous.items)
          .filter(isAnswerable)
          .map((i) => i.id),
      )
    : null;
  if (previous && (previous.id !== form.id || previous.version !== p.version))
    issues.push({
      item: null,
      path: 'previous',
      rule: 'invalid_previous_version',
      message: `the previous form is ${previous.id} v${previous.version}, not ${form.id} v${p.version}`,
    });

  const allFrom = new Set<string>();
  const allTo = new Set<string>();
  p.mappings.forEach((m, n) => {
    const path = `previous.mappings[${n}]`;
    const { from, to } = mappedIds(m);
    for (const id of to) {
      allTo.add(id);
      if (!currentIds.has(id))
        issues.push({
          item: id,
          path,
          rule: 'unknown_mapping_item',
          message: `item "${id}": the ${m.kind} mapping names an item that does not exist in version ${form.version}`,
        });
    }
    for (const id of from) {
      allFrom.add(id);
      if (previousIds && !previousIds.has(id))
        issues.push({
          item: id,
          path,
          rule: 'unknown_mapping_item',
          message: `item "${id}": the ${m.kind} mapping names an item that does not exist in version ${p.version}`,
        });
    }
  });
  if (previousIds) {
    for (const id of previousIds)
      if (!currentIds.has(id) && !allFrom.has(id))
        issues.push({
          item: id,
          path: 'previous.mappings',
          rule: 'unmapped_item',
          message: `item "${id}": it is gone from version ${form.version} but no mapping says where`,
        });
    for (const id of flattenItems(form.items)
      .filter(isAnswerable)
      .map((i) => i.id))
      if (!previousIds.has(id) && !allTo.has(id))
        issues.push({
          item: id,
          path: 'previous.mappings',
          rule: 'unmapped_item',
          message: `item "${id}": it is new in version ${form.version} but no mapping says so`,
        });
  }
  return issues;
}

export interface MigratedAnswers {
  answers: Record<string, unknown>;
  /** Old item ids whose values need a human or instrument-specific rule (merged or split). */
  unresolved: string[];
  /** Old item ids whose values were dropped because the item was removed. */
  dropped: string[];
}

/**
 * Carries answers given on the previous version to this version: unchanged ids stay, renamed
 * items move, removed items are dropped; merged and split items cannot be translated
 * mechanically and are listed as unresolved.
 */
export function migrateAnswers(form: FormDefinition, oldAnswers: Answers): MigratedAnswers {
  const answers: Record<string, unknown> = {};
  const unresolved: string[] = [];
  const dropped: string[] = [];
  const handled = new Set<string>();
  for (const m of form.previous?.mappings ?? []) {
    const { from } = mappedIds(m);
    from.forEach((id) => handled.add(id));
    const present = from.filter((id) => Object.hasOwn(oldAnswers, id));
    if (m.kind === 'renamed' && present.length) answers[m.to] = oldAnswers[m.from];
    else if (m.kind === 'removed') dropped.push(...present);
    else if (m.kind === 'merged' || m.kind === 'split') unresolved.push(...present);
  }
  for (const [id, value] of Object.entries(oldAnswers))
    if (!handled.has(id) && !Object.hasOwn(answers, id)) answers[id] = value;
  return { answers, unresolved, dropped };
}
