import type { UnitType } from '../org/codes.js';
import type { Random } from '../random.js';
import { dayOf, dayOrOpen } from './dates.js';
import { municipalityParams } from './municipalities.js';
import type { MunicipalityParams, NationInput, SyntheticUnitVersion } from './types.js';

/**
 * What every person of a nation is drawn against: the span, the municipalities with their random
 * effects, and an index of the units by municipality and type, with their validity.
 */
export interface UnitSpan {
  unitId: string;
  unitType: UnitType;
  versions: Array<{ municipalityCode: string; from: number; to: number; elderly: boolean }>;
}

export interface WeightedList<T> {
  items: T[];
  /** Running sums of the weights, for a binary search. */
  cumulative: number[];
}

export interface NationPlan {
  seed: string;
  persons: number;
  asOf: string;
  asOfDay: number;
  spanStartDay: number;
  municipalities: Map<string, MunicipalityParams>;
  units: Map<string, UnitSpan>;
  /** municipality → unit type → units that ever had that type there. */
  unitsByMunicipality: Map<string, Map<UnitType, UnitSpan[]>>;
  elderlyMunicipalities: WeightedList<MunicipalityParams>;
  followupMunicipalities: WeightedList<MunicipalityParams>;
  featured: UnitSpan[];
}

export const ELDERLY_TYPES: readonly UnitType[] = ['home_care', 'special_housing', 'short_term_housing'];

function weightedList<T>(items: T[], weightOf: (t: T) => number): WeightedList<T> {
  let sum = 0;
  return { items, cumulative: items.map((t) => (sum += weightOf(t))) };
}

export function pickWeighted<T>(rng: Random, list: WeightedList<T>): T {
  const total = list.cumulative[list.cumulative.length - 1] ?? 0;
  const r = rng.next() * total;
  let lo = 0;
  let hi = list.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list.cumulative[mid] ?? 0) > r) hi = mid;
    else lo = mid + 1;
  }
  const item = list.items[lo];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function indexUnits(versions: readonly SyntheticUnitVersion[]): Map<string, UnitSpan> {
  const units = new Map<string, UnitSpan>();
  for (const v of [...versions].sort(
    (a, b) => a.unitId.localeCompare(b.unitId) || a.validFrom.localeCompare(b.validFrom),
  )) {
    const span = units.get(v.unitId) ?? { unitId: v.unitId, unitType: v.unitType, versions: [] };
    span.versions.push({
      municipalityCode: v.municipalityCode,
      from: dayOf(v.validFrom),
      to: dayOrOpen(v.validTo),
      elderly: v.operatingArea === 'elderly_care',
    });
    units.set(v.unitId, span);
  }
  return units;
}

export function buildPlan(input: NationInput): NationPlan {
  if (!Number.isSafeInteger(input.persons) || input.persons < 0)
    throw new RangeError('persons must be a whole number ≥ 0');
  const asOfDay = dayOf(input.asOf);
  const years = input.years ?? 4;
  // Never before the first unit exists, so every person has somewhere to be served.
  const firstUnitDay = input.units.reduce((min, u) => Math.min(min, dayOf(u.validFrom)), asOfDay);
  const spanStartDay = Math.max(dayOf(`${Number(input.asOf.slice(0, 4)) - years}-01-01`), firstUnitDay);
  const municipalities = new Map(
    [...input.municipalities]
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((m) => [m.code, municipalityParams(input.seed, m)] as const),
  );
  const units = indexUnits(input.units);
  const unitsByMunicipality = new Map<string, Map<UnitType, UnitSpan[]>>();
  for (const unit of units.values()) {
    for (const code of new Set(unit.versions.map((v) => v.municipalityCode))) {
      const byType = unitsByMunicipality.get(code) ?? new Map<UnitType, UnitSpan[]>();
      byType.set(unit.unitType, [...(byType.get(unit.unitType) ?? []), unit]);
      unitsByMunicipality.set(code, byType);
    }
  }
  const has = (code: string, types: readonly UnitType[]) =>
    types.some((t) => (unitsByMunicipality.get(code)?.get(t)?.length ?? 0) > 0);
  const params = [...municipalities.values()];
  return {
    seed: String(input.seed),
    persons: input.persons,
    asOf: input.asOf,
    asOfDay,
    spanStartDay,
    municipalities,
    units,
    unitsByMunicipality,
    elderlyMunicipalities: weightedList(
      params.filter((m) => has(m.code, ELDERLY_TYPES)),
      (m) => m.weight,
    ),
    followupMunicipalities: weightedList(
      params.filter((m) => has(m.code, ['ifo_section'])),
      (m) => m.weight,
    ),
    featured: (input.featuredUnitIds ?? []).flatMap((id) => units.get(id) ?? []),
  };
}

/** The unit's municipality on a day, or undefined when the unit does not exist that day. */
export function municipalityOn(unit: UnitSpan, day: number): string | undefined {
  return unit.versions.find((v) => v.from <= day && day < v.to)?.municipalityCode;
}

/** The first day after `day` on which the unit no longer exists (OPEN when it never ends). */
export function unitEndAfter(unit: UnitSpan, day: number): number {
  let end = day;
  for (const v of unit.versions) if (v.from <= end && end < v.to) end = v.to;
  return end;
}

/** A unit of the type in the municipality that exists on the day (any elderly type as a fallback). */
export function unitFor(
  plan: NationPlan,
  rng: Random,
  municipalityCode: string,
  type: UnitType,
  day: number,
): UnitSpan | undefined {
  const byType = plan.unitsByMunicipality.get(municipalityCode);
  const open = (list: readonly UnitSpan[] | undefined) =>
    (list ?? []).filter((u) => municipalityOn(u, day) === municipalityCode);
  const exact = open(byType?.get(type));
  if (exact.length) return rng.pick(exact);
  if (type === 'ifo_section') return undefined;
  const any = ELDERLY_TYPES.flatMap((t) => open(byType?.get(t)));
  return any.length ? rng.pick(any) : undefined;
}
