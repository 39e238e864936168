/**
 * NPI-NH – Neuropsychiatric Inventory, Nursing Home version (BPSD register).
 *
 * Sources: Wood S, Cummings JL, Hsu M-A, et al., "The use of the Neuropsychiatric Inventory in
 * nursing home residents", Am J Geriatr Psychiatry 2000;8(1):75–83; Svenskt register för
 * beteendemässiga och psykiska symtom vid demens (BPSD-registret). Twelve domains; for each the
 * screening question "present?" gates the rest; when present, frequency 1–4 (occasionally,
 * often, frequently, very frequently) × severity 1–3 (mild, moderate, severe) gives the domain
 * score 1–12; a domain that is not present scores 0. Total 0–144.
 *
 * The sources give no bands for the total. Decision: band "no_symptoms" at total 0, otherwise
 * "symptoms"; "clinically_significant" when any domain score reaches the configurable threshold
 * (default 4, the convention in the NPI literature); `risk` is true exactly then. The
 * occupational-disruptiveness rating (0–5) of NPI-NH is not part of the score and not asked here.
 */
import type { FormDefinition, GroupItem } from '../forms/definition.js';
import type { Expression } from '../forms/expression.js';
import {
  answerOf,
  assertInteger,
  bandLabel,
  checkInput,
  pointOptions,
  pointsOf,
  resolveOptions,
  t,
} from './common.js';
import type { BandDefinition, Instrument, ScoreResult } from './types.js';

export const NPI_DOMAINS = [
  ['delusions', 'Vanföreställningar', 'Delusions'],
  ['hallucinations', 'Hallucinationer', 'Hallucinations'],
  ['agitation', 'Agitation/aggressivitet', 'Agitation/aggression'],
  ['depression', 'Depression/nedstämdhet', 'Depression/dysphoria'],
  ['anxiety', 'Ångest', 'Anxiety'],
  ['elation', 'Eufori/upprymdhet', 'Elation/euphoria'],
  ['apathy', 'Apati/likgiltighet', 'Apathy/indifference'],
  ['disinhibition', 'Hämningslöshet', 'Disinhibition'],
  ['irritability', 'Irritabilitet/labilitet', 'Irritability/lability'],
  ['aberrantMotor', 'Avvikande motoriskt beteende', 'Aberrant motor behaviour'],
  ['sleep', 'Sömn och nattliga beteendestörningar', 'Sleep and night-time behaviour disorders'],
  ['appetite', 'Aptit- och ätstörningar', 'Appetite and eating disorders'],
] as const;

export type NpiDomain = (typeof NPI_DOMAINS)[number][0];

const frequency = pointOptions([
  [1, 'Ibland – mindre än en gång i veckan', 'Occasionally – less than once per week'],
  [2, 'Ofta – ungefär en gång i veckan', 'Often – about once per week'],
  [
    3,
    'Mycket ofta – flera gånger i veckan men inte dagligen',
    'Frequently – several times per week but not daily',
  ],
  [4, 'Väldigt ofta – dagligen eller oftare', 'Very frequently – daily or more often'],
]);
const severity = pointOptions([
  [1, 'Lindrig', 'Mild'],
  [2, 'Måttlig', 'Moderate'],
  [3, 'Svår', 'Severe'],
]);

function domainGroup([id, sv, en]: (typeof NPI_DOMAINS)[number], n: number): GroupItem {
  const present = { item: `${id}Present`, op: 'equals', value: true } as const;
  return {
    id,
    type: 'group',
    prefix: String.fromCharCode(65 + n),
    text: t(sv, en),
    items: [
      {
        id: `${id}Present`,
        type: 'boolean',
        text: t(`Förekommer ${sv.toLowerCase()}?`, `${en} present?`),
        required: true,
      },
      {
        id: `${id}Frequency`,
        type: 'singleChoice',
        text: t('Frekvens', 'Frequency'),
        enableWhen: present,
        required: true,
        options: frequency,
      },
      {
        id: `${id}Severity`,
        type: 'singleChoice',
        text: t('Svårighetsgrad', 'Severity'),
        enableWhen: present,
        required: true,
        options: severity,
      },
    ],
  };
}

