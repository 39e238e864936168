/**
 * ROAG – Revised Oral Assessment Guide (ROAG-J as used in Senior Alert), oral health.
 *
 * Sources: Andersson P, Hallberg IR, Renvert S, "Inter-rater reliability of an oral assessment
 * guide for elderly patients residing in a rehabilitation ward", Spec Care Dentist
 * 2002;22(5):181–6; Region Jönköpings län / Senior Alert, "Manual för riskbedömningsinstrumentet
 * ROAG" (ROAG-J, 2015): nine oral areas graded 1 (healthy) to 3; any grade 2 or 3 = oral
 * ill-health; any grade 3 = contact dental care (or a physician).
 *
 * ROAG is read area by area and not summed, so `total` is null. Decision where the source is
 * silent in machine terms: gums, teeth and dentures have a "not applicable" answer (no own
 * teeth means no gums, as the Senior Alert FAQ says; not everyone has dentures); it carries no
 * grade. The option texts abbreviate the manual's descriptions.
 */
import type { ChoiceOption, FormDefinition } from '../forms/definition.js';
import { bandLabel, checkInput, pointOptions, pointsOf, singleChoice, t } from './common.js';
import type { BandDefinition, Instrument, ScoreResult } from './types.js';

const grades = (
  one: string,
  oneEn: string,
  two: string,
  twoEn: string,
  three: string,
  threeEn: string,
  notApplicable?: [string, string],
): ChoiceOption[] => [
  ...pointOptions([
    [1, one, oneEn],
    [2, two, twoEn],
    [3, three, threeEn],
  ]),
  ...(notApplicable ? [{ code: 'notApplicable', text: t(...notApplicable) }] : []),
];

export const ROAG_AREAS = [
  'voice',
  'lips',
  'mucousMembranes',
  'tongue',
  'gums',
  'teeth',
  'dentures',
  'saliva',
  'swallowing',
] as const;

export const roagForm: FormDefinition = {
  id: 'roag',
  version: 1,
  status: 'active',
  title: t('ROAG – munbedömning', 'ROAG – Revised Oral Assessment Guide'),
  description: t(
    'Bedömning av munhälsa i nio områden, grad 1 (friskt) till 3.',
    'Oral health in nine areas, graded 1 (healthy) to 3.',
  ),
  items: [
    singleChoice(
      'voice',
      '1',
      t('Röst', 'Voice'),
      grades(
        'Normal',
        'Normal',
        'Förändrad (t.ex. låg, hes)',
        'Changed (e.g. low, hoarse)',
        'Svårt eller smärtsamt att tala',
        'Difficult or painful to speak',
      ),
    ),
    singleChoice(
      'lips',
      '2',
      t('Läppar', 'Lips'),
      grades(
        'Släta, rosa, fuktiga',
        'Smooth, pink, moist',
        'Torra, spruckna, munvinkelragader',
        'Dry, cracked, angular cheilitis',
        'Sår eller blödning',
        'Ulcers or bleeding',
      ),
    ),
    singleChoice(
      'mucousMembranes',
      '3',
      t('Munslemhinnor', 'Mucous membranes'),
      grades(
        'Rosa, fuktiga',
        'Pink, moist',
        'Torra, beläggning, rodnad',
        'Dry, coated, red',
        'Sår, blåsor, blödning',
        'Ulcers, blisters, bleeding',
      ),
    ),
    singleChoice(
      'tongue',
      '4',
      t('Tunga', 'Tongue'),
      grades(
        'Rosa, fuktig, med papiller',
        'Pink, moist, with papillae',
        'Torr, utan papiller, beläggning, rodnad',
        'Dry, without papillae, coated, red',
        'Sår, blåsor, blödning',
        'Ulcers, blisters, bleeding',
      ),
    ),
    singleChoice(
      'gums',
      '5',
      t('Tandkött', 'Gums'),
      grades(
        'Rosa, fast',
        'Pink, firm',
        'Svullet, rodnat',
        'Swollen, red',
        'Blöder vid tryck',
        'Bleeds on pressure',
        ['Ej aktuellt (inga egna tänder)', 'Not applicable (no own teeth)'],
      ),
    ),
    singleChoice(
      'teeth',
      '6',
      t('Tänder', 'Teeth'),
      grades(
        'Rena, inga synliga beläggningar',
        'Clean, no visible plaque',
        'Beläggningar, matrester',
        'Plaque, food debris',
        'Trasiga tänder, karies, smärta',
        'Broken teeth, caries, pain',
        ['Ej aktuellt (inga egna tänder)', 'Not applicable (no own teeth)'],
      ),
    ),
    singleChoice(
      'dentures',
      '7',
      t('Protes', 'Dentures'),
      grades(
        'Ren, fungerande',
        'Clean, functioning',
        'Beläggningar, matrester',
        'Plaque, food debris',
        'Fungerar inte, skaver',
        'Not functioning, chafing',
        ['Ej aktuellt (ingen protes)', 'Not applicable (no dentures)'],
      ),
    ),
    singleChoice(
      'saliva',
      '8',
      t('Saliv', 'Saliva'),
      grades(
        'Spegeln glider lätt mot slemhinnan',
        'The mirror glides easily on the mucosa',
        'Spegeln fastnar lätt',
        'The mirror sticks slightly',
        'Spegeln fastnar, ingen saliv',
        'The mirror sticks, no saliva',
      ),
    ),
    singleChoice(
      'swallowing',
      '9',
      t('Sväljning', 'Swallowing'),
      grades(
        'Normal',
        'Normal',
        'Viss svårighet att svälja',
        'Some difficulty swallowing',
        'Kan inte svälja',
        'Unable to swallow',
      ),
    ),
  ],
};

