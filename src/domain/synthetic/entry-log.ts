import type { Random } from '../random.js';
import { isoOf, timestampOn } from './dates.js';
import { uuidAt, uuidPrefix } from './identity.js';
import { municipalityOn, type UnitSpan } from './plan.js';
import type { SyntheticEntry } from './types.js';

/** Collects one person's entries with ids that follow from (seed, person, running number). */
export class EntryLog {
  readonly entries: SyntheticEntry[] = [];
  private readonly idPrefix: string;

  constructor(
    seed: string,
    personIndex: number,
    private readonly asOfDay: number,
    private readonly rng: Random,
  ) {
    this.idPrefix = uuidPrefix(`${seed}:entries:${personIndex}`);
  }

  add(
    register: SyntheticEntry['register'],
    kind: string,
    unit: UnitSpan,
    day: number,
    data: Record<string, unknown>,
    submittedDay = day + (this.rng.chance(0.7) ? 0 : this.rng.int(1, 3)),
  ): SyntheticEntry {
    const municipalityCode = municipalityOn(unit, day);
    if (municipalityCode === undefined)
      throw new Error(`unit ${unit.unitId} does not exist on ${isoOf(day)}`);
    if (day > this.asOfDay) throw new Error(`entry on ${isoOf(day)} is after the end of the data`);
    const entry: SyntheticEntry = {
      id: uuidAt(this.idPrefix, this.entries.length),
      register,
      kind,
      unitId: unit.unitId,
      municipalityCode,
      occurredOn: isoOf(day),
      data,
      submittedAt: timestampOn(submittedDay, this.rng.int(0, 599), this.asOfDay),
    };
    this.entries.push(entry);
    return entry;
  }
}