const domainScore = (id: string): Expression => ({
  coalesce: [{ product: [{ score: `${id}Frequency` }, { score: `${id}Severity` }] }, { const: 0 }],
});

export const npiNhForm: FormDefinition = {
  id: 'npi-nh',
  version: 1,
  status: 'active',
  title: t(
    'NPI-NH – Neuropsykiatrisk inventering (särskilt boende)',
    'NPI-NH – Neuropsychiatric Inventory, Nursing Home version',
  ),
  description: t(
    'Tolv symtomområden; frekvens (1–4) × svårighetsgrad (1–3) per område.',
    'Twelve symptom domains; frequency (1–4) × severity (1–3) per domain.',
  ),
  items: NPI_DOMAINS.map(domainGroup),
  computed: [
    ...NPI_DOMAINS.map(([id, sv, en]) => ({
      id: `${id}Score`,
      text: t(`${sv}: poäng`, `${en}: score`),
      expression: domainScore(id),
    })),
    {
      id: 'total',
      text: t('Totalpoäng', 'Total score'),
      expression: { sum: NPI_DOMAINS.map(([id]) => ({ computed: `${id}Score` })) },
    },
  ],
};

const bands: BandDefinition[] = [
  { code: 'no_symptoms', label: t('Inga symtom', 'No symptoms') },
  { code: 'symptoms', label: t('Symtom', 'Symptoms') },
  {
    code: 'clinically_significant',
    label: t('Kliniskt betydelsefulla symtom', 'Clinically significant symptoms'),
  },
];

export interface NpiNhOptions {
  /** A domain score (frequency × severity) at or above this is clinically significant; default 4. */
  clinicallySignificantAtOrAbove: number;
}

export interface NpiDomainResult {
  present: boolean;
  frequency: number | null;
  severity: number | null;
  /** frequency × severity, 0 when the domain is not present. */
  score: number;
}

export interface NpiNhResult extends ScoreResult {
  total: number;
  domains: Record<NpiDomain, NpiDomainResult>;
  threshold: { clinicallySignificantAtOrAbove: number; source: 'default' | 'configured' };
}

export const npiNh: Instrument<NpiNhOptions, NpiNhResult> = {
  id: npiNhForm.id,
  version: npiNhForm.version,
  title: npiNhForm.title,
  description: npiNhForm.description!,
  form: npiNhForm,
  sources: [
    {
      citation:
        'Wood S, Cummings JL, Hsu M-A, et al. The use of the Neuropsychiatric Inventory in nursing home residents: characterization and measurement. Am J Geriatr Psychiatry 2000;8(1):75–83.',
    },
    {
      citation:
        'Svenskt register för beteendemässiga och psykiska symtom vid demens (BPSD-registret): NPI-NH.',
      url: 'https://www.bpsd.se',
    },
  ],
  requiresSex: false,
  bands,
  defaultOptions: { clinicallySignificantAtOrAbove: 4 },
  score({ answers }, given) {
    const { options, source } = resolveOptions(this.defaultOptions, given);
    assertInteger('clinicallySignificantAtOrAbove', options.clinicallySignificantAtOrAbove, 1, 12);
    const issues = checkInput(npiNhForm, answers);
    if (issues.length) return { ok: false, issues };
    const items = pointsOf(npiNhForm, answers);
    const domains = {} as Record<NpiDomain, NpiDomainResult>;
    let total = 0;
    for (const [id] of NPI_DOMAINS) {
      const present = answerOf(answers, `${id}Present`) === true;
      const f = present ? (items[`${id}Frequency`] ?? null) : null;
      const s = present ? (items[`${id}Severity`] ?? null) : null;
      const score = f !== null && s !== null ? f * s : 0;
      domains[id] = { present, frequency: f, severity: s, score };
      total += score;
    }
    const significant = Object.values(domains).some((d) => d.score >= options.clinicallySignificantAtOrAbove);
    const band = significant ? 'clinically_significant' : total === 0 ? 'no_symptoms' : 'symptoms';
    return {
      ok: true,
      result: {
        instrument: this.id,
        version: this.version,
        total,
        band,
        bandLabel: bandLabel(bands, band),
        risk: significant,
        items,
        domains,
        threshold: { clinicallySignificantAtOrAbove: options.clinicallySignificantAtOrAbove, source },
      },
    };
  },
};