const bands: BandDefinition[] = [
  { code: 'healthy', label: t('Frisk munhälsa', 'Healthy mouth') },
  { code: 'oral_ill_health', label: t('Ohälsa i munnen', 'Oral ill-health') },
];

export interface RoagResult extends ScoreResult {
  total: null;
  /** Areas graded 2 or 3. */
  problemAreas: string[];
  /** True when any area is graded 3: contact dental care. */
  contactDentalCare: boolean;
  threshold: { illHealthAtGrade: number; contactDentalCareAtGrade: number; source: 'default' };
}

export const roag: Instrument<Record<string, never>, RoagResult> = {
  id: roagForm.id,
  version: roagForm.version,
  title: roagForm.title,
  description: roagForm.description!,
  form: roagForm,
  sources: [
    {
      citation:
        'Andersson P, Hallberg IR, Renvert S. Inter-rater reliability of an oral assessment guide for elderly patients residing in a rehabilitation ward. Spec Care Dentist 2002;22(5):181–6.',
    },
    {
      citation:
        'Region Jönköpings län / Senior Alert: Manual för riskbedömningsinstrumentet ROAG (ROAG-J), version februari 2015.',
      url: 'https://www.senioralert.se',
    },
  ],
  requiresSex: false,
  bands,
  defaultOptions: {},
  score({ answers }) {
    const issues = checkInput(roagForm, answers);
    if (issues.length) return { ok: false, issues };
    const items = pointsOf(roagForm, answers);
    const problemAreas = ROAG_AREAS.filter((a) => (items[a] ?? 0) >= 2);
    const contactDentalCare = ROAG_AREAS.some((a) => items[a] === 3);
    const band = problemAreas.length ? 'oral_ill_health' : 'healthy';
    return {
      ok: true,
      result: {
        instrument: this.id,
        version: this.version,
        total: null,
        band,
        bandLabel: bandLabel(bands, band),
        risk: band === 'oral_ill_health',
        items,
        problemAreas,
        contactDentalCare,
        threshold: { illHealthAtGrade: 2, contactDentalCareAtGrade: 3, source: 'default' },
      },
    };
  },
};
