import { OPERATING_AREAS, type OperatingArea } from '../org/codes.js';
import { RISK_AREAS } from '../registers/risk-areas.js';

/**
 * The library's code lists: what kind of entry, for whom, in which operating area, against which
 * problem. Codes are stable English words; the web app's message catalogue labels them. The
 * Swedish words here go into the search document so that "äldre" finds an entry tagged for
 * older people even when its text says "seniorer".
 */
export const ENTRY_KINDS = ['intervention', 'method', 'instrument', 'good_example'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const TARGET_GROUPS = [
  'older_people',
  'people_with_dementia',
  'people_with_disabilities',
  'children_and_youth',
  'families',
  'adults_with_substance_use',
  'relatives',
  'people_at_end_of_life',
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export const TARGET_GROUP_WORDS_SV: Readonly<Record<TargetGroup, string>> = {
  older_people: 'äldre personer',
  people_with_dementia: 'personer med demenssjukdom',
  people_with_disabilities: 'personer med funktionsnedsättning',
  children_and_youth: 'barn och unga',
  families: 'familjer',
  adults_with_substance_use: 'vuxna med missbruk beroende',
  relatives: 'anhöriga',
  people_at_end_of_life: 'palliativ vård livets slutskede',
};

export { OPERATING_AREAS, type OperatingArea };

/** Problems a client's follow-up records: Senior Alert's risk areas and the follow-up instruments'. */
export const PROBLEMS = [...RISK_AREAS, 'alcohol', 'drugs', 'bpsd', 'end_of_life'] as const;
export type Problem = (typeof PROBLEMS)[number];

/** Which problem a follow-up or risk instrument measures (instrument id → problem). */
export const PROBLEM_OF_INSTRUMENT: Readonly<Record<string, Problem>> = {
  'modified-norton': 'pressure_ulcer',
  'mna-sf': 'malnutrition',
  downton: 'falls',
  roag: 'oral_health',
  audit: 'alcohol',
  dudit: 'drugs',
  'npi-nh': 'bpsd',
  'palliative-eol': 'end_of_life',
};

export const REFERENCE_KINDS = ['guideline', 'systematic_review', 'report', 'other'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** A KSI code as the registers write it: target.actionType.method, e.g. "PHA.AE.MI". */
export const KSI_CODE = /^[A-Z0-9]{3}(\.[A-Z]{2}(\.[A-Z0-9]{1,6})?)?$/;

/**
 * Whether an entry's KSI code covers a recorded intervention's code: equal, or a prefix at a
 * segment boundary ("PHA.AE" covers "PHA.AE.MI", "PHA.A" covers nothing).
 */
export function ksiCovers(entryCode: string, recorded: string): boolean {
  return recorded === entryCode || recorded.startsWith(`${entryCode}.`);
}

/** Every prefix of a recorded KSI code that an entry may carry: "PHA.AE.MI" → PHA, PHA.AE, PHA.AE.MI. */
export function ksiPrefixes(recorded: string): string[] {
  const parts = recorded.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}
