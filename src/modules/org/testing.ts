import type { Db } from '../../db/db.js';
import { createUnit } from './service.js';

/** Test helper: a municipal elderly-care special housing unit open since 2020, the tests' usual unit. */
export async function elderlyCareUnit(
  db: Db,
  name: string,
  municipalityCode: string,
): Promise<{ unitId: string; code: string }> {
  const u = await createUnit(db, {
    name,
    municipalityCode,
    providerType: 'municipal',
    operatingArea: 'elderly_care',
    unitType: 'special_housing',
    validFrom: '2020-01-01',
  });
  return { unitId: u.unitId, code: u.code };
}
