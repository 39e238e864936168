import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { asUser, loginAs, type LoggedIn } from '../../../test/support/auth.js';
import type { TestDb } from '../../../test/support/db.js';
import { capturingLogger, openImportApp } from '../../../test/support/import-app.js';
import { finishJob, insertJob } from './jobs.js';
import { CONTENT_TYPES } from './read/index.js';
import { lyingWorkbook } from './read/testing.js';
import { ReportBuilder } from './report.js';
import { csvFile, threeRows } from './testing.js';

/**
 * Hostile and unlucky input over HTTP (issue #18, item 7): each is a 4xx problem naming the rule,
 * no import job is left running, nothing is written, and no cell content reaches the log.
 */
describe('hostile input over HTTP', () => {
  let h: TestApp;
  let t: TestDb;
  let app: FastifyInstance;
  let caseworker: LoggedIn;
  let admin: LoggedIn;
  let unitCode: string;
  const log = capturingLogger();

  const post = (
    body: Buffer,
    type: string = CONTENT_TYPES.csv,
    query = 'register=senior-alert&source=hostile',
  ) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/imports?${query}`,
      headers: { ...asUser(caseworker), 'content-type': type },
      payload: body,
    });

  async function jobsByStatus(): Promise<Record<string, number>> {
    const { rows } = await t.db.query<{ status: string; n: number | string }>(
      'SELECT status, count(*) AS n FROM import_job GROUP BY status ORDER BY status',
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  before(async () => {
    ({ h, unitCode, caseworker } = await openImportApp({ logger: log.logger }));
    ({ app, t } = h);
    admin = await loginAs(app, 'system_administrator');
  });
  after(async () => h.close());

  const good = () => csvFile(threeRows(unitCode));
  const withCell = (from: string, to: string) => Buffer.from(good().toString('utf8').replace(from, to));

  it('answers 4xx for a NUL byte, UTF-16 without BOM and a quote inside an unquoted field, and logs no cell', async () => {
    const name = threeRows(unitCode)[0]?.name ?? '';
    assert.ok(name.length > 3);
    const cases: Array<[string, Buffer, string]> = [
      ['nul', withCell(name, `${name.slice(0, 2)}\u0000${name.slice(2)}`), 'nul_character'],
      ['utf16', Buffer.from(good().toString('utf8'), 'utf16le'), 'invalid_encoding'],
      ['quote', withCell(name, `${name} "Nisse" Hemlig`), 'csv_syntax'],
    ];
    for (const [label, body, rule] of cases) {
      const res = await post(body);
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${label}: ${res.statusCode} ${res.body}`);
      assert.match(String(res.headers['content-type']), /problem\+json/, label);
      assert.match(res.body, new RegExp(rule), label);
    }
    assert.ok(!log.text().includes('Nisse') && !log.text().includes('Hemlig'), 'no cell content in the log');
    assert.ok(!log.text().includes(name.slice(2)), 'no name in the log');
    assert.equal((await jobsByStatus())['running'] ?? 0, 0, 'no job left running');
    const { rows } = await t.db.query<{ n: number | string }>('SELECT count(*) AS n FROM register_entry');
    assert.equal(Number(rows[0]?.n), 0, 'nothing written');
  });

  it('refuses a CSV broken on its last line before checking or writing any of the rows above it', async () => {
    // 1,200 good rows (more than a batch), then an unclosed quote: the file's syntax is read first, so not one row was
    // checked, linked or written when the answer comes (before, the first 1,000 were written, then rolled back).
    const rows = Array.from({ length: 400 }, (_, i) =>
      threeRows(unitCode).map((r) => ({ ...r, record_id: `tail-${i}-${r.record_id ?? ''}` })),
    ).flat();
    const file = Buffer.concat([csvFile(rows), Buffer.from('tail-x,"19410101-1234,Trasig,\r\n')]);
    const res = await post(file);
    assert.equal(res.statusCode, 422, res.body);
    const report = res.json<{
      report: { rowsRead: number; created: number; personsCreated: number; errors: Array<{ rule: string }> };
    }>().report;
    assert.deepEqual(
      [report.created, report.personsCreated, report.errors.map((e) => e.rule)],
      [0, 0, ['csv_syntax']],
    );
    assert.equal(report.rowsRead, 1200);
    assert.equal((await jobsByStatus())['running'] ?? 0, 0, 'no job left running');
  });

  it('refuses with 422 problem+json an XLSX whose zip under-declares what it inflates to (#18, item 6)', async () => {
    const res = await post(await lyingWorkbook(threeRows(unitCode)), CONTENT_TYPES.xlsx);
    assert.equal(res.statusCode, 422, res.body.slice(0, 300));
    assert.match(String(res.headers['content-type']), /problem\+json/);
    const { errors } = res.json<{
      report: { errors: Array<{ column: string; rule: string; message: string }> };
    }>().report;
    assert.deepEqual(
      errors.map((e) => [e.column, e.rule]),
      [['(file)', 'xlsx_too_large']],
    );
    assert.match(errors[0]?.message ?? '', /xl\/sharedStrings\.xml inflates to more than 64 MiB/);
    assert.equal((await jobsByStatus())['running'] ?? 0, 0, 'no job left running');
  });

  it('answers a JSON import whose data nests 1,000 levels deep without a 5xx or a job left running', async () => {
    let data: unknown = 1;
    for (let i = 0; i < 1000; i++) data = { a: [data] };
    const [row] = threeRows(unitCode);
    const body = Buffer.from(JSON.stringify([{ ...row, data }]));
    const res = await post(body, CONTENT_TYPES.json);
    assert.ok(res.statusCode < 500, `${res.statusCode} ${res.body.slice(0, 300)}`);
    assert.equal((await jobsByStatus())['running'] ?? 0, 0, 'no job left running');
  });

  it('answers 4xx, not 500, for an audit query up to 9999-12-31', async () => {
    for (const q of ['to=9999-12-31', 'from=0001-01-01', 'from=9999-12-31&to=9999-12-31']) {
      const res = await app.inject({ url: `/api/v1/audit?${q}`, headers: asUser(admin) });
      assert.ok(
        res.statusCode === 200 || (res.statusCode >= 400 && res.statusCode < 500),
        `${q}: ${res.statusCode} ${res.body}`,
      );
    }
  });

  it('refuses a FHIR resource nested 1,000 levels deep with a 4xx', async () => {
    let nested: Record<string, unknown> = { linkId: 'x', text: 'x' };
    for (let i = 0; i < 1000; i++) nested = { linkId: `l${i}`, text: 't', type: 'group', item: [nested] };
    const body = JSON.stringify({ resourceType: 'Questionnaire', status: 'active', item: [nested] });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/forms/import/fhir',
      headers: { 'content-type': 'application/fhir+json' },
      payload: body,
    });
    assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${res.statusCode} ${res.body.slice(0, 300)}`);
    assert.match(res.body, /must not nest deeper than 100 levels/);
  });
});

describe('import jobs end whatever the file held', () => {
  it('finishes a job whose report holds NUL and a lone surrogate (jsonb refuses both), instead of leaving it running', async () => {
    const h = await openTestApp();
    try {
      const id = '5b0c7a9e-2f4d-4c1b-8e3a-9d6f1a2b3c4d';
      const at = new Date('2026-03-02T09:00:00Z');
      await insertJob(h.t.db, {
        id,
        register: 'senior_alert',
        sourceSystem: 'hostile',
        fileName: 'fil\u0000namn.csv',
        format: 'csv',
        dryRun: false,
        bytesTotal: 10,
        createdBy: null,
        at,
      });
      const builder = new ReportBuilder({
        jobId: id,
        register: 'senior_alert',
        sourceSystem: 'hostile',
        fileName: null,
        format: 'csv',
        dryRun: false,
      });
      builder.addRow([
        { row: 1, line: 2, column: 'na\u0000me\uD800', rule: 'unknown_column', message: 'x\u0000' },
      ]);
      await finishJob(h.t.db, id, 'rejected', builder.report, at);
      const { rows } = await h.t.db.query<{ status: string; column: string }>(
        `SELECT status, errors->0->>'column' AS column FROM import_job WHERE id = $1`,
        [id],
      );
      assert.deepEqual(rows, [{ status: 'rejected', column: 'na\uFFFDme\uFFFD' }]);
    } finally {
      await h.close();
    }
  });
});
