import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { asUser, loginAs, type LoggedIn } from '../../../test/support/auth.js';
import { inScope } from '../../db/scope.js';
import { PERSONNUMMER, auditRows, makeUnit, register } from './testing.js';

interface ProblemBody {
  status: number;
  errors?: Array<{ field: string; rule: string }>;
}
interface GrantBody {
  pseudonym: string;
  grantedAt: string;
  expiresAt: string;
}

const START = new Date('2025-03-10T08:00:00.000Z');
const HOUR = 3_600_000;
const REASON = 'Akut ärende: personen sökte hjälp på vår enhet i natt';

describe('break the glass', () => {
  let clock = START;
  let h: TestApp;
  let unitA: string;
  let caseworkerA: LoggedIn;
  let colleagueA: LoggedIn;
  let bertil: string; // served by unit B only

  const breakGlass = (user: LoggedIn, payload: Record<string, unknown>) =>
    h.app.inject({ method: 'POST', url: '/api/v1/persons/break-glass', headers: asUser(user), payload });
  const read = (user: LoggedIn, pseudonym: string) =>
    h.app.inject({ url: `/api/v1/persons/${pseudonym}`, headers: asUser(user) });

  before(async () => {
    // Sessions must outlive the clock moves below.
    h = await openTestApp({ now: () => clock, env: { SESSION_IDLE_MINUTES: '600' } });
    unitA = await makeUnit(h.t.db, 'Hemtjänst A', '0180');
    const unitB = await makeUnit(h.t.db, 'Hemtjänst B', '1480');
    caseworkerA = await loginAs(h, 'caseworker', { kind: 'unit', unitId: unitA });
    colleagueA = await loginAs(h, 'caseworker', { kind: 'unit', unitId: unitA });
    const caseworkerB = await loginAs(h, 'caseworker', { kind: 'unit', unitId: unitB });
    bertil = (
      await register(h.app, caseworkerB, {
        personnummer: PERSONNUMMER.bertil,
        name: 'Bertil Berg',
        unitId: unitB,
      })
    ).pseudonym;
  });
  after(async () => h.close());

  it('is refused without a reason, with a short one, or without naming a person (422)', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ pseudonym: bertil }, 'reason'],
      [{ pseudonym: bertil, reason: 'för att' }, 'reason'],
      [{ pseudonym: bertil, reason: '          ' }, 'reason'],
      [{ reason: REASON }, 'personnummer'],
      [{ pseudonym: bertil, personnummer: PERSONNUMMER.bertil, reason: REASON }, 'personnummer'],
      [{ personnummer: '701063-2392', reason: REASON }, 'personnummer'],
    ];
    for (const [payload, field] of cases) {
      const res = await breakGlass(caseworkerA, payload);
      assert.equal(res.statusCode, 422, JSON.stringify(payload));
      assert.equal(res.json<ProblemBody>().errors?.[0]?.field, field, JSON.stringify(payload));
    }
    assert.equal((await read(caseworkerA, bertil)).statusCode, 404, 'still closed');
  });

  it('opens the person for the account for 3 hours, logged with break_glass and the reason', async () => {
    clock = START;
    assert.equal((await read(caseworkerA, bertil)).statusCode, 404);
    const res = await breakGlass(caseworkerA, { personnummer: '701063-2391', reason: REASON });
    assert.equal(res.statusCode, 201);
    assert.deepEqual(res.json<GrantBody>(), {
      pseudonym: bertil,
      grantedAt: START.toISOString(),
      expiresAt: new Date(START.getTime() + 3 * HOUR).toISOString(),
    });

    const opened = await read(caseworkerA, bertil);
    assert.equal(opened.statusCode, 200);
    const body = opened.json<{ name: string; access: string; services: unknown[] }>();
    assert.equal(body.name, 'Bertil Berg');
    assert.equal(body.access, 'break_glass');
    assert.equal(body.services.length, 1, 'the units serving the person are shown');

    const entries = (await auditRows(h.t.db, caseworkerA.userId)).filter(
      (e) => e.person_pseudonym === bertil,
    );
    const grant = entries.find((e) => e.action === 'break_glass');
    assert.equal(grant?.outcome, 'allowed');
    assert.equal(grant?.break_glass, true);
    assert.equal(grant?.purpose, REASON);
    const readEntry = entries.at(-1);
    assert.deepEqual(
      [readEntry?.action, readEntry?.outcome, readEntry?.break_glass, readEntry?.purpose],
      ['person_read', 'allowed', true, REASON],
    );
  });

  it('opens nothing for a colleague, and does not widen lists', async () => {
    assert.equal((await read(colleagueA, bertil)).statusCode, 404);
    const list = await h.app.inject({ url: '/api/v1/persons', headers: asUser(caseworkerA) });
    assert.equal(list.json<{ total: number }>().total, 0);
  });

  it('expires after 3 hours', async () => {
    clock = new Date(START.getTime() + 3 * HOUR - 1000);
    assert.equal((await read(caseworkerA, bertil)).statusCode, 200, 'open one second before expiry');
    clock = new Date(START.getTime() + 3 * HOUR);
    assert.equal((await read(caseworkerA, bertil)).statusCode, 404, 'closed at expiry');
    const last = (await auditRows(h.t.db, caseworkerA.userId)).at(-1);
    assert.deepEqual(
      [last?.action, last?.outcome, last?.person_pseudonym],
      ['person_read', 'denied', bertil],
    );
  });

  it('is logged as failed with 404 for a person who does not exist', async () => {
    const res = await breakGlass(caseworkerA, { personnummer: PERSONNUMMER.nobody, reason: REASON });
    assert.equal(res.statusCode, 404);
    const last = (await auditRows(h.t.db, caseworkerA.userId)).at(-1);
    assert.deepEqual([last?.action, last?.outcome, last?.break_glass], ['break_glass', 'failed', true]);
    const { rows } = await h.t.db.query('SELECT 1 FROM break_glass_grant WHERE account_id = $1', [
      caseworkerA.userId,
    ]);
    assert.equal(rows.length, 1, 'only the earlier grant is on file');
  });

  it('grants are visible to their own account only, even in SQL', async () => {
    const scope = (u: LoggedIn) => ({ accountId: u.userId, unitIds: [unitA], municipalityCodes: [] });
    const own = await inScope(
      h.t.db,
      scope(caseworkerA),
      async (tx) => (await tx.query('SELECT 1 FROM break_glass_grant')).rows,
    );
    const colleague = await inScope(
      h.t.db,
      scope(colleagueA),
      async (tx) => (await tx.query('SELECT 1 FROM break_glass_grant')).rows,
    );
    assert.equal(own.length, 1);
    assert.equal(colleague.length, 0);
  });
});
