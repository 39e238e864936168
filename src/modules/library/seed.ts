import type { Db } from '../../db/db.js';
import { listInstruments, type RegisteredInstrument } from '../../domain/instruments/index.js';
import type { EvidenceLevel } from '../../domain/library/evidence.js';
import {
  PROBLEM_OF_INSTRUMENT,
  type OperatingArea,
  type TargetGroup,
} from '../../domain/library/vocabulary.js';
import { importPublished, type PublishedImport } from './bulk.js';
import { systemActor } from './service.js';
import { SEED_ENTRIES, SEED_EXAMPLE, SEED_WRITTEN_ON } from './seed-content.js';
import type { EntryContent, Reference } from './types.js';

/**
 * What the library holds from the start. Instruments of the instrument library appear as
 * entries (on every start); the demo's example entries only in demo mode. Both go through the
 * module's writer (importPublished), idempotently by slug.
 */
const INSTRUMENT_INDICATORS: Readonly<Record<string, string[]>> = {
  'modified-norton': ['K10004', 'K10010'],
  'mna-sf': ['K10005', 'K10011'],
  downton: ['K10006', 'K10012'],
  roag: ['K10007'],
  audit: ['K30001'],
  dudit: ['K30002'],
  'icf-ibic': ['K30003'],
  'palliative-eol': ['K20007'],
};

const ELDERLY: ReadonlySet<string> = new Set([
  'modified-norton',
  'mna-sf',
  'downton',
  'roag',
  'npi-nh',
  'palliative-eol',
]);

/** The instrument's cited sources that name a year; without a link of their own they point to the instrument library. */
function instrumentReferences(i: RegisteredInstrument): Reference[] {
  return i.sources.flatMap((s) => {
    const year = /\b(19[5-9][0-9]|20[0-9]{2})\b/.exec(s.citation)?.[1];
    if (!year) return [];
    return [
      {
        kind: 'other' as const,
        title: s.citation.slice(0, 300),
        year: Number(year),
        url: s.url ?? '/instruments',
      },
    ];
  });
}

export function instrumentEntries(): PublishedImport[] {
  return listInstruments().map((i) => {
    const elderly = ELDERLY.has(i.id);
    const problem = PROBLEM_OF_INSTRUMENT[i.id];
    const areas: OperatingArea[] = elderly ? ['elderly_care'] : ['individual_family_care'];
    const groups: TargetGroup[] = elderly
      ? i.id === 'npi-nh'
        ? ['people_with_dementia']
        : i.id === 'palliative-eol'
          ? ['people_at_end_of_life']
          : ['older_people']
      : ['adults_with_substance_use'];
    const content: EntryContent = {
      title: `Bedömningsinstrument: ${i.title.sv}`,
      summary: i.description.sv.slice(0, 2000),
      body: `Fyll i och poängsätt instrumentet i instrumentbiblioteket (/instruments). Resultatnivåer: ${i.bands.map((b) => b.label.sv).join(', ')}.`,
      ksiCode: null,
      instrumentId: i.id,
      targetGroups: groups,
      operatingAreas: areas,
      problems: problem ? [problem] : [],
      evidence: 'proven_experience' satisfies EvidenceLevel,
      outcomeIndicators: INSTRUMENT_INDICATORS[i.id] ?? [],
      references: instrumentReferences(i),
      example: null,
      reviewDue: null,
      sampleWrittenOn: null,
    };
    return {
      kind: 'instrument' as const,
      slug: `instrument-${i.id}`,
      content,
      note: 'från instrumentbiblioteket',
    };
  });
}

export function seedEntries(today: string): PublishedImport[] {
  const year = Number(today.slice(0, 4));
  const common = {
    ksiCode: null,
    instrumentId: null,
    example: null,
    reviewDue: null,
    sampleWrittenOn: SEED_WRITTEN_ON,
  };
  const entries: PublishedImport[] = SEED_ENTRIES.map((e) => ({
    kind: e.kind,
    slug: e.slug,
    note: 'exempelinnehåll för demon',
    content: {
      ...common,
      title: e.title,
      summary: e.summary,
      body: e.body,
      ksiCode: e.ksiCode ?? null,
      targetGroups: e.targetGroups,
      operatingAreas: e.operatingAreas,
      problems: e.problems,
      evidence: e.evidence,
      outcomeIndicators: e.outcomeIndicators,
      references: e.references,
    },
  }));
  entries.push({
    kind: 'good_example',
    slug: SEED_EXAMPLE.slug,
    note: 'exempelinnehåll för demon',
    content: {
      ...common,
      title: SEED_EXAMPLE.title,
      summary: SEED_EXAMPLE.summary,
      body: SEED_EXAMPLE.body,
      targetGroups: ['older_people'],
      operatingAreas: ['elderly_care'],
      problems: ['falls'],
      evidence: 'local_result',
      outcomeIndicators: [SEED_EXAMPLE.indicatorId],
      references: [],
      example: {
        municipalityCode: SEED_EXAMPLE.municipalityCode,
        indicatorId: SEED_EXAMPLE.indicatorId,
        before: String(year - 1),
        after: String(year),
      },
    },
  });
  return entries;
}

/** Instrument entries, always; returns how many were new. */
export function seedInstrumentEntries(db: Db, now = new Date()): Promise<number> {
  return importPublished(db, systemActor(now), instrumentEntries());
}

/** The demo's example entries (marked as examples, dated); returns how many were new. */
export function seedLibraryExamples(db: Db, now = new Date()): Promise<number> {
  const today = now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
  return importPublished(db, systemActor(now), seedEntries(today));
}
