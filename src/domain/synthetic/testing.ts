import type { UnitType } from '../org/codes.js';
import { uuidFrom } from './identity.js';
import type { NationInput, SyntheticMunicipality, SyntheticUnitVersion } from './types.js';

/**
 * A small org register for tests of the generator (no database; not part of the build):
 * municipalities with SKR groups, elderly-care and IFO units, a reorganised unit and one that
 * moves to a neighbour.
 */
const SKR = ['A1', 'A2', 'B3', 'B4', 'B5', 'C6', 'C7', 'C8', 'C9'];
const TYPES: ReadonlyArray<readonly [UnitType, number]> = [
  ['special_housing', 2],
  ['home_care', 2],
  ['short_term_housing', 1],
  ['ifo_section', 1],
  ['group_home', 1],
];

export function fixtureInput(
  persons: number,
  seed: number | string = 1,
  municipalityCount = 60,
): NationInput {
  const municipalities: SyntheticMunicipality[] = [];
  const units: SyntheticUnitVersion[] = [];
  for (let i = 0; i < municipalityCount; i++) {
    const code = String(1000 + i);
    municipalities.push({ code, skrGroup: SKR[i % SKR.length] ?? null });
    for (const [unitType, count] of TYPES) {
      for (let n = 0; n < count; n++) {
        const base: SyntheticUnitVersion = {
          unitId: uuidFrom(`fixture:${code}:${unitType}:${n}`),
          municipalityCode: code,
          operatingArea:
            unitType === 'ifo_section'
              ? 'individual_family_care'
              : unitType === 'group_home'
                ? 'disability'
                : 'elderly_care',
          unitType,
          validFrom: '2019-01-01',
          validTo: 'infinity',
        };
        if (i === 0 && unitType === 'home_care' && n === 0) {
          // Reorganised: a new version from mid-2024, same municipality.
          units.push({ ...base, validTo: '2024-07-01' }, { ...base, validFrom: '2024-07-01' });
        } else if (i === 1 && unitType === 'special_housing' && n === 0) {
          // Handed over to the neighbour in 2025: entries before and after belong to different municipalities.
          units.push(
            { ...base, validTo: '2025-01-01' },
            { ...base, municipalityCode: '1002', validFrom: '2025-01-01' },
          );
        } else units.push(base);
      }
    }
  }
  return { seed, persons, asOf: '2026-06-30', municipalities, units };
}
