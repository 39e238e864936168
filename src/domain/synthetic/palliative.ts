import type { Random } from '../random.js';
import { isoOf } from './dates.js';
import { weighted } from './draw.js';
import type { Segment } from './elderly-timeline.js';
import type { EntryLog } from './entry-log.js';
import { municipalityOn, type NationPlan } from './plan.js';
import { deathRegistrationAnswers, EXPECTED_BY_PLACE, type DeathPlace } from './palliative-answers.js';

/**
 * A death in the palliative register: the death itself (the coverage denominator) at the unit
 * where the person died, and for most deaths the end-of-life registration, made within days to
 * months. The municipality's coverage decides how many are registered at all; one not made by the
 * last day of the data is simply not there yet.
 */
function placeOf(rng: Random, seg: Segment): DeathPlace {
  if (seg.type === 'special_housing') return 'special_housing';
  if (seg.type === 'short_term_housing') return 'short_term';
  return weighted(rng, [
    ['home', 0.75],
    ['hospital', 0.2],
    ['other', 0.05],
  ]);
}

/** Days from death to registration: mostly within two weeks, some after months (≤ 6 months). */
function registrationLag(rng: Random): number {
  const band = weighted(rng, [
    [[1, 14], 0.6],
    [[15, 60], 0.3],
    [[61, 170], 0.1],
  ] as const);
  return rng.int(band[0], band[1]);
}

export function palliativeEntries(
  plan: NationPlan,
  rng: Random,
  log: EntryLog,
  seg: Segment,
  day: number,
): void {
  const place = placeOf(rng, seg);
  log.add('palliative', 'death', seg.unit, day, { place });
  const municipality = plan.municipalities.get(municipalityOn(seg.unit, day) ?? '');
  if (!municipality || !rng.chance(municipality.palliativeCoverage)) return;
  const submitted = day + registrationLag(rng);
  if (submitted > plan.asOfDay) return;
  const answers = deathRegistrationAnswers(rng, {
    dateOfDeath: isoOf(day),
    place,
    expected: rng.chance(EXPECTED_BY_PLACE[place]),
    quality: municipality.palliativeQuality,
  });
  log.add('palliative', 'death_registration', seg.unit, day, { answers }, submitted);
}
