import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { testConfig } from '../../../test/support/db.js';
import type { Db } from '../../db/db.js';
import { percent } from '../../domain/opendata/codes.js';
import { sendProblem, toProblem } from '../../server/problem.js';
import { createOpendataRoutes } from './routes.js';
import { publishedRows, recordAndPublish } from './testing.js';

interface Data {
  values: Array<{ values: Array<{ gender: string; value: number | null }> }>;
}
const URL_0180 = '/api/kolada/v3/data/kpi/K10001/municipality/0180/year/2024';

/** The database with every SQL statement recorded. */
function recording(db: Db, log: string[]): Db {
  return {
    engine: db.engine,
    exec: (sql) => db.exec(sql),
    transaction: (fn, options) => db.transaction(fn, options),
    checkpoint: () => db.checkpoint(),
    close: () => db.close(),
    query: (sql, params) => {
      log.push(sql);
      return db.query(sql, params);
    },
  };
}

describe('caching of published values', () => {
  let h: TestApp;
  before(async () => {
    h = await openTestApp({ demo: true });
    await recordAndPublish(h.t.db, 2024, { '0180': 30, '1280': 30 }, 0.5);
  });
  after(async () => h.close());

  const totalRate = async () => {
    const res = await h.app.inject(URL_0180);
    assert.equal(res.statusCode, 200);
    return {
      value: res.json<Data>().values[0]?.values.find((v) => v.gender === 'T')?.value,
      etag: res.headers.etag,
    };
  };
  const engineRate = async () => {
    const row = (await publishedRows(h.t.db, 'K10001', '2024')).find(
      (r) => r.level === 'municipality' && r.code === '0180' && r.sex === 'T',
    );
    return percent(row?.rate ?? NaN);
  };

  it('narrows the public intervals to the levels asked for, and refuses an unknown level', async () => {
    type Intervals = { values: Array<{ municipality?: string; ou?: string; gender: string }> };
    const all = await h.app.inject('/api/public/intervals/K10001/2024');
    assert.equal(all.statusCode, 200);
    const every = all.json<Intervals>().values;
    assert.ok(
      every.some((v) => v.ou !== undefined),
      'the full answer has unit values',
    );
    const narrowed = await h.app.inject('/api/public/intervals/K10001/2024?levels=nation,municipality');
    assert.equal(narrowed.statusCode, 200);
    const ids = narrowed.json<Intervals>().values.map((v) => v.municipality);
    assert.deepEqual(
      ids.filter((id) => id === undefined || (id.length === 4 && id.startsWith('00') && id !== '0000')),
      [],
      'no units and no counties',
    );
    assert.deepEqual(
      [...new Set(ids)].filter((id) => id === '0000' || id === '0180' || id === '1280').sort(),
      ['0000', '0180', '1280'],
    );
    assert.equal(
      narrowed.json<Intervals>().values.length,
      every.filter(
        (v) =>
          (v.municipality !== undefined && !/^00\d\d$/.test(v.municipality)) || v.municipality === '0000',
      ).length,
    );
    const bad = await h.app.inject('/api/public/intervals/K10001/2024?levels=street');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /levels/);
  });

  it('answers with an ETag and Cache-Control, and 304 to If-None-Match', async () => {
    const first = await h.app.inject(URL_0180);
    assert.equal(first.headers['cache-control'], 'public, max-age=10');
    assert.match(String(first.headers.etag), /^"[\w-]+"$/);
    const again = await h.app.inject({
      url: URL_0180,
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
  });

  it('sees newly released values on the next read after a release', async () => {
    const before = await totalRate();
    assert.equal(before.value, await engineRate());
    await recordAndPublish(h.t.db, 2024, { '0180': 40 }, 1);
    await sleep(250);
    const after = await totalRate();
    assert.equal(after.value, await engineRate());
    assert.notEqual(after.value, before.value);
    assert.notEqual(after.etag, before.etag);
    const px = await h.app.inject(
      '/api/pxweb/v2/tables/K10001/data?valuecodes[Region]=0180&valuecodes[Tid]=2024&valuecodes[ContentsCode]=rate',
    );
    assert.deepEqual(px.json<{ value: number[] }>().value, [after.value]);
  });

  it('reads released values once per release, and never live values, counts or facts', async () => {
    const log: string[] = [];
    const app = Fastify({ logger: false });
    app.setErrorHandler((err, req, reply) => sendProblem(reply, toProblem(err, req)));
    // A frozen clock: the data version is checked once, however slowly the machine runs the reads.
    await createOpendataRoutes({ docs: false, cache: { now: () => 0 } })(app, {
      db: recording(h.t.db, log),
      config: testConfig(),
    });
    await app.ready();
    try {
      for (let i = 0; i < 30; i++) {
        const m = ['0180', '1280', '0000', '0001'][i % 4] ?? '';
        const res = await app.inject(
          `/api/kolada/v3/data/kpi/K10001/municipality/${m}/year/2024?per_page=${1000 + i}`,
        );
        assert.equal(res.statusCode, 200);
        await app.inject(
          `/api/pxweb/v2/tables/K10001/data?valuecodes[Tid]=2024&valuecodes[ContentsCode]=*&i=${i}`,
        );
      }
      const valueReads = log.filter((sql) => sql.includes('released_value'));
      // One table load: its values, and the tombstones of values an earlier release had.
      assert.equal(valueReads.length, 2, 'one table load for 60 reads');
      assert.ok(!log.some((sql) => /indicator_count|indicator_fact|published_value/.test(sql)));
      assert.ok(log.length < 15, `${log.length} statements for 60 reads`);
    } finally {
      await app.close();
    }
  });
});
