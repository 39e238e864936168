/**
 * Svenska Palliativregistret, end-of-life questionnaire: the six quality indicators with the
 * national target levels set by Socialstyrelsen (2017), computed per registration.
 *
 * Sources: Socialstyrelsen, "Nationella målnivåer för palliativ vård i livets slutskede" (2017):
 * oral health assessed ≥ 90 %, pain assessed with a validated instrument 100 %, PRN opioid
 * injection prescribed ≥ 98 %, PRN anxiolytic injection prescribed ≥ 98 %, free of pressure
 * ulcers ≥ 90 %, physician-led break-point conversation with the patient ≥ 98 %; all over
 * expected deaths, last week of life. Svenska Palliativregistret, Dödsfallsenkät.
 *
 * Per registration each indicator is true, false, or null (not applicable: unexpected death).
 * Decisions where the sources are silent in machine terms: "do not know" counts as not met (the
 * record must show it was done); a break-point conversation the patient could not take part in
 * counts as not met; "free of pressure ulcers" means no ulcer at all by default (DOMAIN.md),
 * configurable to count only category 2–4. Targets are configurable too.
 */
import type { LocalizedText } from '../forms/text.js';
import { answerOf, assertInteger, bandLabel, checkInput, resolveOptions, t } from './common.js';
import { palliativeForm } from './palliative-form.js';
import type { BandDefinition, Instrument, ScoreResult } from './types.js';

export { palliativeForm } from './palliative-form.js';

export const INDICATORS = {
  oralHealthAssessed: t(
    'Munhälsobedömning sista levnadsveckan',
    'Oral health assessed in the last week of life',
  ),
  painAssessed: t(
    'Smärtskattning med validerat instrument sista levnadsveckan',
    'Pain assessed with a validated instrument in the last week of life',
  ),
  prnOpioid: t('Vid behovsordination av opioid mot smärta', 'PRN opioid injection prescribed'),
  prnAnxiolytic: t('Vid behovsordination av ångestdämpande läkemedel', 'PRN anxiolytic injection prescribed'),
  freeOfPressureUlcers: t('Fri från trycksår', 'Free of pressure ulcers'),
  breakpointConversation: t(
    'Läkarlett brytpunktssamtal med patienten',
    'Physician-led break-point conversation with the patient',
  ),
} as const satisfies Record<string, LocalizedText>;

export type IndicatorCode = keyof typeof INDICATORS;
const CODES = Object.keys(INDICATORS) as IndicatorCode[];

export interface PalliativeOptions {
  /** Target level per indicator, in whole percent. */
  targets: Record<IndicatorCode, number>;
  /** Lowest pressure-ulcer category that breaks "free of pressure ulcers": 1 (default) or 2. */
  pressureUlcerFromCategory: number;
}

export interface IndicatorResult {
  value: boolean | null;
  status: 'met' | 'not_met' | 'not_applicable';
  targetPercent: number;
  label: LocalizedText;
}

export interface PalliativeResult extends ScoreResult {
  total: null;
  expectedDeath: boolean;
  indicators: Record<IndicatorCode, IndicatorResult>;
  threshold: {
    targets: Record<IndicatorCode, number>;
    pressureUlcerFromCategory: number;
    source: 'default' | 'configured';
  };
}

const bands: BandDefinition[] = [
  { code: 'all_met', label: t('Alla kvalitetsindikatorer uppfyllda', 'All quality indicators met') },
  {
    code: 'not_all_met',
    label: t('Minst en kvalitetsindikator inte uppfylld', 'At least one quality indicator not met'),
  },
  {
    code: 'not_applicable',
    label: t(
      'Oväntat dödsfall – indikatorerna gäller inte',
      'Unexpected death – the indicators do not apply',
    ),
  },
];

