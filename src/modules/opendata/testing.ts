import type { Db } from '../../db/db.js';
import type { Fact } from '../../domain/facts/fact.js';
import { indicatorDefinitionSchema, type IndicatorDefinition } from '../../domain/indicators/definition.js';
import { activeDefinitions, recordFacts } from '../indicators/engine.js';
import { publishQueued } from '../indicators/publish.js';
import { upsertDefinitions } from '../indicators/queries.js';
import { releaseForTests } from '../indicators/testing.js';

/**
 * Test fixture: Senior Alert facts over the demo units of a few municipalities for 2023 and
 * 2024, published by the real publisher. Small municipalities get suppressed; K99001 is a copy
 * of K10001 that is not public (openComparisons false) and must never show.
 */
export const PRIVATE_INDICATOR = 'K99001';
/** SKR's "Storstäder" (A1): Stockholm, Malmö, Göteborg. */
export const BIG_CITIES_GROUP = 'G92787';

export const FIXTURE_PERSONS: Readonly<Record<string, number>> = {
  '0180': 60,
  '1280': 40,
  '1480': 45,
  '0114': 30,
  '0115': 3,
  '0380': 25,
  '0381': 2,
};

export async function addPrivateIndicator(db: Db): Promise<IndicatorDefinition[]> {
  const base = (await activeDefinitions(db)).find((d) => d.id === 'K10001');
  if (!base) throw new Error('K10001 is missing from the catalogue');
  const hidden = indicatorDefinitionSchema.parse({ ...base, id: PRIVATE_INDICATOR, openComparisons: false });
  await upsertDefinitions(db, [hidden]);
  return activeDefinitions(db);
}

let serial = 0;

/** Records facts for `persons` per municipality in `year`, publishes the queued tables and makes a release. */
export async function recordAndPublish(
  db: Db,
  year: number,
  persons: Readonly<Record<string, number>> = FIXTURE_PERSONS,
  assessedShare = 2 / 3,
): Promise<void> {
  const defs = await activeDefinitions(db);
  for (const [municipality, n] of Object.entries(persons)) {
    const { rows: units } = await db.query<{ unit_id: string }>(
      `SELECT unit_id FROM org_unit_version
        WHERE municipality_code = $1 AND operating_area = 'elderly_care'
          AND valid_from <= $2 AND $3 < valid_to ORDER BY unit_id`,
      [municipality, `${year}-01-01`, `${year}-12-31`],
    );
    if (units.length === 0) throw new Error(`no elderly-care demo unit in ${municipality} for ${year}`);
    const facts: Fact[] = [];
    for (let i = 0; i < n; i++) {
      const unitId = units[i % units.length]?.unit_id ?? '';
      const base = {
        register: 'senior_alert' as const,
        person: `od${++serial}`,
        unitId,
        sex: i % 2 ? ('K' as const) : ('M' as const),
        age: 82,
      };
      facts.push({ ...base, kind: 'served', date: `${year}-03-01`, attributes: {} });
      if ((i + 1) / n <= assessedShare)
        facts.push({
          ...base,
          kind: 'risk_assessment',
          date: `${year}-03-02`,
          attributes: { instrument: 'downton', risk: false },
        });
    }
    await db.transaction((tx) =>
      recordFacts(tx, defs, facts, { type: 'opendata-test', id: `${municipality}-${year}-${serial}` }),
    );
  }
  await publishQueued(db, defs, { threshold: 5 });
  await releaseForTests(db);
}

export interface PublishedRow extends Record<string, unknown> {
  indicator_id: string;
  period: string;
  level: string;
  code: string;
  sex: string;
  numerator: number | null;
  denominator: number | null;
  rate: number | null;
  status: string;
}

/** The latest release's values, as the tests' source of truth (what the public may see). */
export async function publishedRows(db: Db, indicatorId: string, period: string): Promise<PublishedRow[]> {
  const { rows } = await db.query<PublishedRow>(
    `SELECT indicator_id, period, level, code, sex, numerator, denominator, rate, status
       FROM released_value
      WHERE release_id = (SELECT max(id) FROM indicator_release) AND indicator_id = $1 AND period = $2
      ORDER BY level, code, sex`,
    [indicatorId, period],
  );
  return rows.map((r) => ({
    ...r,
    numerator: r.numerator === null ? null : Number(r.numerator),
    denominator: r.denominator === null ? null : Number(r.denominator),
  }));
}
