import { seededRandom, type Random } from '../random.js';
import { DAYS_PER_YEAR, isoOf, isoOrInfinity } from './dates.js';
import { normal } from './draw.js';
import { elderlyAge, elderlyTimeline, type Segment } from './elderly-timeline.js';
import { EntryLog } from './entry-log.js';
import { followupAge, followupEntries, followupPeriod } from './followup.js';
import { nameOf, PersonnummerPool } from './identity.js';
import { palliativeEntries } from './palliative.js';
import { buildPlan, municipalityOn, pickWeighted, unitFor, type NationPlan, type UnitSpan } from './plan.js';
import { seniorAlert } from './senior-alert.js';
import type {
  MunicipalityParams,
  NationInput,
  Sex,
  SyntheticPersonRecord,
  SyntheticService,
} from './types.js';

/**
 * The synthetic nation, one person at a time. Person i depends only on the seed, i and the org
 * register (each person has a PRNG of their own), so a nation of N persons is the first N persons
 * of any larger one; numbers are handed out in order, so persons must be taken in order.
 */
export const FOLLOWUP_SHARE = 0.15;
export const FEATURED_PER_UNIT = 12;
const WOMEN_IN_ELDERLY_CARE = 0.62;
const MEN_IN_FOLLOWUP = 0.68;

export class NationGenerator {
  readonly plan: NationPlan;
  private readonly pool = new PersonnummerPool();
  private nextIndex = 0;

  constructor(input: NationInput) {
    this.plan = buildPlan(input);
  }

  get remaining(): number {
    return this.plan.persons - this.nextIndex;
  }

  /** The next `count` persons (fewer at the end). */
  take(count: number): SyntheticPersonRecord[] {
    const out: SyntheticPersonRecord[] = [];
    while (out.length < count && this.nextIndex < this.plan.persons) {
      out.push(this.person(this.nextIndex++));
    }
    return out;
  }

  private person(index: number): SyntheticPersonRecord {
    const rng = seededRandom(`${this.plan.seed}:person:${index}`);
    const featured = this.featuredUnit(index);
    if (featured || !rng.chance(FOLLOWUP_SHARE) || this.plan.followupMunicipalities.items.length === 0)
      return this.elderly(index, rng, featured);
    return this.followup(index, rng);
  }

  /** The first persons of a nation fill the featured units, a handful each. */
  private featuredUnit(index: number): UnitSpan | undefined {
    const perUnit = Math.min(FEATURED_PER_UNIT, Math.floor(this.plan.persons / 20));
    return index < perUnit * this.plan.featured.length
      ? this.plan.featured[Math.floor(index / Math.max(perUnit, 1))]
      : undefined;
  }

  private identity(
    rng: Random,
    index: number,
    sex: Sex,
    birthDay: number,
    group: 'elderly_care' | 'followup',
  ) {
    const { personnummer12, birthDay: born } = this.pool.take(rng, birthDay, sex);
    return { index, personnummer12, name: nameOf(rng, sex), birthDate: isoOf(born), sex, group, born };
  }

  private elderly(index: number, rng: Random, featured: UnitSpan | undefined): SyntheticPersonRecord {
    const { plan } = this;
    const sex: Sex = rng.chance(WOMEN_IN_ELDERLY_CARE) ? 'K' : 'M';
    const span = Math.max(plan.asOfDay - plan.spanStartDay, 30);
    // Some are served from the start of the span, the rest arrive over it; featured persons early.
    const offset = featured
      ? rng.int(0, Math.min(400, span - 30))
      : rng.chance(0.4)
        ? rng.int(0, 60)
        : rng.int(0, span - 7);
    const start = Math.min(plan.spanStartDay + offset, plan.asOfDay);
    let municipality: MunicipalityParams | undefined;
    let unit: UnitSpan | undefined = featured;
    if (unit) municipality = plan.municipalities.get(municipalityOn(unit, start) ?? '');
    for (let tries = 0; !unit && tries < 20; tries++) {
      municipality = pickWeighted(rng, plan.elderlyMunicipalities);
      const type = rng.chance(0.55)
        ? 'home_care'
        : rng.chance(0.9)
          ? 'special_housing'
          : 'short_term_housing';
      unit = unitFor(plan, rng, municipality.code, type, start);
    }
    if (!unit || !municipality) throw new Error('no elderly-care unit exists on the start day');
    const age = elderlyAge(rng, sex);
    const person = this.identity(rng, index, sex, start - Math.round(age * DAYS_PER_YEAR), 'elderly_care');
    const frailty = normal(rng);
    const segments = elderlyTimeline(plan, rng, {
      municipalityCode: municipality.code,
      firstUnit: unit,
      start,
      birthDay: person.born,
      frailty,
      featured: featured !== undefined,
    });
    const log = new EntryLog(plan.seed, index, plan.asOfDay, rng);
    const participates = featured !== undefined || rng.chance(municipality.participation);
    seniorAlert(
      rng,
      log,
      { birthDay: person.born, frailty, participates, frequent: featured !== undefined },
      municipality,
      segments,
      plan.asOfDay,
    );
    const last = segments[segments.length - 1] as Segment;
    const diedOn = last.end === 'died' ? last.to - 1 : null;
    if (diedOn !== null) palliativeEntries(plan, rng, log, last, diedOn);
    return {
      person: withoutBorn(person),
      services: segments.map((s) => service(s.unit, s.from, s.to)),
      entries: log.entries,
      diedOn: diedOn === null ? null : isoOf(diedOn),
    };
  }

  private followup(index: number, rng: Random): SyntheticPersonRecord {
    const { plan } = this;
    const sex: Sex = rng.chance(MEN_IN_FOLLOWUP) ? 'M' : 'K';
    const start = plan.spanStartDay + rng.int(0, Math.max(plan.asOfDay - plan.spanStartDay - 7, 0));
    const municipality = pickWeighted(rng, plan.followupMunicipalities);
    const unit = unitFor(plan, rng, municipality.code, 'ifo_section', start);
    if (!unit) return this.elderly(index, rng, undefined);
    const age = followupAge(rng);
    const person = this.identity(rng, index, sex, start - Math.round(age * DAYS_PER_YEAR), 'followup');
    const period = followupPeriod(rng, unit, start, plan.asOfDay);
    const log = new EntryLog(plan.seed, index, plan.asOfDay, rng);
    followupEntries(rng, log, period, plan.asOfDay);
    return {
      person: withoutBorn(person),
      services: [service(unit, period.from, period.to)],
      entries: log.entries,
      diedOn: null,
    };
  }
}

function withoutBorn<T extends { born: number }>(p: T): Omit<T, 'born'> {
  const { born: _born, ...rest } = p;
  return rest;
}

function service(unit: UnitSpan, from: number, to: number): SyntheticService {
  return {
    unitId: unit.unitId,
    municipalityCode: municipalityOn(unit, from) ?? '',
    validFrom: isoOf(from),
    validTo: isoOrInfinity(to),
  };
}

/** A whole nation at once (tests and small nations; the writer takes persons in batches). */
export function generateNation(input: NationInput): {
  plan: NationPlan;
  records: SyntheticPersonRecord[];
} {
  const generator = new NationGenerator(input);
  return { plan: generator.plan, records: generator.take(input.persons) };
}
