import type { Db } from '../../src/db/db.js';
import type { Fact } from '../../src/domain/facts/fact.js';
import { activeDefinitions, recordFacts } from '../../src/modules/indicators/engine.js';
import { publishQueued } from '../../src/modules/indicators/publish.js';
import { releaseForTests } from '../../src/modules/indicators/testing.js';

/**
 * Published values for every municipality, for the public pages' browser tests: Senior Alert
 * facts (served, risk assessment, fall) at the demo elderly-care units of all 290 municipalities
 * for a few years, published by the real publisher with threshold 5. Sizes and shares vary by
 * municipality and year (deterministically), released, so rankings, bands, trends and suppressed (".."),
 * values all appear. Needs the demo units (a database prepared with demo on).
 */
export const NATION_YEARS = [2022, 2023, 2024] as const;

/** A small deterministic hash of a text, 0..(2^32 - 1). */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

interface UnitRow extends Record<string, unknown> {
  unit_id: string;
  municipality_code: string;
}

/** Persons served in a municipality a year: 2..41, so a few are below the threshold. */
export function personsIn(code: string, year: number): number {
  return 2 + (hash(`${code}:${year}:n`) % 40);
}

export async function publishNation(db: Db, years: readonly number[] = NATION_YEARS): Promise<void> {
  const defs = await activeDefinitions(db);
  for (const [yearIndex, year] of years.entries()) {
    const { rows } = await db.query<UnitRow>(
      `SELECT unit_id, municipality_code FROM org_unit_version
        WHERE operating_area = 'elderly_care' AND valid_from <= $1 AND $1 < valid_to
        ORDER BY municipality_code, unit_id`,
      [`${year}-03-01`],
    );
    const byMunicipality = new Map<string, string[]>();
    for (const r of rows) {
      const list = byMunicipality.get(r.municipality_code) ?? [];
      list.push(r.unit_id);
      byMunicipality.set(r.municipality_code, list);
    }
    const facts: Fact[] = [];
    for (const [code, units] of byMunicipality) {
      const n = personsIn(code, year);
      const assessed = 0.35 + (hash(`${code}:a`) % 50) / 100 + yearIndex * 0.04;
      const fell = 0.15 + (hash(`${code}:f`) % 35) / 100 - yearIndex * 0.02;
      for (let i = 0; i < n; i++) {
        const base = {
          register: 'senior_alert' as const,
          person: `pub-${code}-${year}-${i}`,
          unitId: units[i % units.length] ?? '',
          sex: i % 2 ? ('K' as const) : ('M' as const),
          age: 70 + (i % 25),
        };
        facts.push({ ...base, kind: 'served', date: `${year}-03-01`, attributes: {} });
        if ((i + 0.5) / n < assessed)
          facts.push({
            ...base,
            kind: 'risk_assessment',
            date: `${year}-03-02`,
            attributes: { instrument: 'downton', risk: false },
          });
        if ((i + 0.5) / n < fell)
          facts.push({ ...base, kind: 'event', date: `${year}-03-03`, attributes: { eventType: 'fall' } });
      }
    }
    await db.transaction((tx) => recordFacts(tx, defs, facts, { type: 'browser-test', id: String(year) }));
  }
  // The public pages show years; quarters and months would only make the publisher work longer.
  await db.query(`DELETE FROM publication_queue WHERE period !~ '^[0-9]{4}$'`);
  await publishQueued(db, defs, { threshold: 5 });
  // The public pages read the latest release.
  await releaseForTests(db);
}
