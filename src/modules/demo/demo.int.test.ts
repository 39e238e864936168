import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { Db } from '../../db/db.js';
import { inScope } from '../../db/scope.js';
import type { Fact } from '../../domain/facts/fact.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { deriveScore, instrumentOfEntry } from '../../domain/registers/derive.js';
import {
  openTestDb,
  silentLogger,
  testConfig,
  TEST_PSEUDONYM_KEY,
  type TestDb,
} from '../../../test/support/db.js';
import { allCountsSelectSql, postgresDialect } from '../indicators/count-sql.js';
import { activeDefinitions, rebuildIndicators, recordFacts } from '../indicators/engine.js';
import { publishQueued } from '../indicators/publish.js';
import { allCounts } from '../indicators/queries.js';
import { verifyPublishedTables } from '../indicators/testing.js';
import { entryFactItems, refreshServedFacts } from '../registers/facts.js';
import { immediateFacts } from '../indicators/fact-writer.js';
import { personFactsOf } from '../persons/queries.js';
import * as registers from '../registers/queries.js';
import { demoCommand } from './cli.js';
import { firstSyntheticUnit } from '../org/reads.js';
import { syntheticPersonCount } from './queries.js';
import { seedDemoNation } from './seed.js';
import { publishedRows } from '../opendata/testing.js';
import { swedishDate } from '../../domain/identity/session.js';
import { DemoExistsError, writeDemoNation, type DemoOptions } from './service.js';

/**
 * A small synthetic nation written into a real database (PGlite, or PostgreSQL with
 * DATABASE_URL): what it writes is what the registers module would write, counts are the same
 * rebuilt or recorded one registration at a time, and every published table passes the exact
 * disclosure verifier.
 */
// One quarter of data keeps the tables to publish (and so the test) small; the generator's own
// tests cover the four-year span.
const PERSONS = 200;
const OPTIONS: DemoOptions = {
  persons: PERSONS,
  seed: 'int-test',
  asOf: '2026-03-31',
  years: 0,
  replace: false,
  key: Buffer.from(TEST_PSEUDONYM_KEY, 'utf8'),
  threshold: 5,
};

interface FactRow extends Record<string, unknown> {
  source_type: string;
  source_id: string;
  kind: string;
  person: string;
  unit_id: string;
  fact_date: string;
  sex: string;
  age: number;
  attributes: Record<string, unknown>;
}

async function factRows(db: Db): Promise<FactRow[]> {
  const { rows } = await db.query<FactRow>(
    `SELECT source_type, source_id, register, kind, person, unit_id, fact_date, sex, age, attributes
       FROM indicator_fact_counted ORDER BY source_type, source_id, fact_date, kind, person, attributes::text`,
  );
  return rows;
}

/** Everything written for the nation, as one comparable text (ids, dates, data, scores). */
async function fingerprint(db: Db): Promise<string> {
  const { rows } = await db.query<{ f: string }>(
    `SELECT md5(string_agg(e.id || e.kind || e.person_pseudonym || e.unit_id || v.occurred_on || v.data::text
                || coalesce(v.derived::text, ''), ',' ORDER BY e.id)) AS f
       FROM register_entry e JOIN register_entry_version v ON v.entry_id = e.id`,
  );
  return rows[0]?.f ?? '';
}

