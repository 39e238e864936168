import { ACTION_CODES, UNDERLYING_CAUSES, type RiskArea } from '../registers/entries.js';
import type { Random } from '../random.js';
import { DAYS_PER_YEAR, OPEN } from './dates.js';
import { poissonDays, weighted } from './draw.js';
import type { Segment } from './elderly-timeline.js';
import type { EntryLog } from './entry-log.js';
import { downtonAnswers, mnaSfAnswers, nortonAnswers, roagAnswers, type Assessed } from './risk-answers.js';
import type { MunicipalityParams } from './types.js';

/**
 * Senior Alert for one person: risk assessments in rounds (all four instruments, now and then one
 * skipped), planned actions for most risks found, follow-ups of some, adverse events whose rates
 * follow the latest assessed risk, and a closure when a period ends.
 */
const INSTRUMENTS: ReadonlyArray<readonly [string, RiskArea, (rng: Random, z: number) => Assessed]> = [
  ['modified-norton', 'pressure_ulcer', nortonAnswers],
  ['mna-sf', 'malnutrition', mnaSfAnswers],
  ['downton', 'falls', downtonAnswers],
  ['roag', 'oral_health', roagAnswers],
];

/** Frailty added by the kind of unit: special housing serves the frailest. */
const TYPE_FRAILTY: Record<string, number> = {
  special_housing: 0.8,
  short_term_housing: 0.5,
  home_care: -0.4,
};

export interface SeniorAlertPerson {
  birthDay: number;
  /** The person's own frailty (standard normal). */
  frailty: number;
  participates: boolean;
  /** The person is followed over a long span (featured persons): a round every few months. */
  frequent: boolean;
}

export function frailtyOn(
  p: SeniorAlertPerson,
  m: MunicipalityParams,
  type: string,
  day: number,
  start: number,
) {
  const age = (day - p.birthDay) / DAYS_PER_YEAR;
  return (
    p.frailty +
    m.riskEffect +
    (TYPE_FRAILTY[type] ?? 0) +
    0.045 * (age - 85) +
    (0.25 * (day - start)) / DAYS_PER_YEAR
  );
}

interface RiskAt {
  day: number;
  area: RiskArea;
  risk: boolean;
}

const ACTION_OUTCOMES = [
  ['improved', 0.45],
  ['unchanged', 0.4],
  ['worse', 0.15],
] as const;

function actionsAndFollowUps(
  rng: Random,
  log: EntryLog,
  seg: Segment,
  end: number,
  m: MunicipalityParams,
  area: RiskArea,
  day: number,
): void {
  if (!rng.chance(m.actionRate)) return;
  const codes = ACTION_CODES[area].filter((c) => c !== 'other');
  const planned = rng.shuffle([...codes]).slice(0, rng.chance(0.6) ? 1 : 2);
  const actionDay = day + rng.int(0, 14);
  if (actionDay >= end) return;
  for (const actionCode of planned)
    log.add('senior_alert', 'planned_action', seg.unit, actionDay, { riskArea: area, actionCode });
  const followUpDay = actionDay + rng.int(30, 120);
  if (followUpDay < end && rng.chance(m.followUpRate))
    log.add('senior_alert', 'follow_up', seg.unit, followUpDay, {
      riskArea: area,
      outcome: weighted(rng, ACTION_OUTCOMES),
    });
}

function assessmentRounds(
  rng: Random,
  log: EntryLog,
  p: SeniorAlertPerson,
  m: MunicipalityParams,
  seg: Segment,
  end: number,
  start: number,
): RiskAt[] {
  const risks: RiskAt[] = [];
  let first = true;
  for (
    let day = seg.from + rng.int(2, 30);
    day < end;
    day += p.frequent ? rng.int(60, 150) : rng.int(150, 380)
  ) {
    if (!first && !rng.chance(0.9)) continue;
    first = false;
    const z = frailtyOn(p, m, seg.type, day, start);
    for (const [instrument, area, answer] of INSTRUMENTS) {
      if (!rng.chance(0.93)) continue;
      const { answers, risk } = answer(rng, z);
      const causes = risk
        ? rng.shuffle(UNDERLYING_CAUSES.filter((c) => c !== 'other')).slice(0, rng.int(0, 2))
        : [];
      log.add('senior_alert', 'risk_assessment', seg.unit, day, { instrument, answers, causes });
      risks.push({ day, area, risk });
      if (risk) actionsAndFollowUps(rng, log, seg, end, m, area, day);
    }
  }
  return risks;
}

/** Adverse events a year, by whether the latest assessment found a risk in the area. */
const EVENT_RATES = {
  fall: { area: 'falls', base: 0.35, risk: 1.2 },
  pressure_ulcer: { area: 'pressure_ulcer', base: 0.02, risk: 0.14 },
  weight_loss: { area: 'malnutrition', base: 0.03, risk: 0.15 },
  oral_problem: { area: 'oral_health', base: 0.01, risk: 0.08 },
} as const;

/** Without an assessment, whether a person is at risk follows their frailty. */
const LATENT_RISK_FROM: Record<RiskArea, number> = {
  pressure_ulcer: 0.8,
  malnutrition: 0.2,
  falls: -0.6,
  oral_health: 0.9,
};

function events(
  rng: Random,
  log: EntryLog,
  p: SeniorAlertPerson,
  m: MunicipalityParams,
  seg: Segment,
  end: number,
  start: number,
  risks: readonly RiskAt[],
): void {
  const zNow = frailtyOn(p, m, seg.type, seg.from, start);
  const riskOn = (area: RiskArea, day: number): boolean => {
    let latest: RiskAt | undefined;
    for (const r of risks) if (r.area === area && r.day <= day) latest = r;
    return latest ? latest.risk : zNow >= LATENT_RISK_FROM[area];
  };
  for (const [eventType, rate] of Object.entries(EVENT_RATES)) {
    const factor = eventType === 'fall' ? m.fallFactor : 1;
    const max = (rate.base + rate.risk) * factor;
    // Thinning: candidates at the highest rate, each kept with rate(day) / max.
    for (const day of poissonDays(rng, max, seg.from, end)) {
      const here = (rate.base + (riskOn(rate.area, day) ? rate.risk : 0)) * factor;
      if (!rng.chance(here / max)) continue;
      const grade = eventType === 'pressure_ulcer' ? weighted(rng, GRADES) : undefined;
      log.add('senior_alert', 'event', seg.unit, day, { eventType, ...(grade ? { grade } : {}) });
    }
  }
}

/** EPUAP categories: most pressure ulcers are superficial. */
const GRADES = [
  [1, 0.45],
  [2, 0.33],
  [3, 0.13],
  [4, 0.09],
] as const;

export function seniorAlert(
  rng: Random,
  log: EntryLog,
  p: SeniorAlertPerson,
  m: MunicipalityParams,
  segments: readonly Segment[],
  asOfDay: number,
): void {
  const start = segments[0]?.from ?? 0;
  for (const seg of segments) {
    const end = Math.min(seg.to === OPEN ? asOfDay + 1 : seg.to, asOfDay + 1);
    const risks = p.participates ? assessmentRounds(rng, log, p, m, seg, end, start) : [];
    events(rng, log, p, m, seg, end, start, risks);
    if (p.participates && risks.length > 0 && seg.end !== 'open' && rng.chance(0.6)) {
      const reason = seg.end === 'died' ? 'deceased' : 'moved';
      log.add('senior_alert', 'closure', seg.unit, end - 1, { reason });
    }
  }
}
