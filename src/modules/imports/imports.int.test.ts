import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { asUser, loginAs, type LoggedIn } from '../../../test/support/auth.js';
import { testConfig } from '../../../test/support/db.js';
import { elderlyCareUnit } from '../org/testing.js';
import { activeDefinitions, rebuildIndicators } from '../indicators/engine.js';
import { allCounts } from '../indicators/queries.js';
import { importCommand } from './cli.js';
import type { ImportReport } from './report.js';
import { CONTENT_TYPES } from './read/index.js';
import { csvFile, jsonFile, samplePersonnummer, threeRows, xlsxFile, type SampleRow } from './testing.js';

interface Answer {
  id: string;
  status: string;
  report: ImportReport;
}

describe('imports over HTTP', () => {
  const clock = new Date('2025-01-15T10:00:00Z');
  let h: TestApp;
  let caseworker: LoggedIn;
  let other: LoggedIn;
  let unitA: { id: string; code: string };
  let unitB: { id: string; code: string };

  const post = (user: LoggedIn, query: string, body: Buffer, type: string = CONTENT_TYPES.csv) =>
    h.app.inject({
      method: 'POST',
      url: `/api/v1/imports?${query}`,
      headers: { ...asUser(user), 'content-type': type },
      payload: body,
    });
  /** Everything an import writes, counted. */
  const snapshot = async () =>
    (
      await h.t.db.query(
        `SELECT (SELECT count(*) FROM register_entry) AS entries, (SELECT count(*) FROM register_entry_version) AS versions,
                (SELECT count(*) FROM person) AS persons, (SELECT count(*) FROM person_identity) AS identities,
                (SELECT count(*) FROM person_service) AS links, (SELECT count(*) FROM indicator_fact) AS facts,
                (SELECT count(*) FROM indicator_count) AS cells,
                (SELECT coalesce(sum(numerator), 0) || '/' || coalesce(sum(denominator), 0) FROM indicator_count) AS sums`,
      )
    ).rows[0];
  const countsMatchRebuild = async () => {
    const incremental = await allCounts(h.t.db);
    await rebuildIndicators(h.t.db, await activeDefinitions(h.t.db));
    assert.deepEqual(await allCounts(h.t.db), incremental, 'counts on write equal a rebuild');
  };

  before(async () => {
    h = await openTestApp({ now: () => clock });
    const unit = async (name: string, municipalityCode: string) => {
      const u = await elderlyCareUnit(h.t.db, name, municipalityCode);
      return { id: u.unitId, code: u.code };
    };
    unitA = await unit('Solgården', '0180');
    unitB = await unit('Ekbacken', '1480');
    caseworker = await loginAs(h, 'caseworker', { kind: 'unit', unitId: unitA.id });
    other = await loginAs(h, 'caseworker', { kind: 'unit', unitId: unitB.id });
  });
  after(async () => h.close());

  it('imports the same three rows identically from CSV (UTF-8, and Windows-1252 with ;), XLSX and JSON', async () => {
    const rows = threeRows(unitA.code);
    const files: Array<[string, Buffer, string]> = [
      ['win', csvFile(rows, { delimiter: ';', encoding: 'windows-1252' }), 'text/csv'],
      ['utf8', csvFile(rows), 'text/csv; charset=utf-8'],
      ['xlsx', await xlsxFile(rows), CONTENT_TYPES.xlsx],
      ['json', jsonFile(rows), CONTENT_TYPES.json],
    ];
    for (const [source, file, type] of files) {
      const res = await post(
        caseworker,
        `register=senior-alert&source=${source}&fileName=${source}.file`,
        file,
        type,
      );
      assert.equal(res.statusCode, 200, res.body);
      const answer = res.json<Answer>();
      assert.equal(answer.status, 'done');
      assert.deepEqual(
        [answer.report.rowsRead, answer.report.created, answer.report.errorCount, answer.report.imported],
        [3, 3, 0, true],
        source,
      );
    }
    const { rows: entries } = await h.t.db.query<Record<string, unknown>>(
      `SELECT e.source_system, e.source_record_id, e.kind, e.person_pseudonym, e.unit_id, v.occurred_on, v.data, v.derived
         FROM register_entry e JOIN register_entry_version v ON v.entry_id = e.id
        ORDER BY e.source_system, e.source_record_id`,
    );
    const bySource = new Map<string, unknown[]>();
    for (const { source_system, ...rest } of entries)
      bySource.set(source_system as string, [...(bySource.get(source_system as string) ?? []), rest]);
    assert.equal(bySource.size, 4);
    const reference = bySource.get('win');
    for (const [source, list] of bySource) assert.deepEqual(list, reference, source);
    assert.equal(
      (reference?.[0] as { derived: { total: number } }).derived.total,
      3,
      'Downton scored on the server',
    );
    const names = await h.t.db.query<{ name: string }>('SELECT name FROM person_identity ORDER BY name');
    assert.deepEqual(
      names.rows.map((r) => r.name),
      ['Märta Ärlig', 'Åsa Öberg', 'Örjan Åkesson'].sort(),
    );
    assert.deepEqual(await snapshot(), { ...(await snapshot()), persons: 3, links: 3, entries: 12 });
    await countsMatchRebuild();
  });

  it('re-importing the same file changes nothing and reports the rows unchanged', async () => {
    const before = await snapshot();
    const res = await post(
      caseworker,
      'register=senior-alert&source=json',
      jsonFile(threeRows(unitA.code)),
      'application/json',
    );
    assert.equal(res.statusCode, 200, res.body);
    const { report } = res.json<Answer>();
    assert.deepEqual([report.created, report.unchanged, report.corrected], [0, 3, 0]);
    assert.deepEqual(await snapshot(), before);
  });

  it('a dry run names each bad row, column and rule, and writes nothing', async () => {
    const before = await snapshot();
    const rows: SampleRow[] = [
      ...threeRows(unitA.code).map((r) => ({ ...r, record_id: `dry-${r.record_id}` })),
      { ...threeRows(unitA.code)[1], record_id: 'dry-4', action_code: 'supplement' },
      { ...threeRows(unitA.code)[2], record_id: 'dry-5', grade: '7' },
      { ...threeRows(unitA.code)[2], record_id: 'dry-6', unit_code: 'E999999' },
      { ...threeRows(unitA.code)[0], record_id: 'dry-7', 'answer.gait': 'flying' },
    ];
    const res = await post(caseworker, 'register=senior-alert&source=dry&dryRun=true', csvFile(rows));
    assert.equal(res.statusCode, 200, res.body);
    const answer = res.json<Answer>();
    assert.equal(answer.status, 'rejected');
    const r = answer.report;
    assert.deepEqual([r.dryRun, r.imported, r.rowsRead, r.rowsValid, r.rowsBad], [true, false, 7, 3, 4]);
    assert.deepEqual(
      r.errors.map((e) => [e.row, e.line, e.column, e.rule]),
      [
        [4, 5, 'action_code', 'invalid'],
        [5, 6, 'grade', 'too_big'],
        [6, 7, 'unit_code', 'unknown_unit'],
        [7, 8, 'answer.gait', 'not_an_option'],
      ],
    );
    assert.deepEqual(await snapshot(), before);
    const job = await h.app.inject({
      url: `/api/v1/imports/${answer.id}`,
      headers: { cookie: caseworker.cookie },
    });
    assert.equal(job.json<{ status: string }>().status, 'rejected');
  });

  it('refuses a row for a unit outside the caller’s scope as a bad row, and audits the refusal', async () => {
    const before = await snapshot();
    const rows = threeRows(unitA.code).map((r, i) => ({
      ...r,
      record_id: `scope-${i}`,
      unit_code: i === 1 ? unitB.code : unitA.code,
    }));
    const res = await post(caseworker, 'register=senior-alert&source=scope', csvFile(rows));
    assert.equal(res.statusCode, 422, res.body);
    const body = res.json<{ errors: Array<{ field: string; rule: string }>; report: ImportReport }>();
    assert.deepEqual(body.errors, [
      { field: 'row.2.unit_code', rule: 'outside_scope', message: 'the unit is outside your scope' },
    ]);
    assert.equal(body.report.imported, false);
    assert.deepEqual(await snapshot(), before);
    const audit = await h.t.db.query<{ outcome: string; details: Record<string, unknown> }>(
      `SELECT outcome, details FROM audit_log WHERE action = 'import' AND actor_account_id = $1
        ORDER BY seq DESC LIMIT 1`,
      [caseworker.userId],
    );
    assert.equal(audit.rows[0]?.outcome, 'denied');
    assert.equal(audit.rows[0]?.details['sourceSystem'], 'scope');
  });

  it('a changed record becomes a correction (a new version), and the counts still equal a rebuild', async () => {
    const rows = threeRows(unitA.code);
    const changed = rows.map((r) => (r.record_id === 'a-2' ? { ...r, action_code: 'walking_aid' } : r));
    const res = await post(caseworker, 'register=senior-alert&source=utf8', csvFile(changed));
    assert.equal(res.statusCode, 200, res.body);
    const { report } = res.json<Answer>();
    assert.deepEqual([report.created, report.unchanged, report.corrected], [0, 2, 1]);
    const { rows: versions } = await h.t.db.query<{ version: number; change_reason: string | null }>(
      `SELECT v.version, v.change_reason FROM register_entry e JOIN register_entry_version v ON v.entry_id = e.id
        WHERE e.source_system = 'utf8' AND e.source_record_id = 'a-2' ORDER BY v.version`,
    );
    assert.deepEqual(
      versions.map((v) => v.version),
      [1, 2],
    );
    assert.match(versions[1]?.change_reason ?? '', /utf8/);
    await countsMatchRebuild();
  });

  it('answers a dry run the same for a person known elsewhere as for one never seen (no existence oracle)', async () => {
    // Person 1 of threeRows was imported at unit A (Stockholm); `other` works at unit B (Göteborg).
    const [known] = threeRows(unitB.code);
    assert.ok(known);
    const unknown = {
      ...known,
      record_id: 'oracle-2',
      personnummer: samplePersonnummer(999),
      name: 'Ny Person',
    };
    const answers = [];
    for (const row of [{ ...known, record_id: 'oracle-1' }, unknown]) {
      const res = await post(other, 'register=senior-alert&source=oracle&dryRun=true', csvFile([row]));
      assert.equal(res.statusCode, 200, res.body);
      const { report } = res.json<Answer>();
      answers.push([report.personsCreated, report.serviceLinksCreated, report.created, report.errorCount]);
    }
    assert.deepEqual(answers, [
      [1, 1, 1, 0],
      [1, 1, 1, 0],
    ]);
  });

  it('shows a job only to the account that started it', async () => {
    const res = await post(
      caseworker,
      'register=senior-alert&source=json&dryRun=true',
      jsonFile(threeRows(unitA.code)),
      'application/json',
    );
    const { id } = res.json<Answer>();
    const mine = await h.app.inject({ url: `/api/v1/imports/${id}`, headers: { cookie: caseworker.cookie } });
    assert.equal(mine.statusCode, 200);
    assert.deepEqual(
      (({ status, rowsRead, percent, dryRun }) => ({ status, rowsRead, percent, dryRun }))(
        mine.json<{ status: string; rowsRead: number; percent: number; dryRun: boolean }>(),
      ),
      { status: 'done', rowsRead: 3, percent: 100, dryRun: true },
    );
    const theirs = await h.app.inject({ url: `/api/v1/imports/${id}`, headers: { cookie: other.cookie } });
    assert.equal(theirs.statusCode, 404);
  });

  it('needs individual.write, a known register and a file type it reads', async () => {
    const analyst = await loginAs(h, 'municipal_analyst');
    assert.equal(
      (await post(analyst, 'register=senior-alert', csvFile(threeRows(unitA.code)))).statusCode,
      403,
    );
    const bad = await post(caseworker, 'register=dementia', csvFile(threeRows(unitA.code)));
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<{ errors: Array<{ field: string }> }>().errors[0]?.field, 'register');
    const png = await post(caseworker, 'register=senior-alert', Buffer.from('x'), 'image/png');
    assert.equal(png.statusCode, 415);
    assert.match(String(png.headers['content-type']), /^application\/problem\+json/);
  });

  it('runs from the command line: exit 0 imported, 1 rejected, 2 usage', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-import-cli-'));
    try {
      const good = path.join(dir, 'good.csv');
      const bad = path.join(dir, 'bad.json');
      const rows = threeRows(unitA.code).map((r) => ({ ...r, record_id: `cli-${r.record_id}` }));
      fs.writeFileSync(good, csvFile(rows, { delimiter: ';' }));
      fs.writeFileSync(bad, jsonFile([{ ...rows[0], personnummer: '19400101-0000' }]));
      const { rows: accounts } = await h.t.db.query<{ username: string }>(
        'SELECT username FROM identity_account WHERE id = $1',
        [caseworker.userId],
      );
      const run = async (values: Record<string, string | boolean>, positionals: string[]) => {
        const out = new PassThrough();
        let text = '';
        out.on('data', (d: Buffer) => (text += d.toString()));
        const code = await importCommand.run({
          db: h.t.db,
          config: testConfig(),
          log: undefined as never,
          values,
          positionals,
          out,
        });
        return { code, text };
      };
      const as = accounts[0]?.username ?? '';
      const imported = await run({ register: 'senior-alert', source: 'cli', as }, [good]);
      assert.equal(imported.code, 0, imported.text);
      assert.match(imported.text, /Importerad \/ imported: 3 rader/);
      const rejected = await run({ register: 'senior-alert', source: 'cli' }, [bad]);
      assert.equal(rejected.code, 1);
      assert.match(rejected.text, /rad \/ row 1 \(rad i filen \/ line 2\), personnummer: serial/);
      assert.equal((await run({ register: 'dementia' }, [good])).code, 2);
      assert.equal((await run({ register: 'palliative' }, [])).code, 2);
      assert.equal((await run({ register: 'palliative', as: 'nobody-here' }, [good])).code, 2);
      const system = await h.t.db.query<{
        actor_account_id: string | null;
        details: Record<string, unknown>;
      }>(`SELECT actor_account_id, details FROM audit_log WHERE action = 'import' ORDER BY seq DESC LIMIT 1`);
      assert.deepEqual(
        [system.rows[0]?.actor_account_id, system.rows[0]?.details['actor']],
        [null, 'system'],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
