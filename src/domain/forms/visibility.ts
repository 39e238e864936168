import { answerValue, rawAnswer, type AnswerValue, type Answers } from './answers.js';
import { evaluateCondition, type AnswerLookup } from './condition.js';
import { isAnswerable, type FormDefinition, type ItemDefinition } from './definition.js';
import { indexForm } from './form-index.js';

/**
 * Visibility of every item for a set of answers. An item is visible when its group is visible
 * and its own `enableWhen` holds. Conditions read the effective answers: an answer to a hidden
 * item counts as no answer (FHIR R4 enableWhen semantics), so hiding cascades.
 */
export interface Visibility {
  isVisible(itemId: string): boolean;
  /** The answer as conditions and scoring see it: undefined when hidden or unanswered. */
  effective: AnswerLookup;
}

/** Forms without a single condition: every known item is visible, whatever the answers. */
const unconditional = new WeakMap<FormDefinition, boolean>();

function isUnconditional(form: FormDefinition): boolean {
  let known = unconditional.get(form);
  if (known === undefined) {
    known = indexForm(form).all.every((e) => e.item.enableWhen === undefined);
    unconditional.set(form, known);
  }
  return known;
}

export function computeVisibility(form: FormDefinition, answers: Answers): Visibility {
  const index = indexForm(form);
  if (isUnconditional(form)) {
    // The memo below would learn the same for every item; imports ask this for every row.
    const isKnown = (itemId: string) => index.byId.has(itemId);
    return {
      isVisible: isKnown,
      effective: (itemId) => (isKnown(itemId) ? answerValue(rawAnswer(answers, itemId)) : undefined),
    };
  }
  const memo = new Map<string, boolean>();
  const visiting = new Set<string>();

  const effective = (itemId: string): AnswerValue | undefined =>
    isVisible(itemId) ? answerValue(rawAnswer(answers, itemId)) : undefined;

  function isVisible(itemId: string): boolean {
    const known = memo.get(itemId);
    if (known !== undefined) return known;
    const entry = index.byId.get(itemId);
    // Unknown ids and dependency cycles (rejected when parsing) count as hidden.
    if (!entry || visiting.has(itemId)) return false;
    visiting.add(itemId);
    const parentVisible = entry.parent === null || isVisible(entry.parent);
    const condition = entry.item.enableWhen;
    const visible = parentVisible && (condition === undefined || evaluateCondition(condition, effective));
    visiting.delete(itemId);
    memo.set(itemId, visible);
    return visible;
  }

  return { isVisible, effective };
}

/** The items (groups and display items included) shown for these answers, in document order. */
export function visibleItems(form: FormDefinition, answers: Answers): ItemDefinition[] {
  const visibility = computeVisibility(form, answers);
  return indexForm(form)
    .all.filter((e) => visibility.isVisible(e.item.id))
    .map((e) => e.item);
}

/** Whether a visible item must be answered. Hidden items are never required. */
export function isRequired(item: ItemDefinition, visibility: Visibility): boolean {
  if (!isAnswerable(item) || !visibility.isVisible(item.id)) return false;
  const rule = item.required;
  if (rule === undefined || rule === false) return false;
  if (rule === true) return true;
  return evaluateCondition(rule, visibility.effective);
}
