import type { Fact, FactAttribute } from '../facts/fact.js';
import { getInstrument, type ScoreResult } from '../instruments/index.js';
import { icfChange, type IcfResult } from '../instruments/icf-ibic.js';
import type { PalliativeResult } from '../instruments/palliative.js';
import {
  RISK_AREA_OF_INSTRUMENT,
  ksiCode,
  type InterventionData,
  type MeasureData,
  type RiskInstrument,
} from './entries.js';

/**
 * From stored entries to the facts the indicator engine counts. Pure: the registers module reads
 * the entries and the person, calls these, and hands the facts to the engine in the same
 * transaction.
 */
export interface PersonFacts {
  pseudonym: string;
  birthDate: string;
  /** Sex for statistics: the recorded override when there is one. */
  sex: 'K' | 'M';
}

export interface StoredEntry {
  id: string;
  register: string;
  kind: string;
  unitId: string;
  occurredOn: string;
  data: Record<string, unknown>;
  derived: ScoreResult | null;
}

/** Whole years between the birth date and the date (both ISO). */
export function ageOn(birthDate: string, date: string): number {
  // ISO dates: "MM-DD" compares as the day in the year does (called once per fact: no splitting).
  const beforeBirthday = date.slice(5) < birthDate.slice(5);
  return Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (beforeBirthday ? 1 : 0);
}

function fact(
  person: PersonFacts,
  e: Pick<StoredEntry, 'unitId' | 'occurredOn'>,
  register: Fact['register'],
  kind: Fact['kind'],
  attributes: Record<string, FactAttribute>,
): Fact {
  return {
    kind,
    register,
    person: person.pseudonym,
    unitId: e.unitId,
    date: e.occurredOn,
    sex: person.sex,
    age: ageOn(person.birthDate, e.occurredOn),
    attributes,
  };
}

// The palliative instrument's indicator codes, as the indicator catalogue names them.
const PALLIATIVE_ATTRIBUTE = {
  oralHealthAssessed: 'oralHealthAssessed',
  painAssessed: 'painAssessedValidated',
  prnOpioid: 'prnOpioid',
  prnAnxiolytic: 'prnAnxiolytic',
  freeOfPressureUlcers: 'freeOfPressureUlcers',
  breakpointConversation: 'breakpointConversation',
} as const satisfies Record<keyof PalliativeResult['indicators'], string>;

function palliativeAttributes(r: PalliativeResult): Record<string, FactAttribute> {
  const out: Record<string, FactAttribute> = { expected: r.expectedDeath };
  for (const [code, attr] of Object.entries(PALLIATIVE_ATTRIBUTE))
    out[attr] = r.indicators[code as keyof typeof PALLIATIVE_ATTRIBUTE].value;
  return out;
}

/** Facts of one Senior Alert or palliative entry (follow-up needs the person's other entries). */
export function factsOfEntry(person: PersonFacts, e: StoredEntry): Fact[] {
  const d = e.data;
  switch (`${e.register}/${e.kind}`) {
    case 'senior_alert/risk_assessment': {
      if (!e.derived) return [];
      const instrument = d['instrument'] as RiskInstrument;
      return [
        fact(person, e, 'senior_alert', 'risk_assessment', {
          instrument,
          riskArea: RISK_AREA_OF_INSTRUMENT[instrument],
          band: e.derived.band,
          risk: e.derived.risk,
          total: e.derived.total,
        }),
      ];
    }
    case 'senior_alert/planned_action':
      return [
        fact(person, e, 'senior_alert', 'planned_action', {
          riskArea: d['riskArea'] as string,
          actionCode: d['actionCode'] as string,
        }),
      ];
    case 'senior_alert/event':
      return [
        fact(person, e, 'senior_alert', 'event', {
          eventType: d['eventType'] as string,
          grade: (d['grade'] as number | undefined) ?? null,
        }),
      ];
    case 'senior_alert/follow_up':
      return [
        fact(person, e, 'senior_alert', 'follow_up', {
          riskArea: d['riskArea'] as string,
          outcome: d['outcome'] as string,
        }),
      ];
    case 'palliative/death':
      return [fact(person, e, 'palliative', 'death', { place: d['place'] as string })];
    case 'palliative/death_registration':
      return e.derived && 'indicators' in e.derived
        ? [
            fact(
              person,
              e,
              'palliative',
              'death_registration',
              palliativeAttributes(e.derived as PalliativeResult),
            ),
          ]
        : [];
    default:
      return [];
  }
}

const SEVERITY_ORDERED = new Set(['audit', 'dudit']);

/** True/false when a follow-up measure can be compared with the baseline, null when it cannot. */
export function improvedSinceBaseline(
  instrument: string,
  baseline: ScoreResult,
  later: ScoreResult,
): boolean | null {
  if (instrument === 'icf-ibic') {
    const changes = Object.values(icfChange((baseline as IcfResult).areas, (later as IcfResult).areas));
    const improved = changes.filter((c) => c.change === 'improved').length;
    const worsened = changes.filter((c) => c.change === 'worsened').length;
    return improved + worsened === 0 ? false : improved > worsened;
  }
  if (!SEVERITY_ORDERED.has(instrument)) return null;
  // Bands are listed from least to most severe; a lower band is an improvement.
  const bands = getInstrument(instrument)?.bands.map((b) => b.code) ?? [];
  const before = bands.indexOf(baseline.band);
  const after = bands.indexOf(later.band);
  return before < 0 || after < 0 ? null : after < before;
}

