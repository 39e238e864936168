import { linkStagedAudit } from '../audit/link.js';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { asUser, loginAs, type LoggedIn } from '../../../test/support/auth.js';
import { TEST_PSEUDONYM_KEY } from '../../../test/support/db.js';
import { inScope } from '../../db/scope.js';
import { toInt } from '../../db/db.js';
import { pseudonymOf } from '../../domain/persons/pseudonym.js';
import { PERSONNUMMER, auditRows, makeUnit, register } from './testing.js';

interface ProblemBody {
  status: number;
  errors?: Array<{ field: string; rule: string }>;
}
interface PersonBody {
  pseudonym: string;
  personnummer: string;
  name: string;
  birthDate: string;
  legalSex: string;
  sex: string;
  services: Array<{
    id: number;
    unitId: string;
    municipalityCode: string;
    validFrom: string;
    validTo: string | null;
  }>;
  access: string;
}
interface ListBody {
  persons: Array<{ pseudonym: string; birthYear: number; sex: string; services: Array<{ unitId: string }> }>;
  total: number;
  limit: number;
  offset: number;
}

const key = Buffer.from(TEST_PSEUDONYM_KEY, 'utf8');
const pseudonymOfNumber = (n: string): string => pseudonymOf(n.replace('-', ''), key);

