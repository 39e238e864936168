import { randomInt } from 'node:crypto';
import type { Db } from '../../db/db.js';
import { elderlyCareUnit } from '../org/testing.js';
import { codeKey } from './keys.js';
import type { SurveyKeys } from './service.js';
import * as service from './service.js';

/** Test helpers: the test pseudonym key's code key, units in Stockholm (0180), an open round. */
export function testKeys(key: string, random: (n: number) => number = randomInt): SurveyKeys {
  return { codeKey: codeKey(Buffer.from(key, 'utf8')), randomInt: random };
}

export async function makeUnits(
  db: Db,
  names: readonly string[],
  municipalityCode = '0180',
): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) ids.push((await elderlyCareUnit(db, name, municipalityCode)).unitId);
  return ids;
}

export const ROUND_DAY = new Date('2026-03-10T10:00:00Z');

export async function openRound(
  db: Db,
  unitIds: string[],
  templateId = 'survey-elderly-care',
): Promise<string> {
  const round = await service.createRound(
    db,
    {
      templateId,
      templateVersion: 1,
      period: '2026',
      opensOn: '2026-03-01',
      closesOn: '2026-03-31',
      unitIds,
    },
    null,
  );
  return round.id;
}
