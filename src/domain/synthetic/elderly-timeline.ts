import type { UnitType } from '../org/codes.js';
import type { Random } from '../random.js';
import { DAYS_PER_YEAR, OPEN } from './dates.js';
import { exponential, weighted } from './draw.js';
import { municipalityOn, unitEndAfter, unitFor, type NationPlan, type UnitSpan } from './plan.js';

/**
 * The service history of a person in elderly care: consecutive periods at units, ending in a
 * move, in leaving elderly care, in death, or still open on the last day of the data. Deaths
 * rise with age and frailty and are far more common in special housing than in home care.
 */
export interface Segment {
  unit: UnitSpan;
  type: UnitType;
  from: number;
  /** Exclusive end; OPEN while still served. */
  to: number;
  end: 'open' | 'moved' | 'left' | 'died';
}

/** Deaths a year at age 85 and average frailty, by type of unit. */
export const DEATH_RATE: Partial<Record<UnitType, number>> = {
  special_housing: 0.3,
  short_term_housing: 0.3,
  home_care: 0.08,
};

export function deathRate(type: UnitType, age: number, frailty: number): number {
  return (DEATH_RATE[type] ?? 0.08) * Math.exp(0.08 * (age - 85) + 0.35 * frailty);
}

interface Transition {
  rate: number;
  end: Segment['end'];
  next?: UnitType;
}

function transitions(type: UnitType, frailty: number): Transition[] {
  if (type === 'home_care')
    return [
      { rate: 0.1 * Math.exp(0.5 * frailty), end: 'moved', next: 'special_housing' },
      { rate: 0.03, end: 'moved', next: 'short_term_housing' },
      { rate: 0.05, end: 'left' },
    ];
  if (type === 'special_housing') return [{ rate: 0.03, end: 'moved', next: 'special_housing' }];
  // A short-term place lasts weeks to a few months, then home again or into special housing.
  return [
    { rate: 4.5, end: 'moved', next: 'home_care' },
    { rate: 3, end: 'moved', next: 'special_housing' },
  ];
}

export interface TimelineInput {
  municipalityCode: string;
  firstUnit: UnitSpan;
  start: number;
  birthDay: number;
  frailty: number;
  /** Featured persons stay put and alive, so the demo unit keeps its persons. */
  featured: boolean;
}

export function elderlyTimeline(plan: NationPlan, rng: Random, p: TimelineInput): Segment[] {
  const segments: Segment[] = [];
  let unit = p.firstUnit;
  let type = p.firstUnit.unitType;
  let from = p.start;
  let canMove = true;
  for (;;) {
    const age = (from - p.birthDay) / DAYS_PER_YEAR;
    const options: Transition[] = p.featured
      ? []
      : [
          { rate: deathRate(type, age, p.frailty), end: 'died' },
          ...transitions(type, p.frailty).filter((t) => canMove || !t.next),
        ];
    // Competing risks: the first of the exponential waiting times wins.
    let wait = OPEN;
    let chosen: Transition | undefined;
    for (const t of options) {
      const w = exponential(rng, t.rate) * DAYS_PER_YEAR;
      if (w < wait) [wait, chosen] = [w, t];
    }
    const day = from + 1 + Math.floor(wait);
    const unitEnd = unitEndAfter(unit, from);
    if (unitEnd <= day && unitEnd <= plan.asOfDay) {
      segments.push({ unit, type, from, to: unitEnd, end: 'left' });
      return segments;
    }
    if (!chosen || day > plan.asOfDay) {
      segments.push({ unit, type, from, to: OPEN, end: 'open' });
      return segments;
    }
    if (chosen.end !== 'moved' || !chosen.next) {
      segments.push({ unit, type, from, to: chosen.end === 'died' ? day + 1 : day, end: chosen.end });
      return segments;
    }
    const here = municipalityOn(unit, from) ?? p.municipalityCode;
    const next = unitFor(plan, rng, here, chosen.next, day);
    if (!next || next.unitId === unit.unitId) {
      // Nowhere else to go: the person stays, and the draw starts again without moves.
      canMove = false;
      continue;
    }
    segments.push({ unit, type, from, to: day, end: 'moved' });
    unit = next;
    type = next.unitType;
    from = day;
    canMove = true;
  }
}

/** Age at the start of elderly care, in years: mostly 75–95, a few above 100. */
export function elderlyAge(rng: Random, sex: 'K' | 'M'): number {
  const band = weighted(rng, [
    [65, 0.05],
    [70, 0.08],
    [75, 0.15],
    [80, 0.22],
    [85, 0.27],
    [90, 0.17],
    [95, 0.055],
    [100, 0.005],
  ]);
  const age = band + rng.next() * 5 + (sex === 'K' ? 1 : 0);
  return Math.min(age, 104);
}
