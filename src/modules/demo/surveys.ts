import { randomInt } from 'node:crypto';
import type { Db } from '../../db/db.js';
import type { UnitType } from '../../domain/org/codes.js';
import { seededRandom } from '../../domain/random.js';
import { syntheticSurveyUnit } from '../../domain/synthetic/survey-answers.js';
import type { SurveyKind } from '../../domain/surveys/template.js';
import { templatesOfKind } from '../../domain/surveys/templates.js';
import type { UnitVersionRow } from '../org/reads.js';
import { codeKey } from '../surveys/keys.js';
import { settleRound } from '../surveys/settle.js';
import { writeRound } from '../surveys/synthetic.js';

/** Which units answer which national survey, and how many letters a unit sends (min, max). */
const PLAN: { kind: SurveyKind; unitTypes: UnitType[]; codes: [number, number] }[] = [
  { kind: 'elderly_care', unitTypes: ['special_housing', 'home_care'], codes: [10, 40] },
  { kind: 'functional_impairment', unitTypes: ['group_home', 'daily_activity'], codes: [6, 20] },
  { kind: 'individual_family_care', unitTypes: ['ifo_section'], codes: [8, 30] },
];

/**
 * Last year's national user surveys for the synthetic nation: one closed round per survey kind,
 * every unit of its kind open through the autumn, answers drawn per unit, written through the
 * surveys module and settled into the indicator engine, so the first release carries survey
 * indicators. Returns the answers written.
 */
export async function writeDemoSurveys(
  db: Db,
  units: readonly UnitVersionRow[],
  options: { seed: string; asOf: string; key: Uint8Array; now: Date },
): Promise<number> {
  const year = Number(options.asOf.slice(0, 4)) - 1;
  const [opensOn, closesOn] = [`${year}-09-01`, `${year}-10-31`];
  const keys = { codeKey: codeKey(options.key), randomInt };
  let answers = 0;
  for (const plan of PLAN) {
    const template = templatesOfKind(plan.kind).at(-1);
    if (!template) continue;
    const open = [
      ...new Set(
        units
          .filter(
            (u) => plan.unitTypes.includes(u.unitType) && u.validFrom <= opensOn && closesOn < u.validTo,
          )
          .map((u) => u.unitId),
      ),
    ].sort();
    if (open.length === 0) continue;
    const written = open.map((unitId) => {
      const random = seededRandom(`${options.seed}:survey:${year}:${unitId}`);
      return { unitId, ...syntheticSurveyUnit(template, random, random.int(...plan.codes)) };
    });
    const roundId = await writeRound(db, keys, {
      round: {
        templateId: template.form.id,
        templateVersion: template.form.version,
        period: String(year),
        opensOn,
        closesOn,
        unitIds: open,
      },
      units: written,
    });
    if (roundId === null) continue;
    await settleRound(db, roundId, options.now);
    answers += written.reduce((n, u) => n + u.answers.length, 0);
  }
  return answers;
}
