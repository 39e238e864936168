import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import type { OperatingArea } from '../../domain/org/codes.js';

/** Swedish names of our classifications, as the public APIs show them. */
export const QUALITY_AREA_SV: Readonly<Record<IndicatorDefinition['qualityArea'], string>> = {
  knowledge_based: 'Kunskapsbaserad',
  safe: 'Säker',
  person_centred: 'Personcentrerad',
  efficient: 'Effektiv',
  equitable: 'Jämlik',
  accessible: 'Tillgänglig',
};

export const OPERATING_AREA_SV: Readonly<Record<OperatingArea, string>> = {
  elderly_care: 'Äldreomsorg',
  disability: 'Funktionsnedsättning',
  individual_family_care: 'Individ- och familjeomsorg',
  health_care: 'Hälso- och sjukvård',
  other: 'Övrigt',
};

export const OPERATING_AREA_EN: Readonly<Record<OperatingArea, string>> = {
  elderly_care: 'Elderly care',
  disability: 'Disability services',
  individual_family_care: 'Individual and family care',
  health_care: 'Health care',
  other: 'Other',
};

/** Our own name as a source: these values are computed here, never "Källa: Kolada". */
export const SOURCE_NAME = 'Kunskapsnav';
