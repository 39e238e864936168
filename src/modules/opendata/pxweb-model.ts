import { isDividedBySex } from '../../domain/indicators/by-sex.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { PXWEB_NATION } from '../../domain/opendata/codes.js';
import type { CubeDimension } from '../../domain/opendata/cube.js';
import { OrderedRecord } from '../../domain/opendata/ordered-json.js';
import type { Snapshot } from './cache.js';
import { OPERATING_AREA_EN, OPERATING_AREA_SV, SOURCE_NAME } from './labels.js';

/**
 * One PxWeb table per public indicator (id = the indicator id), annual periods only:
 * Region (00 nation, county codes, municipality codes, in SCB's order), Kon (SCB's 1+2/1/2),
 * ContentsCode (rate in per cent, numerator, denominator) and Tid (years).
 */
export type Lang = 'sv' | 'en';
export const LANGUAGES: ReadonlyArray<{ id: Lang; label: string }> = [
  { id: 'sv', label: 'Svenska' },
  { id: 'en', label: 'English' },
];

export const DIM = { region: 'Region', sex: 'Kon', contents: 'ContentsCode', time: 'Tid' } as const;
export const CONTENTS = ['rate', 'numerator', 'denominator'] as const;
export type Contents = (typeof CONTENTS)[number];

const TEXT = {
  sv: {
    region: 'region',
    sex: 'kön',
    contents: 'tabellinnehåll',
    time: 'år',
    nation: 'Riket',
    sexes: { '1+2': 'totalt', '1': 'män', '2': 'kvinnor' },
    contentLabels: {
      rate: 'Andel, procent',
      numerator: 'Täljare, antal personer',
      denominator: 'Nämnare, antal personer',
    },
    by: 'efter region, kön, tabellinnehåll och år',
    units: { percent: 'procent', count: 'antal' },
    notes: {
      rate: 'Andelen i procent med en decimal: täljaren delad med nämnaren.',
      count: 'Antal personer; undertrycks tillsammans med andelen när röjandekontrollen kräver det.',
    },
  },
  en: {
    region: 'region',
    sex: 'sex',
    contents: 'observations',
    time: 'year',
    nation: 'Sweden',
    sexes: { '1+2': 'total', '1': 'men', '2': 'women' },
    contentLabels: {
      rate: 'Share, per cent',
      numerator: 'Numerator, persons',
      denominator: 'Denominator, persons',
    },
    by: 'by region, sex, observations and year',
    units: { percent: 'per cent', count: 'number' },
    notes: {
      rate: 'The share in per cent with one decimal: the numerator divided by the denominator.',
      count: 'Number of persons; suppressed together with the share when disclosure control requires it.',
    },
  },
} as const;

export interface PxTable {
  def: IndicatorDefinition;
  lang: Lang;
  label: string;
  years: string[];
  updated: Date | null;
  /** Every dimension with all its categories, in output order. */
  dimensions: CubeDimension[];
}

export function yearsOf(snap: Snapshot, indicatorId: string): { years: string[]; updated: Date | null } {
  const rows = snap.publications.filter((p) => p.indicatorId === indicatorId && /^\d{4}$/.test(p.period));
  const updated = rows.reduce<Date | null>((m, p) => (!m || p.publishedAt > m ? p.publishedAt : m), null);
  return { years: rows.map((p) => p.period).sort(), updated };
}

/**
 * PxWeb code lists: value sets of the Region variable (the nation and counties; the
 * municipalities). A selection may name one (codelist[Region]=…) to choose among its values.
 */
export interface CodeList {
  id: string;
  label: string;
  type: 'Valueset';
  variable: string;
  values: Array<{ code: string; label: string; valueMap: string[] }>;
}

const CODE_LIST_LABELS = {
  vs_RegionRiketLan: { sv: 'Riket och län', en: 'Sweden and counties' },
  vs_RegionKommun: { sv: 'Kommuner', en: 'Municipalities' },
} as const;
export type CodeListId = keyof typeof CODE_LIST_LABELS;

export function codeLists(snap: Snapshot, lang: Lang): CodeList[] {
  const value = (code: string, label: string) => ({ code, label, valueMap: [code] });
  return [
    {
      id: 'vs_RegionRiketLan',
      label: CODE_LIST_LABELS.vs_RegionRiketLan[lang],
      type: 'Valueset',
      variable: DIM.region,
      values: [
        value(PXWEB_NATION, TEXT[lang].nation),
        ...snap.catalog.regions.map((r) => value(r.code, r.name)),
      ],
    },
    {
      id: 'vs_RegionKommun',
      label: CODE_LIST_LABELS.vs_RegionKommun[lang],
      type: 'Valueset',
      variable: DIM.region,
      values: snap.catalog.regions.flatMap((r) =>
        snap.catalog.municipalities.filter((m) => m.regionCode === r.code).map((m) => value(m.code, m.name)),
      ),
    },
  ];
}