/** The client's view: true when every judged goal is met, null when no goal was judged. */
export function goalsMet(goals: MeasureData['goals']): boolean | null {
  const judged = goals.filter((g) => g.met !== undefined);
  return judged.length === 0 ? null : judged.every((g) => g.met === 'yes');
}

/**
 * Facts of a person's follow-up entries, all at once: each measure is compared with the baseline
 * of the same instrument, and carries the KSI code of the earliest intervention that started on
 * or before it (and after the baseline), so outcomes can be broken down by intervention.
 */
export function followupFacts(person: PersonFacts, entries: readonly StoredEntry[]): Map<string, Fact[]> {
  const out = new Map<string, Fact[]>();
  const measures = entries.filter((e) => e.register === 'followup' && e.kind === 'measure');
  const interventions = entries
    .filter((e) => e.register === 'followup' && e.kind === 'intervention')
    .sort((a, b) => a.occurredOn.localeCompare(b.occurredOn) || a.id.localeCompare(b.id));
  for (const e of entries) if (e.register === 'followup') out.set(e.id, []);
  for (const m of measures) {
    if (!m.derived) continue;
    const data = m.data as MeasureData;
    const baseline = measures
      .filter(
        (b) =>
          (b.data as MeasureData).instrument === data.instrument &&
          (b.data as MeasureData).phase === 'baseline',
      )
      .sort((a, b) => a.occurredOn.localeCompare(b.occurredOn))[0];
    const improved =
      data.phase !== 'baseline' && baseline?.derived && baseline.occurredOn <= m.occurredOn
        ? improvedSinceBaseline(data.instrument, baseline.derived, m.derived)
        : null;
    const intervention = interventions.find(
      (i) => i.occurredOn <= m.occurredOn && (!baseline || i.occurredOn >= baseline.occurredOn),
    );
    out.set(m.id, [
      fact(person, m, 'followup', 'followup_measure', {
        instrument: data.instrument,
        phase: data.phase,
        band: m.derived.band,
        total: m.derived.total,
        improved,
        interventionCode: intervention ? ksiCode((intervention.data as InterventionData).ksi) : null,
        goalsMet: goalsMet(data.goals),
      }),
    ]);
  }
  return out;
}

export interface ServicePeriodFacts {
  unitId: string;
  validFrom: string;
  /** Exclusive end, or 'infinity'. */
  validTo: string;
}

function firstOfNextMonth(date: string): string {
  // Called once per month served (most facts an import counts): slices, no splitting.
  const m = Number(date.slice(5, 7));
  if (m === 12) return `${Number(date.slice(0, 4)) + 1}-01-01`;
  return `${date.slice(0, 5)}${m < 9 ? '0' : ''}${m + 1}-01`;
}

/**
 * The months a Senior Alert service period counts as "served", stored as one row instead of one
 * fact a month (src/modules/indicators/sql/0240_served_span.sql expands it in SQL exactly as
 * factsOfServedSpan does here): from the first day served to the last day counted.
 */
export interface ServedSpan {
  person: string;
  unitId: string;
  sex: 'K' | 'M';
  birthDate: string;
  firstDay: string;
  /** The last day counted: the day before the period ends, or `through` while it runs on. */
  lastDay: string;
}

/** The span of a service period counted up to and including `through`, or null when nothing is. */
export function servedSpan(person: PersonFacts, s: ServicePeriodFacts, through: string): ServedSpan | null {
  const lastDay = s.validTo === 'infinity' || through < s.validTo ? through : dayBefore(s.validTo);
  if (lastDay < s.validFrom) return null;
  return {
    person: person.pseudonym,
    unitId: s.unitId,
    sex: person.sex,
    birthDate: person.birthDate,
    firstDay: s.validFrom,
    lastDay,
  };
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * "Served" facts of a span: one per calendar month the person was served, dated the first day
 * served in that month. Monthly, because the participation indicators are published per month as
 * well as per quarter and year.
 */
export function factsOfServedSpan(span: ServedSpan): Fact[] {
  const person = { pseudonym: span.person, birthDate: span.birthDate, sex: span.sex };
  const facts: Fact[] = [];
  for (let day = span.firstDay; day <= span.lastDay; day = firstOfNextMonth(day))
    facts.push(fact(person, { unitId: span.unitId, occurredOn: day }, 'senior_alert', 'served', {}));
  return facts;
}

/** "Served" facts of a Senior Alert service period up to and including `through`. */
export function servedFacts(person: PersonFacts, s: ServicePeriodFacts, through: string): Fact[] {
  const span = servedSpan(person, s, through);
  return span ? factsOfServedSpan(span) : [];
}
