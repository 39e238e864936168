import { answerValue, rawAnswer, type Answers } from '../answers.js';
import { isAnswerable, type FormDefinition, type ItemDefinition } from '../definition.js';
import { indexForm } from '../form-index.js';
import { validateAnswers } from '../validate.js';
import { computeVisibility, type Visibility } from '../visibility.js';
import { formCanonicalUrl } from './export-questionnaire.js';
import type {
  QuestionnaireResponse,
  QuestionnaireResponseAnswer,
  QuestionnaireResponseItem,
} from './types.js';

export interface ResponseOptions {
  status?: QuestionnaireResponse['status'];
  /** FHIR dateTime, e.g. "2024-05-02T10:00:00+02:00". */
  authored?: string;
}

export class InvalidAnswersError extends Error {
  constructor(readonly issues: ReturnType<typeof validateAnswers>) {
    super(issues.map((i) => i.message).join('; '));
    this.name = 'InvalidAnswersError';
  }
}

/**
 * Valid answers → FHIR R4 QuestionnaireResponse for the questionnaire toQuestionnaire(form)
 * produces. Only shown, answered items appear; groups nest their children.
 */
export function toQuestionnaireResponse(
  form: FormDefinition,
  answers: Answers,
  options: ResponseOptions = {},
): QuestionnaireResponse {
  const issues = validateAnswers(form, answers);
  if (issues.length) throw new InvalidAnswersError(issues);
  const visibility = computeVisibility(form, answers);
  const response: QuestionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    questionnaire: `${formCanonicalUrl(form)}|${form.version}`,
    status: options.status ?? 'completed',
    ...(options.authored ? { authored: options.authored } : {}),
  };
  const items = responseItems(form.items, answers, visibility);
  if (items.length) response.item = items;
  return response;
}

function responseItems(
  items: ItemDefinition[],
  answers: Answers,
  visibility: Visibility,
): QuestionnaireResponseItem[] {
  const out: QuestionnaireResponseItem[] = [];
  for (const item of items) {
    if (!visibility.isVisible(item.id)) continue;
    if (item.type === 'group') {
      const children = responseItems(item.items, answers, visibility);
      if (children.length) out.push({ linkId: item.id, text: item.text.sv, item: children });
      continue;
    }
    if (!isAnswerable(item)) continue;
    const value = answerValue(rawAnswer(answers, item.id));
    if (value === undefined) continue;
    const answer: QuestionnaireResponseAnswer[] = [];
    switch (item.type) {
      case 'singleChoice':
      case 'multipleChoice':
        for (const code of Array.isArray(value) ? value : [value as string]) {
          const option = item.options.find((o) => o.code === code);
          answer.push({
            valueCoding: {
              ...(option?.system ? { system: option.system } : {}),
              code,
              ...(option ? { display: option.text.sv } : {}),
            },
          });
        }
        break;
      case 'number':
        answer.push(
          item.numberKind === 'integer'
            ? { valueInteger: value as number }
            : { valueDecimal: value as number },
        );
        break;
      case 'date':
        answer.push({ valueDate: value as string });
        break;
      case 'text':
        answer.push({ valueString: value as string });
        break;
      case 'boolean':
        answer.push({ valueBoolean: value as boolean });
        break;
    }
    out.push({ linkId: item.id, text: item.text.sv, answer });
  }
  return out;
}

/**
 * A QuestionnaireResponse → answers keyed by item id, for a form (e.g. an imported
 * questionnaire). Unknown linkIds and values that do not fit the item are reported, not guessed.
 */
export function answersFromResponse(
  form: FormDefinition,
  response: QuestionnaireResponse,
): { answers: Record<string, unknown>; issues: { item: string; message: string }[] } {
  const index = indexForm(form);
  const answers: Record<string, unknown> = {};
  const issues: { item: string; message: string }[] = [];
  const walk = (items: QuestionnaireResponseItem[] | undefined): void => {
    for (const ri of items ?? []) {
      const item = index.byId.get(ri.linkId)?.item;
      if (!item) {
        issues.push({ item: ri.linkId, message: `the form has no item "${ri.linkId}"` });
        continue;
      }
      walk(ri.item);
      const values = (ri.answer ?? []).map(
        (a) =>
          a.valueCoding?.code ??
          a.valueInteger ??
          a.valueDecimal ??
          a.valueDate ??
          a.valueString ??
          a.valueBoolean,
      );
      if (!values.length) continue;
      if (values.some((v) => v === undefined))
        issues.push({ item: ri.linkId, message: 'an answer has a value type we do not read' });
      else if (item.type === 'multipleChoice') answers[ri.linkId] = values;
      else if (values.length > 1)
        issues.push({ item: ri.linkId, message: 'several answers to an item that takes one' });
      else answers[ri.linkId] = values[0];
    }
  };
  walk(response.item);
  return { answers, issues };
}
