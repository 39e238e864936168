import type { LocalizedText } from '../text.js';
import type { Extension, PrimitiveExtensions } from './types.js';

/** Standard FHIR R4 extensions (hl7.org/fhir/R4/extensibility-registry). */
export const EXT = {
  translation: 'http://hl7.org/fhir/StructureDefinition/translation',
  ordinalValue: 'http://hl7.org/fhir/StructureDefinition/ordinalValue',
  /** R5 name for ordinalValue; read on import, never written. */
  itemWeight: 'http://hl7.org/fhir/StructureDefinition/itemWeight',
  minValue: 'http://hl7.org/fhir/StructureDefinition/minValue',
  maxValue: 'http://hl7.org/fhir/StructureDefinition/maxValue',
  unit: 'http://hl7.org/fhir/StructureDefinition/questionnaire-unit',
  unitOption: 'http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption',
  minOccurs: 'http://hl7.org/fhir/StructureDefinition/questionnaire-minOccurs',
  maxOccurs: 'http://hl7.org/fhir/StructureDefinition/questionnaire-maxOccurs',
  optionExclusive: 'http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive',
  itemControl: 'http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl',
} as const;

export const ITEM_CONTROL_SYSTEM = 'http://hl7.org/fhir/questionnaire-item-control';
export const UCUM = 'http://unitsofmeasure.org';

/**
 * Our own extensions, for what FHIR R4 core cannot say: conditions beyond a flat enableWhen
 * list, conditional "required", computed values, form constraints and version mappings. They
 * carry the form definition's JSON for that part. A FHIR client that does not know them still
 * shows every item (it never hides too much) and simply does not compute or check.
 */
const OWN_BASE = 'urn:kunskapsnav:fhir:StructureDefinition:';
export const OWN_EXT = {
  enableWhen: `${OWN_BASE}enable-when`,
  requiredWhen: `${OWN_BASE}required-when`,
  computed: `${OWN_BASE}computed`,
  constraints: `${OWN_BASE}constraints`,
  previous: `${OWN_BASE}previous-version`,
} as const;

/** Canonical URL used for a form that has none of its own. */
export const FORM_URL_BASE = 'urn:kunskapsnav:form:';

/** `_text` carrying the English translation of a Swedish text. */
export function englishTranslation(text: LocalizedText): PrimitiveExtensions | undefined {
  if (text.en === text.sv) return undefined;
  return {
    extension: [
      {
        url: EXT.translation,
        extension: [
          { url: 'lang', valueCode: 'en' },
          { url: 'content', valueString: text.en },
        ],
      },
    ],
  };
}

/** Translations on a primitive, by language code prefix ("en", "sv"). */
export function readTranslations(element: PrimitiveExtensions | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const ext of element?.extension ?? []) {
    if (ext.url !== EXT.translation) continue;
    const lang = ext.extension?.find((e) => e.url === 'lang')?.valueCode;
    const content = ext.extension?.find((e) => e.url === 'content')?.valueString;
    if (lang && content) out.set(lang.toLowerCase().slice(0, 2), content);
  }
  return out;
}

export function findExtension(extensions: Extension[] | undefined, url: string): Extension | undefined {
  return extensions?.find((e) => e.url === url);
}

/** An extension holding JSON with sorted keys, so the text does not depend on key order. */
export function jsonExtension(url: string, value: unknown): Extension {
  return {
    url,
    valueString: JSON.stringify(value, (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) ? sortKeys(v as Record<string, unknown>) : v,
    ),
  };
}

function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );
}
