/**
 * The subset of FHIR R4 (4.0.1) JSON that we read and write: Questionnaire and
 * QuestionnaireResponse with the elements forms need. Other elements pass through the
 * structural schemas in r4-*.ts but are not modelled here.
 */
export interface Extension {
  url: string;
  extension?: Extension[];
  valueString?: string;
  valueBoolean?: boolean;
  valueDecimal?: number;
  valueInteger?: number;
  valueCode?: string;
  valueDate?: string;
  valueCoding?: Coding;
  valueCodeableConcept?: { coding?: Coding[]; text?: string };
}

/** Extensions on a primitive value (`_text`, `_title`, `_display`). */
export interface PrimitiveExtensions {
  extension: Extension[];
}

export interface Coding {
  system?: string;
  version?: string;
  code?: string;
  display?: string;
  _display?: PrimitiveExtensions;
  extension?: Extension[];
}

export type EnableWhenOperator = 'exists' | '=' | '!=' | '>' | '<' | '>=' | '<=';

export interface EnableWhen {
  question: string;
  operator: EnableWhenOperator;
  answerBoolean?: boolean;
  answerDecimal?: number;
  answerInteger?: number;
  answerDate?: string;
  answerString?: string;
  answerCoding?: Coding;
}

export interface AnswerOption {
  extension?: Extension[];
  valueCoding?: Coding;
  valueString?: string;
  valueInteger?: number;
  valueDate?: string;
  initialSelected?: boolean;
}

export type QuestionnaireItemType =
  | 'group'
  | 'display'
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'date'
  | 'dateTime'
  | 'time'
  | 'string'
  | 'text'
  | 'url'
  | 'choice'
  | 'open-choice'
  | 'attachment'
  | 'reference'
  | 'quantity';

export interface QuestionnaireItem {
  linkId: string;
  extension?: Extension[];
  code?: Coding[];
  prefix?: string;
  text?: string;
  _text?: PrimitiveExtensions;
  type: QuestionnaireItemType;
  enableWhen?: EnableWhen[];
  enableBehavior?: 'all' | 'any';
  required?: boolean;
  repeats?: boolean;
  readOnly?: boolean;
  maxLength?: number;
  /** initial[x]: default answers (read only to report them, see the import's warnings). */
  initial?: unknown[];
  answerValueSet?: string;
  answerOption?: AnswerOption[];
  item?: QuestionnaireItem[];
}

export interface ValueSetConcept {
  code: string;
  display?: string;
  extension?: Extension[];
}

/** A contained ValueSet as some published questionnaires carry their answer lists. */
export interface ContainedValueSet {
  resourceType: 'ValueSet';
  id: string;
  compose?: { include: { system?: string; concept?: ValueSetConcept[] }[] };
  expansion?: { contains?: (ValueSetConcept & { system?: string })[] };
}

export interface Questionnaire {
  resourceType: 'Questionnaire';
  id?: string;
  language?: string;
  extension?: Extension[];
  contained?: { resourceType: string; id?: string }[];
  url?: string;
  version?: string;
  name?: string;
  title?: string;
  _title?: PrimitiveExtensions;
  status: 'draft' | 'active' | 'retired' | 'unknown';
  description?: string;
  _description?: PrimitiveExtensions;
  code?: Coding[];
  item?: QuestionnaireItem[];
}

export interface QuestionnaireResponseAnswer {
  valueBoolean?: boolean;
  valueDecimal?: number;
  valueInteger?: number;
  valueDate?: string;
  valueString?: string;
  valueCoding?: Coding;
  item?: QuestionnaireResponseItem[];
}

export interface QuestionnaireResponseItem {
  linkId: string;
  text?: string;
  answer?: QuestionnaireResponseAnswer[];
  item?: QuestionnaireResponseItem[];
}

export interface QuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  id?: string;
  questionnaire?: string;
  status: 'in-progress' | 'completed' | 'amended' | 'entered-in-error' | 'stopped';
  authored?: string;
  item?: QuestionnaireResponseItem[];
}