function regionDimension(snap: Snapshot, lang: Lang, base: string): CubeDimension {
  const codes = [PXWEB_NATION];
  const labels: Record<string, string> = { [PXWEB_NATION]: TEXT[lang].nation };
  for (const r of snap.catalog.regions) {
    codes.push(r.code);
    labels[r.code] = r.name;
    for (const m of snap.catalog.municipalities.filter((x) => x.regionCode === r.code)) {
      codes.push(m.code);
      labels[m.code] = m.name;
    }
  }
  return {
    id: DIM.region,
    label: TEXT[lang].region,
    codes,
    labels,
    extension: {
      elimination: true,
      eliminationValueCode: PXWEB_NATION,
      codeLists: (Object.keys(CODE_LIST_LABELS) as CodeListId[]).map((id) => ({
        id,
        label: CODE_LIST_LABELS[id][lang],
        links: [{ rel: 'metadata', hreflang: lang, href: `${base}/codelists/${id}?lang=${lang}` }],
      })),
    },
  };
}

export function pxTable(snap: Snapshot, def: IndicatorDefinition, lang: Lang, base = ''): PxTable {
  const t = TEXT[lang];
  const { years, updated } = yearsOf(snap, def.id);
  const dimensions: CubeDimension[] = [
    regionDimension(snap, lang, base),
    {
      id: DIM.sex,
      label: t.sex,
      // Survey answers carry no sex: their tables have the total only.
      codes: isDividedBySex(def) ? ['1+2', '1', '2'] : ['1+2'],
      labels: isDividedBySex(def) ? t.sexes : { '1+2': t.sexes['1+2'] },
      extension: { elimination: true, eliminationValueCode: '1+2' },
    },
    {
      id: DIM.contents,
      label: t.contents,
      codes: [...CONTENTS],
      labels: t.contentLabels,
      unit: {
        rate: { base: t.units.percent, decimals: 1 },
        numerator: { base: t.units.count, decimals: 0 },
        denominator: { base: t.units.count, decimals: 0 },
      },
      extension: {
        elimination: false,
        valueNote: new OrderedRecord([
          ['rate', [{ mandatory: true, text: t.notes.rate }]],
          ['numerator', [{ mandatory: false, text: t.notes.count }]],
          ['denominator', [{ mandatory: false, text: t.notes.count }]],
        ]),
      },
    },
    {
      id: DIM.time,
      label: t.time,
      codes: years,
      labels: Object.fromEntries(years.map((y) => [y, y])),
      extension: {
        elimination: false,
        frequency: 'A',
        firstPeriod: years[0] ?? null,
        lastPeriod: years[years.length - 1] ?? null,
      },
    },
  ];
  return { def, lang, label: `${def.title[lang]} ${t.by}`, years, updated, dimensions };
}

export const STATUS_NOTES: Readonly<Record<Lang, string[]>> = {
  sv: [
    '"..": värdet är undertryckt av röjandeskäl (röjandekontroll).',
    '".": värdet kan inte anges (för låg täckningsgrad, ingen i nämnaren eller inget publicerat värde).',
  ],
  en: [
    '"..": the value is suppressed for confidentiality (disclosure control).',
    '".": the value cannot be stated (coverage too low, no one in the denominator, or nothing published).',
  ],
};

/** The /tables item of PxWeb API v2 for one table. */
export function tableInfo(t: PxTable, base: string): Record<string, unknown> {
  const area =
    t.lang === 'sv' ? OPERATING_AREA_SV[t.def.operatingArea] : OPERATING_AREA_EN[t.def.operatingArea];
  const href = `${base}/tables/${t.def.id}`;
  const link = (rel: string, path: string) => ({
    rel,
    hreflang: t.lang,
    href: `${href}${path}?lang=${t.lang}`,
  });
  return {
    type: 'Table',
    id: t.def.id,
    label: t.label,
    description: t.def.description[t.lang],
    updated: t.updated ? t.updated.toISOString() : null,
    firstPeriod: t.years[0] ?? null,
    lastPeriod: t.years[t.years.length - 1] ?? null,
    category: 'public',
    variableNames: t.dimensions.map((d) => d.label),
    discontinued: false,
    source: SOURCE_NAME,
    subjectCode: t.def.operatingArea,
    timeUnit: 'Annual',
    paths: [[{ id: t.def.operatingArea, label: area }]],
    links: [link('self', ''), link('metadata', '/metadata'), link('data', '/data')],
  };
}