describe('kunskapsnav demo: a synthetic nation in the database', () => {
  let t: TestDb;
  let defs: IndicatorDefinition[];
  let written: Awaited<ReturnType<typeof writeDemoNation>>;

  before(async () => {
    t = await openTestDb({ demo: true });
    defs = await activeDefinitions(t.db);
    written = await writeDemoNation(t.db, OPTIONS, silentLogger);
  });
  after(async () => t.close());

  it('writes the persons, service periods, entries and facts, and publishes every counted table', async () => {
    assert.equal(written.persons, PERSONS);
    assert.ok(written.entries > 3 * PERSONS, `entries ${written.entries}`);
    assert.ok(written.facts > written.entries);
    assert.ok(written.tables > 40, `tables ${written.tables}`);
    const { rows } = await t.db.query<{
      persons: number;
      identities: number;
      marked: number;
      queued: number;
    }>(
      `SELECT (SELECT count(*) FROM person) AS persons, (SELECT count(*) FROM person_identity) AS identities,
              (SELECT count(*) FROM demo_synthetic_person) AS marked, (SELECT count(*) FROM publication_queue) AS queued`,
    );
    assert.deepEqual(rows[0], { persons: PERSONS, identities: PERSONS, marked: PERSONS, queued: 0 });
  });

  it('leaves no suppressed count recoverable in any table it published (exact verifier), and publishes no small count', async () => {
    await publishQueued(t.db, defs, { threshold: OPTIONS.threshold });
    const { tables, suppressedCells } = await verifyPublishedTables(t.db, defs, OPTIONS.threshold);
    assert.equal(tables, written.tables);
    assert.ok(suppressedCells > 0, 'a small nation has cells to suppress');
  });

  it('stores only entries the registers accept, scored by the server exactly as stored', async () => {
    const { rows } = await t.db.query<{
      register: string;
      kind: string;
      data: Record<string, unknown>;
      derived: unknown;
      sex: 'K' | 'M';
      source_system: string;
    }>(
      `SELECT e.register, e.kind, v.data, v.derived, p.sex, e.source_system
         FROM register_entry e JOIN register_entry_version v ON v.entry_id = e.id
         JOIN person p ON p.pseudonym = e.person_pseudonym`,
    );
    assert.equal(rows.length, written.entries);
    for (const r of rows) {
      assert.equal(r.source_system, 'kunskapsnav.synthetic');
      const instrument = instrumentOfEntry(r.register, r.kind, r.data);
      if (!instrument) {
        assert.equal(r.derived, null);
        continue;
      }
      const score = deriveScore(instrument, r.data['answers'] as Record<string, unknown>, r.sex);
      assert.ok(score.ok, `${r.register}/${r.kind}`);
      assert.deepEqual(JSON.parse(JSON.stringify(score.result)), r.derived);
    }
  });

  it('records exactly the facts the registers module records: re-deriving them with its own functions changes nothing', async () => {
    const before = await factRows(t.db);
    const countsBefore = await allCounts(t.db);
    const { rows: sample } = await t.db.query<{ pseudonym: string }>(
      'SELECT pseudonym FROM person ORDER BY pseudonym LIMIT 15',
    );
    await t.db.transaction(async (tx) => {
      for (const { pseudonym } of sample) {
        const person = (await personFactsOf(tx, [pseudonym])).get(pseudonym);
        assert.ok(person);
        const entries = await registers.entriesOfPerson(tx, pseudonym);
        await immediateFacts(defs).replace(
          tx,
          await entryFactItems(
            tx,
            entries.map((entry) => ({ entry, person, fresh: false })),
          ),
        );
      }
      const { rows: services } = await tx.query<{ id: number }>(
        'SELECT id FROM person_service WHERE person_pseudonym = ANY($1::text[])',
        [sample.map((s) => s.pseudonym)],
      );
      await refreshServedFacts(
        tx,
        defs,
        OPTIONS.asOf,
        services.map((s) => Number(s.id)),
      );
    });
    assert.deepEqual(await factRows(t.db), before);
    assert.deepEqual(await allCounts(t.db), countsBefore);
  });

  it('gives the same counts rebuilt as recorded incrementally, registration by registration, into a fresh database', async () => {
    const written = await allCounts(t.db);
    await rebuildIndicators(t.db, defs);
    assert.deepEqual(await allCounts(t.db), written);

    const fresh = await openTestDb({ demo: true });
    try {
      const facts = await factRows(t.db);
      const byPerson = new Map<string, Fact[]>();
      for (const f of facts) {
        const list = byPerson.get(f.person) ?? [];
        list.push({
          register: f['register'] as Fact['register'],
          kind: f.kind as Fact['kind'],
          person: f.person,
          unitId: f.unit_id,
          date: f.fact_date,
          sex: f.sex as 'K' | 'M',
          age: f.age,
          attributes: f.attributes as Fact['attributes'],
        });
        byPerson.set(f.person, list);
      }
      for (const [person, list] of byPerson)
        await fresh.db.transaction((tx) => recordFacts(tx, defs, list, { type: 'replay', id: person }));
      assert.deepEqual(await allCounts(fresh.db), written);
    } finally {
      await fresh.close();
    }
  });

  it("never reads the identity table when counting: the rebuild's plan has no person_identity", async () => {
    const select = allCountsSelectSql(postgresDialect, defs);
    assert.doesNotMatch(select, /person_identity/);
    const { rows } = await t.db.query<Record<string, unknown>>(`EXPLAIN (FORMAT JSON) ${select}`);
    assert.doesNotMatch(JSON.stringify(rows), /person_identity/);
    assert.match(JSON.stringify(rows), /indicator_fact/);
  });

  it("gives the demo caseworker's unit a handful of persons with entries, visible in that unit's scope", async () => {
    const unitId = await firstSyntheticUnit(t.db, '0180', 'elderly_care');
    assert.ok(unitId);
    const visible = await inScope(
      t.db,
      { accountId: '00000000-0000-4000-8000-000000000000', unitIds: [unitId], municipalityCodes: [] },
      async (tx) => {
        const { rows } = await tx.query<{ persons: number; entries: number }>(
          `SELECT count(DISTINCT person_pseudonym) AS persons, count(*) AS entries FROM register_entry WHERE unit_id = $1`,
          [unitId],
        );
        return rows[0];
      },
    );
    assert.ok((visible?.persons ?? 0) >= 10, `persons ${visible?.persons}`);
    assert.ok((visible?.entries ?? 0) >= 50, `entries ${visible?.entries}`);
  });

  it('refuses to write a second nation, and --replace writes the very same one again (same ids, same counts)', async () => {
    await assert.rejects(writeDemoNation(t.db, OPTIONS, silentLogger), DemoExistsError);
    const before = await fingerprint(t.db);
    const counts = await allCounts(t.db);
    const again = await writeDemoNation(t.db, { ...OPTIONS, replace: true, publish: false }, silentLogger);
    assert.equal(again.replaced, PERSONS);
    assert.equal(await fingerprint(t.db), before);
    assert.deepEqual(await allCounts(t.db), counts);
  });

  it('runs as `kunskapsnav demo` and refuses a second run without --replace', async () => {
    let text = '';
    const out = new Writable({
      write(chunk: Buffer, _enc, done) {
        text += chunk.toString();
        done();
      },
    });
    const ctx = { db: t.db, config: testConfig(), log: silentLogger, positionals: [], out };
    const refused = await demoCommand.run({
      ...ctx,
      values: { persons: '30', seed: 'int-test', years: '0' },
    });
    assert.equal(refused, 2);
    assert.match(text, /--replace/);
    const code = await demoCommand.run({
      ...ctx,
      values: { persons: '30', seed: 'cli', 'as-of': '2026-01-31', years: '0', replace: true },
    });
    assert.equal(code, 0, text);
    assert.match(text, /Wrote 30 synthetic persons \(seed cli, data up to 2026-01-31\)/);
    const bad = await demoCommand.run({ ...ctx, values: { persons: 'many', seed: '1', years: '4' } });
    assert.equal(bad, 2);
  });
});

