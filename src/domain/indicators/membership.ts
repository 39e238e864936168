import type { Fact } from '../facts/fact.js';
import type { IndicatorDefinition } from './definition.js';
import { inPopulation, matchesFilter } from './filter.js';
import { periodOf, type PeriodType } from './period.js';

/**
 * Membership is the unit of incremental computation: for one person at one unit, which
 * indicator periods count them in the denominator, and whether also in the numerator.
 * Both the incremental path and the full rebuild derive memberships with this one function
 * from the facts of a (person, unit, year), so their results are identical by construction.
 */
export interface Membership {
  indicatorId: string;
  version: number;
  period: string;
  unitId: string;
  person: string;
  sex: 'K' | 'M';
  inNumerator: boolean;
}

/** Receives one membership: the definition, the period, the person's sex, in the numerator or not. */
export type MembershipVisitor = (
  def: IndicatorDefinition,
  period: string,
  sex: 'K' | 'M',
  inNumerator: boolean,
) => void;

// Scratch space of forEachMembership, emptied after each call (it never runs re-entrantly: the
// visitors only record what they are given). An import counts millions of (slice, definition).
const relevantFacts: Fact[] = [];
const relevantFlags: number[] = [];
const factsByKind = new Map<string, Fact[]>();
const IN_DEN = 1;
const IN_NUM = 2;
const NO_FACTS: readonly Fact[] = [];

const kindKey = (register: string, kind: string): string => `${register}/${kind}`;

/** periodOf, remembered by day: the same few thousand days recur in every slice of an import. */
const periodsByDay = new Map<string, Partial<Record<PeriodType, string>>>();
const DAYS_KEPT = 50_000;
function periodOfDay(date: string, type: PeriodType): string {
  let periods = periodsByDay.get(date);
  if (!periods) {
    if (periodsByDay.size >= DAYS_KEPT) periodsByDay.clear();
    periodsByDay.set(date, (periods = {}));
  }
  return (periods[type] ??= periodOf(date, type));
}

/** The kinds of a definition's filters, made once per definition (not per slice). */
const kindKeys = new WeakMap<IndicatorDefinition, { denKey: string; numKey: string }>();
function kindKeysOf(def: IndicatorDefinition): { denKey: string; numKey: string } {
  let keys = kindKeys.get(def);
  if (!keys) {
    keys = {
      denKey: kindKey(def.denominator.register, def.denominator.kind),
      numKey: kindKey(def.numerator.register, def.numerator.kind),
    };
    kindKeys.set(def, keys);
  }
  return keys;
}

/**
 * The memberships of the facts of one person at one unit in one calendar year (in any order),
 * handed to `visit` one by one; membershipsOf and CountDeltaSum both read them here.
 */
export function forEachMembership(
  definitions: readonly IndicatorDefinition[],
  facts: readonly Fact[],
  visit: MembershipVisitor,
): void {
  if (facts.length === 0) return;
  // Only facts of a filter's own register and kind can match it: each definition looks at those
  // (in the slice's order), not at every fact of the slice.
  for (const f of facts) {
    const key = kindKey(f.register, f.kind);
    const group = factsByKind.get(key);
    if (group) group.push(f);
    else factsByKind.set(key, [f]);
  }
  try {
    for (const def of definitions) {
      // Survey indicators count settled rounds, never facts.
      if (def.survey) continue;
      const { denKey, numKey } = kindKeysOf(def);
      const first = factsByKind.get(denKey) ?? NO_FACTS;
      const second = numKey === denKey ? NO_FACTS : (factsByKind.get(numKey) ?? NO_FACTS);
      let n = 0;
      for (const group of [first, second])
        for (const f of group) {
          const flags =
            (matchesFilter(def.denominator, f) ? IN_DEN : 0) | (matchesFilter(def.numerator, f) ? IN_NUM : 0);
          if (flags && inPopulation(def.population, f)) {
            relevantFacts[n] = f;
            relevantFlags[n++] = flags;
          }
        }
      if (n === 0) continue;
      for (const type of def.periodTypes) {
        const den = new Map<string, Fact>();
        const num = new Set<string>();
        for (let i = 0; i < n; i++) {
          const f = relevantFacts[i] as Fact;
          const flags = relevantFlags[i] ?? 0;
          const period = periodOfDay(f.date, type);
          if (flags & IN_DEN) {
            const seen = den.get(period);
            // The person's sex as of their latest denominator fact in the period (overrides can change it).
            if (!seen || f.date > seen.date || (f.date === seen.date && f.sex < seen.sex)) den.set(period, f);
          }
          if (flags & IN_NUM) num.add(period);
        }
        den.forEach((f, period) => visit(def, period, f.sex, num.has(period)));
      }
    }
  } finally {
    relevantFacts.length = 0; // holds no facts between calls
    factsByKind.clear();
  }
}

