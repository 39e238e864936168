import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../../../test/support/app.js';
import { asUser, type LoggedIn } from '../../../test/support/auth.js';
import { openImportApp } from '../../../test/support/import-app.js';
import type { ImportJob } from '../../contracts/imports.js';
import { liveJob } from './jobs.js';
import { csvFile, sampleRow } from './testing.js';

/**
 * A file of 10 000 rows with one bad row: nothing is written, the row is named, and the job's
 * progress can be followed while it runs. On PostgreSQL through GET /api/v1/imports/:id (written
 * from another connection); on PGlite the import's transaction holds the only connection, so
 * the progress is read in process while it runs and over HTTP when it ends.
 */
describe('a large import with one bad row', () => {
  const clock = new Date('2025-01-15T10:00:00Z');
  let h: TestApp;
  let caseworker: LoggedIn;
  let unitCode: string;

  before(async () => {
    ({ h, unitCode, caseworker } = await openImportApp({ now: () => clock }));
  });
  after(async () => h.close());

  it('writes nothing, names the row, and shows rows read increasing until the final status', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) =>
      sampleRow(i, { unitCodes: [unitCode], persons: 1250 }),
    );
    rows[6999] = { ...rows[6999], kind: 'event', event_type: 'pressure_ulcer', grade: '5' };
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/imports?register=senior-alert&source=big&fileName=big.csv',
      headers: { ...asUser(caseworker), 'content-type': 'text/csv', prefer: 'respond-async' },
      payload: csvFile(rows),
    });
    assert.equal(res.statusCode, 202, res.body);
    const id = res.json<{ id: string }>().id;
    assert.equal(res.headers['location'], `/api/v1/imports/${id}`);

    const seen: number[] = [];
    const inProcess = setInterval(() => {
      const live = liveJob(id);
      if (live) seen.push(live.rowsRead);
    }, 10);
    let job: ImportJob;
    try {
      for (;;) {
        const got = await h.app.inject({
          url: `/api/v1/imports/${id}`,
          headers: { cookie: caseworker.cookie },
        });
        assert.equal(got.statusCode, 200, got.body);
        job = got.json<ImportJob>();
        if (h.t.db.engine === 'postgres') seen.push(job.rowsRead);
        if (job.status !== 'running') break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    } finally {
      clearInterval(inProcess);
    }
    const distinct = [...new Set(seen)];
    assert.ok(distinct.length >= 3, `rows read seen while running: ${distinct.join(', ')}`);
    assert.deepEqual(
      distinct,
      [...distinct].sort((a, b) => a - b),
      'rows read only increase',
    );
    assert.ok(distinct.some((n) => n > 0 && n < 10_000));

    assert.equal(job.status, 'rejected');
    assert.deepEqual([job.rowsRead, job.percent, job.errorCount], [10_000, 100, 1]);
    assert.deepEqual(
      job.errors.map((e) => [e.row, e.line, e.column, e.rule]),
      [[7000, 7001, 'grade', 'too_big']],
    );
    assert.deepEqual([job.report?.rowsBad, job.report?.rowsValid, job.report?.imported], [1, 9999, false]);
    const { rows: left } = await h.t.db.query(
      `SELECT (SELECT count(*) FROM register_entry) AS entries, (SELECT count(*) FROM person) AS persons,
              (SELECT count(*) FROM person_service) AS links, (SELECT count(*) FROM indicator_fact) AS facts,
              (SELECT count(*) FROM indicator_count) AS counts`,
    );
    assert.deepEqual(left[0], { entries: 0, persons: 0, links: 0, facts: 0, counts: 0 });
  });
});