describe('persons: scope, row-level security and audit', () => {
  let h: TestApp;
  let unitA: string; // in Stockholm (0180)
  let unitB: string; // in Göteborg (1480)
  let caseworkerA: LoggedIn;
  let caseworkerB: LoggedIn;
  let anna: string; // served by unit A only
  let bertil: string; // served by unit B only

  before(async () => {
    h = await openTestApp();
    unitA = await makeUnit(h.t.db, 'Hemtjänst A', '0180');
    unitB = await makeUnit(h.t.db, 'Hemtjänst B', '1480');
    caseworkerA = await loginAs(h, 'caseworker', { kind: 'unit', unitId: unitA });
    caseworkerB = await loginAs(h, 'caseworker', { kind: 'unit', unitId: unitB });
    anna = (
      await register(h.app, caseworkerA, {
        personnummer: PERSONNUMMER.anna,
        name: 'Anna Andersson',
        unitId: unitA,
      })
    ).pseudonym;
    bertil = (
      await register(h.app, caseworkerB, {
        personnummer: PERSONNUMMER.bertil,
        name: 'Bertil Berg',
        unitId: unitB,
      })
    ).pseudonym;
  });
  after(async () => h.close());

  describe('registering', () => {
    it('answers with the stable pseudonym only, never the name or number', async () => {
      assert.equal(anna, pseudonymOfNumber(PERSONNUMMER.anna));
      const again = await register(h.app, caseworkerA, {
        personnummer: '640823-3234',
        name: 'Anna Andersson',
        unitId: unitA,
      });
      assert.equal(again.status, 200, 'the same link again changes nothing');
      assert.equal(again.pseudonym, anna);
      const text = JSON.stringify(again.body);
      assert.ok(!text.includes('Anna') && !text.includes('3234'), text);
      const [service] = (again.body['person'] as { services: Array<{ id: unknown }> }).services;
      assert.ok(service && Number.isSafeInteger(service.id), 'each period carries its id');
      assert.deepEqual(again.body['person'], {
        pseudonym: anna,
        birthYear: 1964,
        sex: 'M',
        services: [
          { id: service.id, unitId: unitA, municipalityCode: '0180', validFrom: '2024-01-01', validTo: null },
        ],
      });
    });

    it('refuses a bad personnummer with 422 naming the field', async () => {
      for (const personnummer of ['640823-3235', '640860-3238', 'abc']) {
        const res = await h.app.inject({
          method: 'POST',
          url: '/api/v1/persons',
          headers: asUser(caseworkerA),
          payload: { personnummer, name: 'X', unitId: unitA, servedFrom: '2024-01-01' },
        });
        assert.equal(res.statusCode, 422, personnummer);
        assert.equal(res.json<ProblemBody>().errors?.[0]?.field, 'personnummer');
        assert.ok(!res.body.includes(personnummer), 'the number is not echoed back');
      }
    });

    it('refuses a unit outside the scope with 403 and audits the attempt', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/persons',
        headers: asUser(caseworkerA),
        payload: {
          personnummer: PERSONNUMMER.cecilia,
          name: 'Cecilia',
          unitId: unitB,
          servedFrom: '2024-01-01',
        },
      });
      assert.equal(res.statusCode, 403);
      const denied = (await auditRows(h.t.db, caseworkerA.userId)).filter(
        (r) => r.action === 'person_create' && r.outcome === 'denied',
      );
      assert.equal(denied.length, 1);
      assert.equal(denied[0]?.person_pseudonym, pseudonymOfNumber(PERSONNUMMER.cecilia));
      assert.equal(denied[0]?.unit_id, unitB);
    });

    it('refuses servedFrom before the date of birth and a unit that did not exist then', async () => {
      const early = await h.app.inject({
        method: 'POST',
        url: '/api/v1/persons',
        headers: asUser(caseworkerA),
        payload: {
          personnummer: PERSONNUMMER.cecilia,
          name: 'Cecilia',
          unitId: unitA,
          servedFrom: '1999-01-01',
        },
      });
      assert.equal(early.statusCode, 422);
      assert.equal(early.json<ProblemBody>().errors?.[0]?.field, 'servedFrom');
      const beforeUnit = await h.app.inject({
        method: 'POST',
        url: '/api/v1/persons',
        headers: asUser(caseworkerA),
        payload: {
          personnummer: PERSONNUMMER.cecilia,
          name: 'Cecilia',
          unitId: unitA,
          servedFrom: '2019-06-01',
        },
      });
      assert.equal(beforeUnit.statusCode, 422);
      assert.equal(beforeUnit.json<ProblemBody>().errors?.[0]?.field, 'unitId');
    });
  });

  describe('a caseworker of unit A and a person served only in municipality B', () => {
    it('lookup: 404 like an unknown number, audited as denied', async () => {
      const outside = await h.app.inject({
        method: 'POST',
        url: '/api/v1/persons/lookup',
        headers: asUser(caseworkerA),
        payload: { personnummer: PERSONNUMMER.bertil },
      });
      const unknown = await h.app.inject({
        method: 'POST',
        url: '/api/v1/persons/lookup',
        headers: asUser(caseworkerA),
        payload: { personnummer: PERSONNUMMER.nobody },
      });
      assert.equal(outside.statusCode, 404);
      assert.equal(unknown.statusCode, 404);
      assert.deepEqual(
        { ...outside.json<Record<string, unknown>>(), instance: null },
        { ...unknown.json<Record<string, unknown>>(), instance: null },
        'outside scope and unknown look the same',
      );
      const lookups = (await auditRows(h.t.db, caseworkerA.userId)).filter(
        (r) => r.action === 'person_lookup',
      );
      assert.deepEqual(
        lookups.map((r) => [r.outcome, r.person_pseudonym]),
        [
          ['denied', bertil],
          ['denied', pseudonymOfNumber(PERSONNUMMER.nobody)],
        ],
      );
    });

    it('lookup in scope returns name and number, audited as allowed', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/persons/lookup',
        headers: asUser(caseworkerA),
        payload: { personnummer: '6408233234' },
      });
      assert.equal(res.statusCode, 200);
      const body = res.json<PersonBody>();
      assert.equal(body.pseudonym, anna);
      assert.equal(body.name, 'Anna Andersson');
      assert.equal(body.personnummer, '19640823-3234');
      assert.equal(body.birthDate, '1964-08-23');
      assert.equal(body.access, 'scope');
      const last = (await auditRows(h.t.db, caseworkerA.userId)).at(-1);
      assert.deepEqual(
        [last?.action, last?.outcome, last?.person_pseudonym],
        ['person_lookup', 'allowed', anna],
      );
    });

    it('read by pseudonym (guess-by-id): 404 and a denied entry', async () => {
      const res = await h.app.inject({ url: `/api/v1/persons/${bertil}`, headers: asUser(caseworkerA) });
      assert.equal(res.statusCode, 404);
      assert.ok(!res.body.includes('Bertil'));
      const last = (await auditRows(h.t.db, caseworkerA.userId)).at(-1);
      assert.deepEqual(
        [last?.action, last?.outcome, last?.person_pseudonym],
        ['person_read', 'denied', bertil],
      );
      const own = await h.app.inject({ url: `/api/v1/persons/${anna}`, headers: asUser(caseworkerA) });
      assert.equal(own.statusCode, 200);
      assert.equal(own.json<PersonBody>().name, 'Anna Andersson');
    });

    it('list: only persons in scope, audited with the count', async () => {
      const res = await h.app.inject({ url: '/api/v1/persons', headers: asUser(caseworkerA) });
      assert.equal(res.statusCode, 200);
      const body = res.json<ListBody>();
      assert.deepEqual(
        body.persons.map((p) => p.pseudonym),
        [anna],
      );
      assert.equal(body.total, 1);
      assert.ok(!res.body.includes('Anna') && !res.body.includes('3234'), 'no name or number in lists');
      const last = (await auditRows(h.t.db, caseworkerA.userId)).at(-1);
      assert.equal(last?.action, 'person_list');
      assert.equal(last?.outcome, 'allowed');
      assert.equal(last?.details['count'], 1);
    });

    it('export: CSV of persons in scope only, audited', async () => {
      const res = await h.app.inject({ url: '/api/v1/persons/export.csv', headers: asUser(caseworkerA) });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/csv/);
      assert.equal(res.body, `pseudonym,birth_year,sex,units\r\n${anna},1964,M,${unitA}\r\n`);
      assert.ok(!res.body.includes(bertil));
      const last = (await auditRows(h.t.db, caseworkerA.userId)).at(-1);
      assert.deepEqual(
        [last?.action, last?.outcome, last?.details['count']],
        ['person_export', 'allowed', 1],
      );
    });

    it('a municipality-scoped caseworker of Stockholm sees Anna, not Bertil', async () => {
      const stockholm = await loginAs(h, 'caseworker', { kind: 'municipality', code: '0180' });
      const list = await h.app.inject({ url: '/api/v1/persons', headers: asUser(stockholm) });
      assert.deepEqual(
        list.json<ListBody>().persons.map((p) => p.pseudonym),
        [anna],
      );
      const read = await h.app.inject({ url: `/api/v1/persons/${bertil}`, headers: asUser(stockholm) });
      assert.equal(read.statusCode, 404);
    });
  });

  describe('a person served by two units', () => {
    it('registering at a second unit links the existing person; each unit sees only its own service', async () => {
      const second = await register(h.app, caseworkerB, {
        personnummer: PERSONNUMMER.anna,
        name: 'Another Name Typed',
        unitId: unitB,
        servedFrom: '2025-01-01',
      });
      assert.equal(second.status, 201);
      assert.equal(second.pseudonym, anna);
      const asB = await h.app.inject({ url: `/api/v1/persons/${anna}`, headers: asUser(caseworkerB) });
      const bodyB = asB.json<PersonBody>();
      assert.equal(bodyB.name, 'Anna Andersson', 'the identity on file is kept');
      assert.deepEqual(
        bodyB.services.map((s) => s.unitId),
        [unitB],
      );
      const asA = await h.app.inject({ url: `/api/v1/persons/${anna}`, headers: asUser(caseworkerA) });
      assert.deepEqual(
        asA.json<PersonBody>().services.map((s) => s.unitId),
        [unitA],
      );
    });
  });

  describe('row-level security', () => {
    it('limits a query without any WHERE to the scope', async () => {
      const owner = await h.t.db.query<{ n: number }>('SELECT count(*) AS n FROM person');
      assert.equal(toInt(owner.rows[0]?.n), 2, 'the owner sees everyone');
      const scopeA = { accountId: caseworkerA.userId, unitIds: [unitA], municipalityCodes: [] };
      const counts = await inScope(h.t.db, scopeA, async (tx) => {
        const count = async (table: string) =>
          toInt((await tx.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
        return {
          person: await count('person'),
          identity: await count('person_identity'),
          service: await count('person_service'),
        };
      });
      assert.deepEqual(counts, { person: 1, identity: 1, service: 1 });
      const names = await inScope(h.t.db, scopeA, async (tx) =>
        (await tx.query<{ name: string }>('SELECT name FROM person_identity')).rows.map((r) => r.name),
      );
      assert.deepEqual(names, ['Anna Andersson']);
    });

    it('shows nothing to an empty scope and refuses writes outside the scope', async () => {
      const none = { accountId: caseworkerA.userId, unitIds: [], municipalityCodes: [] };
      const n = await inScope(h.t.db, none, async (tx) =>
        toInt((await tx.query<{ n: number }>('SELECT count(*) AS n FROM person')).rows[0]?.n),
      );
      assert.equal(n, 0);
      const scopeA = { accountId: caseworkerA.userId, unitIds: [unitA], municipalityCodes: [] };
      await assert.rejects(
        inScope(h.t.db, scopeA, (tx) =>
          tx.query(
            `INSERT INTO person_service (person_pseudonym, unit_id, municipality_code, valid_from, created_at)
             VALUES ($1, $2::uuid, '1480', '2024-06-01', now())`,
            [bertil, unitB],
          ),
        ),
        /row-level security/,
      );
      await assert.rejects(
        inScope(h.t.db, scopeA, (tx) => tx.query('DELETE FROM person_service')),
        /permission denied/,
      );
    });
  });

  describe('who may use the persons routes', () => {
    const routes = [
      { method: 'POST' as const, url: '/api/v1/persons', action: 'person_create' },
      { method: 'POST' as const, url: '/api/v1/persons/lookup', action: 'person_lookup' },
      { method: 'GET' as const, url: '/api/v1/persons', action: 'person_list' },
      { method: 'GET' as const, url: '/api/v1/persons/export.csv', action: 'person_export' },
      { method: 'GET' as const, url: `/api/v1/persons/${'0'.repeat(64)}`, action: 'person_read' },
      { method: 'POST' as const, url: '/api/v1/persons/break-glass', action: 'break_glass' },
    ];

    it('a municipal analyst (aggregates only) gets 403 on every route, each audited as denied', async () => {
      const analyst = await loginAs(h, 'municipal_analyst', { kind: 'municipality', code: '0180' });
      for (const r of routes) {
        const res = await h.app.inject({
          method: r.method,
          url: r.url,
          headers: asUser(analyst),
          ...(r.method === 'POST' ? { payload: { personnummer: PERSONNUMMER.anna } } : {}),
        });
        assert.equal(res.statusCode, 403, `${r.method} ${r.url}`);
        assert.ok(!res.body.includes('Anna'));
      }
      const entries = (await auditRows(h.t.db, analyst.userId)).filter((e) => e.action !== 'login');
      assert.deepEqual(
        entries.map((e) => [e.action, e.outcome]),
        routes.map((r) => [r.action, 'denied']),
      );
    });

    it('anonymous callers get 401', async () => {
      for (const r of routes) {
        const res = await h.app.inject({
          method: r.method,
          url: r.url,
          ...(r.method === 'POST' ? { payload: {} } : {}),
        });
        assert.equal(res.statusCode, 401, `${r.method} ${r.url}`);
      }
    });

    it('a POST without the CSRF token gets 403 and changes nothing', async () => {
      const entriesBefore = (await auditRows(h.t.db, caseworkerA.userId)).length;
      for (const url of ['/api/v1/persons', '/api/v1/persons/lookup', '/api/v1/persons/break-glass']) {
        const res = await h.app.inject({
          method: 'POST',
          url,
          headers: { cookie: caseworkerA.cookie },
          payload: { personnummer: PERSONNUMMER.cecilia, name: 'C', unitId: unitA, servedFrom: '2024-01-01' },
        });
        assert.equal(res.statusCode, 403, url);
        assert.match(res.body, /CSRF/);
      }
      assert.equal((await auditRows(h.t.db, caseworkerA.userId)).length, entriesBefore);
    });
  });

  it('keeps names and numbers out of the audit log', async () => {
    await linkStagedAudit(h.t.db);
    const { rows } = await h.t.db.query<{ entry: string }>(
      'SELECT row_to_json(a)::text AS entry FROM audit_log a',
    );
    assert.ok(rows.length > 10);
    for (const { entry } of rows) {
      for (const secret of ['Anna', 'Bertil', '6408233234', '19640823', '7010632391', '19701063']) {
        assert.ok(!entry.includes(secret), `${secret} in ${entry}`);
      }
    }
  });
});
