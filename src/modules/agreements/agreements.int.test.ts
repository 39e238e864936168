import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { asUser, loginAs, type LoggedIn } from '../../../test/support/auth.js';
import { publishNation } from '../../../test/support/opendata.js';
import type {
  AgreementVersion,
  CofinancingAnswer,
  FollowUpAnswer,
  GrantDecision,
  GrantRule,
  YearAnswer,
} from '../../contracts/agreements.js';
import type { AgreementContent } from '../../domain/agreements/agreement.js';
import { computeDecision } from '../../domain/agreements/engine.js';
import { REFERENCE_DATA_DIR } from '../../../test/support/db.js';
import { takeSnapshot } from './service.js';

const agreement: AgreementContent = {
  title: 'Överenskommelse om kunskapsbaserad socialtjänst 2025',
  parties: ['Staten', 'SKR'],
  total: 1_000_000,
  areas: ['Äldreomsorg'],
  goals: [
    {
      id: 'riskbedomning',
      title: 'Fler riskbedöms',
      measures: [{ indicatorId: 'K10001', metAtPercent: 70 }],
    },
  ],
  funding: [
    { recipient: 'Regionalt stöd Stockholm', regionCode: '01', amount: 600_000 },
    { recipient: 'Nationella insatser', regionCode: null, amount: 400_000 },
  ],
};

const rule = {
  name: 'Senior alert 2024',
  indicatorId: 'K10001',
  period: '2024',
  key: 'per_inhabitant_65plus',
  tiers: [
    { atLeastPercent: 50, kind: 'pot', amount: 40_000_000 },
    { atLeastPercent: 70, kind: 'pot', amount: 10_000_000 },
  ],
};