/** Facts of one person at one unit in one calendar year, in any order. */
export function membershipsOf(
  definitions: readonly IndicatorDefinition[],
  facts: readonly Fact[],
): Membership[] {
  const first = facts[0];
  if (!first) return [];
  const out: Membership[] = [];
  forEachMembership(definitions, facts, (def, period, sex, inNumerator) =>
    out.push({
      indicatorId: def.id,
      version: def.version,
      period,
      unitId: first.unitId,
      person: first.person,
      sex,
      inNumerator,
    }),
  );
  return out;
}

export const membershipKey = (
  m: Pick<Membership, 'indicatorId' | 'version' | 'period' | 'unitId' | 'person'>,
): string => `${m.indicatorId}|${m.version}|${m.period}|${m.unitId}|${m.person}`;

export interface CountDelta {
  indicatorId: string;
  version: number;
  period: string;
  unitId: string;
  sex: 'K' | 'M';
  numerator: number;
  denominator: number;
}

/**
 * Count deltas summed over any number of membership changes. A registration sums one change; an
 * import sums every slice it touched and writes each count once, not once per chunk of slices.
 */
export class CountDeltaSum {
  /**
   * By unit, then indicator version, then period: no key is concatenated per membership (an
   * import sums millions of them), and each level is looked up once per slice or definition.
   */
  private readonly byUnit = new Map<string, Map<string, Map<string, SexDeltas>>>();

  /** Adds the change from `before` to `after` (same keys space). */
  addChange(before: readonly Membership[], after: readonly Membership[]): this {
    for (const m of before) this.add(m, -1);
    for (const m of after) this.add(m, 1);
    return this;
  }

  /**
   * Adds (sign 1) or takes away (sign -1) the memberships of one slice's facts, without making a
   * Membership of each: the same sums as addChange(membershipsOf(…), …), for an import's millions.
   */
  addSlice(definitions: readonly IndicatorDefinition[], facts: readonly Fact[], sign: 1 | -1): this {
    const first = facts[0];
    if (!first) return this;
    const unitId = first.unitId;
    const ofUnit = this.unit(unitId);
    let lastDef: IndicatorDefinition | null = null;
    let periods = new Map<string, SexDeltas>();
    forEachMembership(definitions, facts, (def, period, sex, inNumerator) => {
      if (def !== lastDef) {
        periods = this.periods(ofUnit, def.id, def.version);
        lastDef = def;
      }
      addTo(periods, def.id, def.version, period, unitId, sex, inNumerator, sign);
    });
    return this;
  }

  private unit(unitId: string): Map<string, Map<string, SexDeltas>> {
    let ofUnit = this.byUnit.get(unitId);
    if (!ofUnit) this.byUnit.set(unitId, (ofUnit = new Map<string, Map<string, SexDeltas>>()));
    return ofUnit;
  }

  private periods(
    ofUnit: Map<string, Map<string, SexDeltas>>,
    indicatorId: string,
    version: number,
  ): Map<string, SexDeltas> {
    const key = `${indicatorId}|${version}`;
    let periods = ofUnit.get(key);
    if (!periods) ofUnit.set(key, (periods = new Map<string, SexDeltas>()));
    return periods;
  }

  private add(m: Membership, sign: 1 | -1): void {
    const periods = this.periods(this.unit(m.unitId), m.indicatorId, m.version);
    addTo(periods, m.indicatorId, m.version, m.period, m.unitId, m.sex, m.inNumerator, sign);
  }

  /** The deltas that change a count. */
  nonZero(): CountDelta[] {
    const out: CountDelta[] = [];
    for (const ofUnit of this.byUnit.values())
      for (const periods of ofUnit.values())
        for (const bySex of periods.values())
          for (const d of [bySex.K, bySex.M])
            if (d && (d.numerator !== 0 || d.denominator !== 0)) out.push(d);
    return out;
  }
}

interface SexDeltas {
  K?: CountDelta;
  M?: CountDelta;
}

function addTo(
  periods: Map<string, SexDeltas>,
  indicatorId: string,
  version: number,
  period: string,
  unitId: string,
  sex: 'K' | 'M',
  inNumerator: boolean,
  sign: 1 | -1,
): void {
  let bySex = periods.get(period);
  if (!bySex) periods.set(period, (bySex = {}));
  let d = bySex[sex];
  if (!d) bySex[sex] = d = { indicatorId, version, period, unitId, sex, numerator: 0, denominator: 0 };
  d.denominator += sign;
  if (inNumerator) d.numerator += sign;
}

/** The change in counts when memberships go from `before` to `after` (same keys space). */
export function countDeltas(before: readonly Membership[], after: readonly Membership[]): CountDelta[] {
  return new CountDeltaSum().addChange(before, after).nonZero();
}
