import type { ChoiceOption, FormDefinition, LocalizedText, SingleChoiceItem } from '../forms/index.js';

/** The three national survey kinds (DOMAIN.md §5). */
export const SURVEY_KINDS = ['elderly_care', 'functional_impairment', 'individual_family_care'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

/** A theme groups questions into one reported measure (share of positive answers). */
export interface SurveyTheme {
  id: string;
  title: LocalizedText;
  items: string[];
}

/** Pictograms the answering page draws for the picture-supported variant (by name, no images stored). */
export const PICTOGRAMS = ['happy', 'neutral', 'sad', 'unknown'] as const;
export type Pictogram = (typeof PICTOGRAMS)[number];

/**
 * A survey template: a versioned form on the form runtime, plus what the form runtime does not
 * say: themes, which answers count as positive, which are "don't know" (left out of the
 * denominator), easy-to-read Swedish texts and pictures.
 */
export interface SurveyTemplate {
  kind: SurveyKind;
  form: FormDefinition;
  themes: SurveyTheme[];
  positive: string[];
  dontKnow: string[];
  /** Lättläst: item id, `itemId.optionCode` or "title" → text; the sv text is used where missing. */
  easyRead: Record<string, string>;
  /** Option code → pictogram, for the picture-supported variant. */
  pictures?: Record<string, Pictogram>;
}

export type Question = [id: string, sv: string, en: string, easyRead: string];

/** A single-choice question on a shared answer scale; like the national surveys, any may be skipped. */
export function question([id, sv, en]: Question, options: ChoiceOption[]): SingleChoiceItem {
  return { id, type: 'singleChoice', text: { sv, en }, options };
}

export function option(code: string, sv: string, en: string): ChoiceOption {
  return { code, text: { sv, en } };
}

/** The non-empty lines of a table, each split into its `|`-separated fields. */
const rowsOf = (table: string): string[][] =>
  table
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => l.split('|').map((f) => f.trim()));

export interface ThemeSpec {
  id: string;
  title: LocalizedText;
  questions: Question[];
}

/**
 * Themes from a table, one line a row, fields split by `|`: a theme is `id | sv | en`, each
 * question under it `id | sv | en | easy read`. A table reads like the survey it describes, where
 * nested arrays would repeat one shape per question.
 */
export function themesFromTable(table: string): ThemeSpec[] {
  const themes: ThemeSpec[] = [];
  for (const line of table
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')) {
    const fields = line.split('|').map((f) => f.trim());
    const [id = '', sv = '', en = '', easyRead = ''] = fields;
    const theme = themes.at(-1);
    if (fields.length === 3) themes.push({ id, title: { sv, en }, questions: [] });
    else if (fields.length === 4 && theme) theme.questions.push([id, sv, en, easyRead]);
    else
      throw new Error(
        `survey theme table: "${line}" is neither a theme (3 fields) nor a question under one (4)`,
      );
  }
  return themes;
}

/** An answer scale from a table, one option a line: `code | sv | en | easy read`. */
export function scaleFromTable(table: string): {
  scale: ChoiceOption[];
  scaleEasyRead: Record<string, string>;
} {
  const rows = rowsOf(table);
  if (rows.some((r) => r.length !== 4))
    throw new Error('survey scale table: each option is code | sv | en | easy read');
  return {
    scale: rows.map(([code = '', sv = '', en = '']) => option(code, sv, en)),
    scaleEasyRead: Object.fromEntries(rows.map(([code = '', , , easyRead = '']) => [code, easyRead])),
  };
}

/** Builds a template from themes of questions sharing one scale. */
export function buildTemplate(spec: {
  kind: SurveyKind;
  id: string;
  version: number;
  title: LocalizedText;
  titleEasyRead: string;
  scale: ChoiceOption[];
  scaleEasyRead: Record<string, string>;
  positive: string[];
  dontKnow: string[];
  themes: ThemeSpec[];
  pictures?: Record<string, Pictogram>;
}): SurveyTemplate {
  const easyRead: Record<string, string> = { title: spec.titleEasyRead };
  const items = spec.themes.map((theme) => ({
    id: `theme.${theme.id}`,
    type: 'group' as const,
    text: theme.title,
    items: theme.questions.map((q) => {
      easyRead[q[0]] = q[3];
      for (const [code, text] of Object.entries(spec.scaleEasyRead)) easyRead[`${q[0]}.${code}`] = text;
      return question(q, spec.scale);
    }),
  }));
  return {
    kind: spec.kind,
    form: { id: spec.id, version: spec.version, status: 'active', title: spec.title, items },
    themes: spec.themes.map((t) => ({ id: t.id, title: t.title, items: t.questions.map((q) => q[0]) })),
    positive: spec.positive,
    dontKnow: spec.dontKnow,
    easyRead,
    ...(spec.pictures ? { pictures: spec.pictures } : {}),
  };
}