describe('agreements and grants over HTTP', () => {
  let h: TestApp;
  let national: LoggedIn;
  const send = async (method: 'POST' | 'PUT', url: string, payload: unknown, as: LoggedIn = national) =>
    h.app.inject({ method, url, payload: payload as object, headers: asUser(as) });

  before(async () => {
    h = await openTestApp({ demo: true, now: () => new Date('2025-03-01T10:00:00Z') });
    await publishNation(h.t.db, [2024]);
    national = await loginAs(h, 'national_administrator');
  });
  after(async () => h.close());

  it('saves versions, signs the latest, and never changes a signed one (service and trigger)', async () => {
    const bad = await send('POST', '/api/v1/agreements/years/2025/versions', { ...agreement, total: 999 });
    assert.equal(bad.statusCode, 422);
    assert.equal(
      bad.json<{ errors: Array<{ field: string; rule: string }> }>().errors[0]?.rule,
      'sum_equals_total',
    );
    const v1 = await send('POST', '/api/v1/agreements/years/2025/versions', agreement);
    assert.equal(v1.statusCode, 201, v1.body);
    const v2 = await send('POST', '/api/v1/agreements/years/2025/versions', {
      ...agreement,
      title: 'Ny titel',
    });
    assert.equal(v2.json<AgreementVersion>().version, 2);
    assert.equal((await send('POST', '/api/v1/agreements/years/2025/versions/1/sign', {})).statusCode, 409);
    const signed = await send('POST', '/api/v1/agreements/years/2025/versions/2/sign', {});
    assert.equal(signed.json<AgreementVersion>().status, 'signed');
    assert.equal((await send('POST', '/api/v1/agreements/years/2025/versions/2/sign', {})).statusCode, 409);
    await assert.rejects(
      h.t.db.query(`UPDATE agreement_version SET total = 1 WHERE year = 2025 AND version = 2`),
      /signed and cannot change/,
    );
    await assert.rejects(
      h.t.db.query(`DELETE FROM agreement_version WHERE year = 2025 AND version = 2`),
      /signed/,
    );
    await assert.rejects(
      h.t.db.query(`UPDATE agreement_version SET title = 'x' WHERE year = 2025 AND version = 1`),
      /not edited/,
    );
  });

  it('lets only the national administrator write, and audits each write', async () => {
    const analyst = await loginAs(h, 'municipal_analyst');
    const res = await send('POST', '/api/v1/agreements/years/2025/versions', agreement, analyst);
    assert.equal(res.statusCode, 403);
    const anonymous = await h.app.inject({
      method: 'POST',
      url: '/api/v1/agreements/rules/x/versions',
      payload: rule,
    });
    assert.equal(anonymous.statusCode, 401);
    const { rows } = await h.t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'agreements_write' AND actor_account_id = $1`,
      [national.userId],
    );
    assert.equal(rows[0]?.n, 3);
  });

  it('decides from the release, pays each pot to the krona, and a rule change leaves the decision alone', async () => {
    assert.equal(
      (await send('POST', '/api/v1/agreements/rules/senior-alert/versions', rule)).statusCode,
      201,
    );
    const made = await send('POST', '/api/v1/agreements/decisions', { ruleKey: 'senior-alert', year: 2025 });
    assert.equal(made.statusCode, 201, made.body);
    const d = made.json<GrantDecision>();
    assert.deepEqual(
      d.result.tiers.map((t) => t.paid),
      d.result.tiers.map((t) => (t.eligible > 0 ? t.amount : 0)),
    );
    assert.ok(d.result.tiers[0] && d.result.tiers[0].eligible > 0, 'some municipality reaches 50 %');

    const changed = await send('POST', '/api/v1/agreements/rules/senior-alert/versions', {
      ...rule,
      tiers: [{ atLeastPercent: 60, kind: 'pot', amount: 1_000 }],
    });
    assert.equal(changed.json<GrantRule>().version, 2);
    const again = await h.app.inject(`/api/v1/agreements/decisions/${d.id}`);
    const stored = again.json<GrantDecision & { reproduces: boolean }>();
    assert.equal(stored.ruleVersion, 1);
    assert.deepEqual(stored.result, d.result);
    assert.equal(stored.reproduces, true);
    await assert.rejects(h.t.db.query(`UPDATE grant_rule SET content = '{}'::jsonb`), /never change/);
    await assert.rejects(h.t.db.query(`DELETE FROM grant_decision`), /never change/);
    const year = (await h.app.inject('/api/v1/agreements/years/2025')).json<YearAnswer>();
    assert.deepEqual(
      year.decisions.map((x) => x.ruleVersion),
      [1],
    );
  });

  it('follows the signed agreement up on released values, in JSON and PDF', async () => {
    const f = (
      await h.app.inject('/api/v1/agreements/years/2025/follow-up?region=01')
    ).json<FollowUpAnswer>();
    assert.equal(f.version, 2);
    const m = f.goals[0]?.measures[0];
    assert.deepEqual(
      m?.series.map((s) => s.period),
      ['2024'],
    );
    assert.ok(m && m.municipalities.length > 0 && m.municipalities.every((x) => x.code.startsWith('01')));
    for (const x of m?.municipalities ?? [])
      assert.equal(x.standing === 'unknown', x.ratePercent === null, `${x.code} unknown only when protected`);
    const pdf = await h.app.inject('/api/v1/agreements/years/2025/follow-up.pdf?region=01');
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
  });

  it('sums the co-financing fees of the municipalities that joined (SCB population)', async () => {
    const bad = await send('PUT', '/api/v1/agreements/years/2025/cofinancing', {
      orePerInhabitant: 100,
      members: ['9999'],
    });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json<{ errors: Array<{ field: string }> }>().errors[0]?.field, 'members.0');
    const ok = await send('PUT', '/api/v1/agreements/years/2025/cofinancing', {
      orePerInhabitant: 250,
      members: ['0114', '0180'],
    });
    const c = ok.json<CofinancingAnswer>();
    // 0114 Upplands Väsby: 49 262 inhabitants × 2,50 kr = 123 155 kr.
    assert.equal(c.lines.find((l) => l.code === '0114')?.fee, 123_155);
    assert.equal(
      c.total,
      c.lines.reduce((sum, l) => sum + l.fee, 0),
    );
    assert.match(c.source, /Källa: SCB/);
  });

  it('reproduces a decision from its snapshot after the released values changed', async () => {
    const id = (await h.app.inject('/api/v1/agreements/years/2025')).json<YearAnswer>().decisions[0]?.id;
    const before = (await h.app.inject(`/api/v1/agreements/decisions/${id}`)).json<GrantDecision>();
    // More registrations for 2024 and a new release: the public values move.
    await publishNation(h.t.db, [2023, 2024]);
    const now = await takeSnapshot(h.t.db, REFERENCE_DATA_DIR, before.rule, '2025-03-01');
    assert.notEqual(now.releaseId, before.snapshot.releaseId);
    assert.notDeepEqual(now.values, before.snapshot.values, 'the underlying values changed');
    const after = (await h.app.inject(`/api/v1/agreements/decisions/${id}`)).json<
      GrantDecision & { reproduces: boolean }
    >();
    assert.equal(after.reproduces, true);
    assert.deepEqual(computeDecision(after.rule, after.snapshot), before.result);
    assert.deepEqual(after.result, before.result);
  });
});
