import type {
  FhirImportAnswer,
  InstrumentDetail,
  InstrumentSummary,
  ScoreAnswer,
} from '../../contracts/instruments.js';
import { NotFoundError, ValidationError, type FieldIssue } from '../../domain/errors.js';
import { isAnswerable } from '../../domain/forms/definition.js';
import { toQuestionnaire } from '../../domain/forms/fhir/export-questionnaire.js';
import { fromQuestionnaire } from '../../domain/forms/fhir/import-questionnaire.js';
import type { Questionnaire } from '../../domain/forms/fhir/types.js';
import { flattenItems } from '../../domain/forms/form-index.js';
import { getInstrument, listInstruments, type RegisteredInstrument } from '../../domain/instruments/index.js';
import type { ScoreInputBody } from './schema.js';

/** A field issue that also names the form item, as the instruments API promises. */
export interface ItemIssue extends FieldIssue {
  item: string | null;
}

function summary(i: RegisteredInstrument): InstrumentSummary {
  const items = flattenItems(i.form.items)
    .filter(isAnswerable)
    .map((item) => ({
      id: item.id,
      ...(item.prefix ? { prefix: item.prefix } : {}),
      type: item.type,
      text: item.text,
    }));
  const { id, version, title, description, requiresSex, sources, bands } = i;
  return { id, version, title, description, requiresSex, sources, bands, items };
}

function find(id: string): RegisteredInstrument {
  const instrument = getInstrument(id);
  if (!instrument) throw new NotFoundError(`instrument ${id}`);
  return instrument;
}

export function listInstrumentSummaries(): InstrumentSummary[] {
  return listInstruments().map(summary);
}

export function instrumentDetail(id: string): InstrumentDetail {
  const instrument = find(id);
  return { ...summary(instrument), thresholds: instrument.defaultOptions, form: instrument.form };
}

export function instrumentQuestionnaire(id: string): Questionnaire {
  return toQuestionnaire(find(id).form);
}

/** Scores with the server's thresholds; invalid answers are a ValidationError naming each item. */
export function scoreInstrument(id: string, input: ScoreInputBody): ScoreAnswer {
  const instrument = find(id);
  const outcome = instrument.score({ answers: input.answers, ...(input.sex ? { sex: input.sex } : {}) });
  if (outcome.ok) return outcome.result;
  const issues: ItemIssue[] = outcome.issues.map((i) => ({
    field: i.item === 'sex' ? 'sex' : `answers.${i.item}`,
    item: i.item,
    rule: i.rule,
    message: i.message,
  }));
  throw new ValidationError(issues, 'body');
}

/** Validates and converts a FHIR R4 Questionnaire; nothing is stored (storing forms comes later). */
export function importFhirQuestionnaire(json: unknown): FhirImportAnswer {
  const result = fromQuestionnaire(json);
  if (result.ok) return { form: result.form, warnings: result.warnings };
  const issues: ItemIssue[] = result.issues.map((i) => ({
    field: i.path,
    item: i.item,
    rule: i.rule,
    message: i.message,
  }));
  throw new ValidationError(issues, 'body');
}