describe('the demo start: a small nation once', () => {
  it('is not written by prepareDatabase unless the server asks, then once, and again only when cut short', async () => {
    const t = await openTestDb({ demo: true });
    try {
      assert.equal(await syntheticPersonCount(t.db), 0);
      const config = testConfig({ DEMO: '1' });
      const small = { persons: 30, seed: '1', years: 0 };
      assert.equal(await seedDemoNation(t.db, config, silentLogger, small), 30);
      assert.equal(await seedDemoNation(t.db, config, silentLogger, small), 0);
      assert.equal(await syntheticPersonCount(t.db), 30);
      // A start stopped while writing leaves fewer persons than planned: the next start writes it again.
      await t.db.query('UPDATE demo_synthetic_person SET nation_size = 31');
      assert.equal(await seedDemoNation(t.db, config, silentLogger, small), 30);
      assert.equal(await syntheticPersonCount(t.db), 30);
      const { rows } = await t.db.query<{ n: number }>('SELECT count(*) AS n FROM publication_queue');
      assert.ok((rows[0]?.n ?? 0) > 0, "left queued for the server's publisher");
      // Last year's user surveys: one closed round per kind, written once although the nation was
      // written twice, settled, and in the first release as survey indicators.
      const rounds = await t.db.query<{ template_id: string; n: number }>(
        `SELECT template_id, count(*)::int AS n FROM survey_round GROUP BY template_id ORDER BY template_id`,
      );
      assert.deepEqual(
        rounds.rows.map((r) => [r.template_id, r.n]),
        [
          ['survey-elderly-care', 1],
          ['survey-functional-impairment', 1],
          ['survey-individual-family-care', 1],
        ],
      );
      const released = await publishedRows(
        t.db,
        'K41000',
        String(Number(swedishDate(new Date()).slice(0, 4)) - 1),
      );
      const nation = released.find((r) => r.level === 'nation' && r.sex === 'T');
      assert.equal(nation?.status, 'ok');
      assert.ok((nation?.denominator ?? 0) > 1000, "the nation's users answered in thousands");
    } finally {
      await t.close();
    }
  });
});
