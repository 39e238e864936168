import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { loginAs, type LoggedIn } from '../../../test/support/auth.js';
import type { AuditEntry } from '../../domain/audit/entry.js';
import { createUnit } from '../org/service.js';
import { appendAudit } from './append.js';
import type { ReviewPage, ReviewedEntry } from '../../contracts/audit.js';

/**
 * Log review over HTTP. Synthetic entries lie on 2026-03-02/03 (a Monday and Tuesday) so the
 * date filters can separate them from the logins the test set-up writes now.
 */
const at = (iso: string) => new Date(iso);

describe('audit log review API', () => {
  let h: TestApp;
  let unitA: string;
  let unitB: string;
  let managerA: LoggedIn;
  let admin: LoggedIn;
  let national: LoggedIn;
  let caseworkerA: LoggedIn;
  let caseworkerB: LoggedIn;
  let caseworkerAName: string;

  async function append(entry: AuditEntry, when: Date): Promise<void> {
    await h.t.db.transaction((tx) => appendAudit(tx, entry, when));
  }

  function get(who: LoggedIn | null, url: string) {
    return h.app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });
  }

  async function page(who: LoggedIn, query: string): Promise<ReviewPage> {
    const res = await get(who, `/api/v1/audit?${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<ReviewPage>();
  }

  const MARCH = 'from=2026-03-02&to=2026-03-03';

  before(async () => {
    h = await openTestApp();
    const unit = (name: string) =>
      createUnit(h.t.db, {
        name,
        municipalityCode: '0180',
        providerType: 'municipal',
        operatingArea: 'elderly_care',
        unitType: 'special_housing',
        validFrom: '2020-01-01',
      }).then((u) => u.unitId);
    unitA = await unit('Solgården');
    unitB = await unit('Ekbacken');
    managerA = await loginAs(h, 'unit_manager', { kind: 'unit', unitId: unitA });
    admin = await loginAs(h, 'system_administrator');
    national = await loginAs(h, 'national_administrator');
    caseworkerA = await loginAs(h, 'caseworker', { kind: 'unit', unitId: unitA });
    caseworkerB = await loginAs(h, 'caseworker', { kind: 'unit', unitId: unitB });
    const me = await get(caseworkerA, '/api/v1/auth/me');
    caseworkerAName = me.json<{ username: string }>().username;

    const read = (actor: string, unitId: string, person: string): AuditEntry => ({
      actorUserId: actor,
      action: 'person_read',
      outcome: 'allowed',
      personPseudonym: person,
      unitId,
      municipalityCode: '0180',
      purpose: 'genomförandeplan',
    });
    // Monday 10:00–10:05 local (09:00 UTC): caseworker A reads 20 distinct persons in unit A.
    for (let i = 0; i < 20; i++) {
      await append(
        read(caseworkerA.userId, unitA, `burst-${i}`),
        new Date(Date.parse('2026-03-02T09:00:00Z') + i * 15_000),
      );
    }
    // Monday 14:00 local: ordinary reads, both units.
    await append(read(caseworkerA.userId, unitA, 'calm-1'), at('2026-03-02T13:00:00Z'));
    await append(read(caseworkerB.userId, unitB, 'calm-2'), at('2026-03-02T13:05:00Z'));
    // Monday 23:30 local: a night read in unit B.
    await append(read(caseworkerB.userId, unitB, 'night-1'), at('2026-03-02T22:30:00Z'));
    // Tuesday 11:00 local: break the glass in unit A.
    await append(
      {
        ...read(caseworkerA.userId, unitA, 'glass-1'),
        action: 'break_glass',
        breakGlass: true,
        purpose: 'akut',
      },
      at('2026-03-03T10:00:00Z'),
    );
  });
  after(async () => h.close());

  it('refuses anonymous callers (401) and caseworkers (403)', async () => {
    assert.equal((await get(null, '/api/v1/audit')).statusCode, 401);
    assert.equal((await get(null, '/api/v1/audit?limit=bad')).statusCode, 401);
    assert.equal((await get(caseworkerA, '/api/v1/audit')).statusCode, 403);
    assert.equal((await get(caseworkerA, '/api/v1/audit/export.csv')).statusCode, 403);
  });

  it('shows a unit manager the entries of their own unit only', async () => {
    const { entries } = await page(managerA, `${MARCH}&limit=500`);
    assert.equal(entries.length, 22);
    assert.ok(entries.every((e) => e.unitId === unitA));
    const other = await get(managerA, `/api/v1/audit?unit=${unitB}`);
    assert.equal(other.statusCode, 403);
  });

  it('shows system and national administrators everything, newest first', async () => {
    for (const who of [admin, national]) {
      const { entries } = await page(who, `${MARCH}&limit=500`);
      assert.equal(entries.length, 24);
      const seqs = entries.map((e) => e.seq);
      assert.deepEqual(
        seqs,
        [...seqs].sort((a, b) => b - a),
      );
    }
    // Outside the dates: the set-up's account creations, role grants and logins.
    const recent = await page(admin, 'action=login&limit=500');
    assert.ok(recent.entries.some((e) => e.actorUserId === managerA.userId && e.outcome === 'allowed'));
  });

  it('filters by user (id or username), person, unit, action and dates', async () => {
    const byId = await page(admin, `${MARCH}&user=${caseworkerA.userId}&limit=500`);
    const byName = await page(admin, `${MARCH}&user=${caseworkerAName}&limit=500`);
    assert.equal(byId.entries.length, 22);
    assert.deepEqual(
      byName.entries.map((e) => e.seq),
      byId.entries.map((e) => e.seq),
    );
    assert.equal(byName.entries[0]?.actorUsername, caseworkerAName);
    assert.equal((await page(admin, 'user=nobody.here')).entries.length, 0);
    assert.deepEqual(
      (await page(admin, 'person=night-1')).entries.map((e) => e.personPseudonym),
      ['night-1'],
    );
    assert.equal((await page(admin, `${MARCH}&unit=${unitB}`)).entries.length, 2);
    assert.deepEqual(
      (await page(admin, `${MARCH}&action=break_glass`)).entries.map((e) => e.personPseudonym),
      ['glass-1'],
    );
    // A "to" date includes the whole Swedish day; Monday 23:30 local is still Monday.
    const monday = await page(admin, 'from=2026-03-02&to=2026-03-02&limit=500');
    assert.equal(monday.entries.length, 23);
    const instant = await page(admin, 'from=2026-03-02T13:00:00Z&to=2026-03-02T13:05:00Z');
    assert.deepEqual(
      instant.entries.map((e) => e.personPseudonym),
      ['calm-1'],
    );
  });

  it('pages by cursor without gaps or repeats', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const p: ReviewPage = await page(admin, `${MARCH}&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      assert.ok(p.entries.length <= 5);
      seen.push(...p.entries.map((e) => e.seq));
      cursor = p.nextCursor;
    } while (cursor);
    assert.equal(seen.length, 24);
    assert.equal(new Set(seen).size, 24);
  });

  it('flags bursts, night work and break-the-glass, and filters on flags', async () => {
    const { entries } = await page(admin, `${MARCH}&limit=500`);
    const flagsOf = (person: string) => entries.find((e) => e.personPseudonym === person)?.flags;
    assert.deepEqual(flagsOf('burst-0'), ['many_persons']);
    assert.deepEqual(flagsOf('burst-19'), ['many_persons']);
    assert.deepEqual(flagsOf('calm-1'), []);
    assert.deepEqual(flagsOf('night-1'), ['outside_working_hours']);
    assert.deepEqual(flagsOf('glass-1'), ['break_glass']);
    const flagged = await page(admin, `${MARCH}&flagged=true&limit=500`);
    assert.equal(flagged.entries.length, 22);
    assert.ok(flagged.entries.every((e) => e.flags.length > 0));
    const small = await page(admin, `${MARCH}&flagged=true&limit=3`);
    assert.equal(small.entries.length, 3);
    assert.ok(small.nextCursor);
  });

  it('answers bad filters with 400 problem+json naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['limit=501', 'limit'],
      ['limit=0', 'limit'],
      ['from=yesterday', 'from'],
      ['to=2026-02-30', 'to'],
      ['from=2026-03-05&to=2026-03-01', 'to'],
      ['action=steal', 'action'],
      ['unit=not-a-uuid', 'unit'],
      ['flagged=maybe', 'flagged'],
      ['cursor=-4', 'cursor'],
      ['user=a', 'user'],
    ];
    for (const [query, field] of cases) {
      const res = await get(admin, `/api/v1/audit?${query}`);
      assert.equal(res.statusCode, 400, query);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      const problem = res.json<{ errors: Array<{ field: string }> }>();
      assert.deepEqual(
        problem.errors.map((e) => e.field),
        [field],
        query,
      );
    }
  });

  it('exports CSV with BOM and header, in the reviewer’s scope, and audits the export', async () => {
    const res = await get(managerA, `/api/v1/audit/export.csv?${MARCH}&flagged=true`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="audit-.*\.csv"/);
    assert.ok(res.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'UTF-8 BOM');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    assert.match(
      lines[0] ?? '',
      /^seq,occurred_at,occurred_at_local,actor_account_id,actor_username,action,/,
    );
    // Unit A's flagged entries: the 20 of the burst and the break-the-glass.
    assert.equal(lines.length, 1 + 21);
    assert.ok(lines.slice(1).every((l) => l.includes(unitA)));
    assert.ok(lines.some((l) => l.includes('glass-1') && l.includes('break_glass')));

    const log = await page(admin, `action=audit_export&user=${managerA.userId}`);
    assert.equal(log.entries.length, 1);
    const entry = log.entries[0] as ReviewedEntry;
    assert.equal(entry.outcome, 'allowed');
    assert.deepEqual(entry.details['filters'], {
      from: '2026-03-01T23:00:00.000Z',
      to: '2026-03-03T23:00:00.000Z',
      flagged: true,
    });
    assert.equal(entry.details['format'], 'csv');
  });

  it('lets only system administrators verify the chain', async () => {
    const ok = await get(admin, '/api/v1/audit/verify');
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json<{ ok: boolean }>().ok, true);
    assert.equal((await get(national, '/api/v1/audit/verify')).statusCode, 403);
    assert.equal((await get(managerA, '/api/v1/audit/verify')).statusCode, 403);
    assert.equal((await get(null, '/api/v1/audit/verify')).statusCode, 401);
  });
});