export const palliative: Instrument<PalliativeOptions, PalliativeResult> = {
  id: palliativeForm.id,
  version: palliativeForm.version,
  title: palliativeForm.title,
  description: palliativeForm.description!,
  form: palliativeForm,
  sources: [
    {
      citation: 'Socialstyrelsen. Nationella målnivåer för palliativ vård i livets slutskede. 2017.',
      url: 'https://www.socialstyrelsen.se',
    },
    {
      citation: 'Svenska Palliativregistret. Dödsfallsenkät för vuxna.',
      url: 'https://palliativregistret.se',
    },
  ],
  requiresSex: false,
  bands,
  defaultOptions: {
    targets: {
      oralHealthAssessed: 90,
      painAssessed: 100,
      prnOpioid: 98,
      prnAnxiolytic: 98,
      freeOfPressureUlcers: 90,
      breakpointConversation: 98,
    },
    pressureUlcerFromCategory: 1,
  },
  score({ answers }, given) {
    const { options, source } = resolveOptions(this.defaultOptions, given);
    for (const code of CODES) assertInteger(`targets.${code}`, options.targets[code], 0, 100);
    assertInteger('pressureUlcerFromCategory', options.pressureUlcerFromCategory, 1, 4);
    const issues = checkInput(palliativeForm, answers);
    if (issues.length) return { ok: false, issues };

    const expectedDeath = answerOf(answers, 'deathExpected') === 'yes';
    const is = (id: string, code: string): boolean => answerOf(answers, id) === code;
    const ulcer = answerOf(answers, 'pressureUlcers') as string | undefined;
    const category = ulcer?.startsWith('category') ? Number(ulcer.slice('category'.length)) : null;
    const values: Record<IndicatorCode, boolean> = {
      oralHealthAssessed: is('oralHealthAssessed', 'yes'),
      painAssessed: is('painAssessed', 'yes'),
      prnOpioid: is('prnOpioid', 'yes'),
      prnAnxiolytic: is('prnAnxiolytic', 'yes'),
      freeOfPressureUlcers:
        ulcer === 'none' || (category !== null && category < options.pressureUlcerFromCategory),
      breakpointConversation: is('breakpointPatient', 'yes'),
    };
    const indicators = {} as Record<IndicatorCode, IndicatorResult>;
    for (const code of CODES) {
      const value = expectedDeath ? values[code] : null;
      indicators[code] = {
        value,
        status: value === null ? 'not_applicable' : value ? 'met' : 'not_met',
        targetPercent: options.targets[code],
        label: INDICATORS[code],
      };
    }
    const band = !expectedDeath
      ? 'not_applicable'
      : CODES.every((c) => indicators[c].value)
        ? 'all_met'
        : 'not_all_met';
    return {
      ok: true,
      result: {
        instrument: this.id,
        version: this.version,
        total: null,
        band,
        bandLabel: bandLabel(bands, band),
        risk: band === 'not_all_met',
        items: {},
        expectedDeath,
        indicators,
        threshold: {
          targets: options.targets,
          pressureUlcerFromCategory: options.pressureUlcerFromCategory,
          source,
        },
      },
    };
  },
};

export interface IndicatorRate {
  numerator: number;
  denominator: number;
  targetPercent: number;
  /** null when there is no applicable registration. */
  meetsTarget: boolean | null;
}

/** Indicator rates over registrations (numerator and denominator, never only a percentage). */
export function aggregateIndicators(
  results: Pick<PalliativeResult, 'indicators'>[],
): Record<IndicatorCode, IndicatorRate> {
  const out = {} as Record<IndicatorCode, IndicatorRate>;
  for (const code of CODES) {
    const applicable = results.map((r) => r.indicators[code]).filter((i) => i.value !== null);
    const numerator = applicable.filter((i) => i.value === true).length;
    const denominator = applicable.length;
    const targetPercent =
      results[0]?.indicators[code].targetPercent ?? palliative.defaultOptions.targets[code];
    // Integer comparison: numerator / denominator ≥ target / 100.
    out[code] = {
      numerator,
      denominator,
      targetPercent,
      meetsTarget: denominator === 0 ? null : numerator * 100 >= targetPercent * denominator,
    };
  }
  return out;
}
