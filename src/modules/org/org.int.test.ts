import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { asUser, loginAs, type LoggedIn } from '../../../test/support/auth.js';

interface UnitBody {
  unitId: string;
  code: string;
  current: {
    municipalityCode: string;
    name: string;
    providerType: string;
    validFrom: string;
    validTo: string | null;
  } | null;
  history: Array<{ municipalityCode: string; validFrom: string; validTo: string | null }>;
}
interface ProblemBody {
  status: number;
  errors?: Array<{ field: string; rule: string }>;
}

const solgarden = {
  name: 'Solgården särskilt boende',
  municipalityCode: '0114',
  providerType: 'municipal',
  operatingArea: 'elderly_care',
  unitType: 'special_housing',
  validFrom: '2020-01-01',
};

describe('org register over HTTP', () => {
  let h: TestApp;
  let admin: LoggedIn;
  before(async () => {
    h = await openTestApp();
    admin = await loginAs(h, 'system_administrator');
  });
  after(async () => h.close());

  it('has the nation: 21 regions and 290 municipalities with their SKR group', async () => {
    const regions = await h.app.inject('/api/v1/org/regions');
    const r = regions.json<{
      regions: Array<{ code: string; koladaId: string; municipalityCount: number }>;
    }>();
    assert.equal(r.regions.length, 21);
    assert.equal(
      r.regions.reduce((s, x) => s + x.municipalityCount, 0),
      290,
    );
    assert.deepEqual(
      r.regions.find((x) => x.code === '01'),
      {
        code: '01',
        koladaId: '0001',
        koladaTitle: 'Region Stockholm',
        name: 'Stockholms län',
        shortName: 'Stockholm',
        municipalityCount: 26,
      },
    );
    const m = await h.app.inject('/api/v1/org/municipalities?region=25');
    const munis = m.json<{
      municipalities: Array<{ code: string; name: string; skrGroup: { code: string } | null }>;
    }>();
    assert.equal(munis.municipalities.length, 14);
    assert.ok(munis.municipalities.every((x) => x.skrGroup !== null));
    const gotland = await h.app.inject('/api/v1/org/municipalities/0980');
    const g = gotland.json<{
      municipality: { name: string; regionCode: string };
      groups: Array<{ kind: string; operatingArea: string | null }>;
    }>();
    assert.equal(g.municipality.name, 'Gotland');
    assert.equal(g.municipality.regionCode, '09');
    assert.equal(g.groups.filter((x) => x.kind === 'skr').length, 1);
    assert.ok(g.groups.some((x) => x.kind === 'similar' && x.operatingArea === 'äldreomsorg'));
  });

  it('creates a unit and answers 201 with its first version', async () => {
    const res = await h.app.inject({
      method: 'POST',
      headers: asUser(admin),
      url: '/api/v1/org/units',
      payload: solgarden,
    });
    assert.equal(res.statusCode, 201);
    const unit = res.json<UnitBody>();
    assert.match(unit.code, /^E\d{6}$/);
    assert.equal(unit.current?.municipalityCode, '0114');
    assert.equal(unit.current?.validTo, null);
    assert.equal(res.headers['location'], `/api/v1/org/units/${unit.unitId}`);
  });

  it('keeps history across a reorganisation: as-of queries see the unit where it was', async () => {
    const created = (
      await h.app.inject({
        method: 'POST',
        headers: asUser(admin),
        url: '/api/v1/org/units',
        payload: { ...solgarden, name: 'Ekbacken hemtjänst', unitType: 'home_care' },
      })
    ).json<UnitBody>();
    const moved = await h.app.inject({
      method: 'PATCH',
      headers: asUser(admin),
      url: `/api/v1/org/units/${created.unitId}`,
      payload: { effectiveFrom: '2024-01-01', municipalityCode: '0115', providerType: 'private' },
    });
    assert.equal(moved.statusCode, 200);
    const body = moved.json<UnitBody>();
    assert.deepEqual(
      body.history.map((v) => [v.municipalityCode, v.validFrom, v.validTo]),
      [
        ['0114', '2020-01-01', '2024-01-01'],
        ['0115', '2024-01-01', null],
      ],
    );
    const inOld = await h.app.inject('/api/v1/org/units?municipality=0114&asOf=2023-12-31&q=Ekbacken');
    assert.equal(inOld.json<{ total: number }>().total, 1);
    const inOldAfter = await h.app.inject('/api/v1/org/units?municipality=0114&asOf=2024-01-01&q=Ekbacken');
    assert.equal(inOldAfter.json<{ total: number }>().total, 0);
    const inNew = await h.app.inject('/api/v1/org/units?municipality=0115&asOf=2024-01-01&q=Ekbacken');
    const units = inNew.json<{ units: Array<{ providerType: string; regionCode: string }> }>().units;
    assert.equal(units.length, 1);
    assert.equal(units[0]?.providerType, 'private');
    const before2020 = await h.app.inject(`/api/v1/org/units/${created.unitId}?asOf=2019-06-01`);
    assert.equal(before2020.json<UnitBody>().current, null);
  });

  it('refuses an unknown municipality code with 422 naming the field', async () => {
    const res = await h.app.inject({
      method: 'POST',
      headers: asUser(admin),
      url: '/api/v1/org/units',
      payload: { ...solgarden, municipalityCode: '9999' },
    });
    assert.equal(res.statusCode, 422);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    const p = res.json<ProblemBody>();
    assert.deepEqual(
      p.errors?.map((e) => [e.field, e.rule]),
      [['municipalityCode', 'unknown_municipality']],
    );
  });

  it('names every bad field of a malformed unit', async () => {
    const res = await h.app.inject({
      method: 'POST',
      headers: asUser(admin),
      url: '/api/v1/org/units',
      payload: { ...solgarden, providerType: 'state', validFrom: '2023-02-30', name: '' },
    });
    assert.equal(res.statusCode, 422);
    const fields = res
      .json<ProblemBody>()
      .errors?.map((e) => e.field)
      .sort();
    assert.deepEqual(fields, ['name', 'providerType', 'validFrom']);
  });

  it('refuses overlapping validity ranges with 409 and leaves the history unchanged', async () => {
    const created = (
      await h.app.inject({
        method: 'POST',
        headers: asUser(admin),
        url: '/api/v1/org/units',
        payload: { ...solgarden, validTo: '2022-01-01' },
      })
    ).json<UnitBody>();
    const clash = await h.app.inject({
      method: 'POST',
      headers: asUser(admin),
      url: `/api/v1/org/units/${created.unitId}/versions`,
      payload: { ...solgarden, validFrom: '2021-06-01' },
    });
    assert.equal(clash.statusCode, 409);
    assert.equal(clash.json<ProblemBody>().errors?.[0]?.rule, 'overlapping_validity');
    const adjacent = await h.app.inject({
      method: 'POST',
      headers: asUser(admin),
      url: `/api/v1/org/units/${created.unitId}/versions`,
      payload: { ...solgarden, validFrom: '2022-01-01', municipalityCode: '0117' },
    });
    assert.equal(adjacent.statusCode, 201);
    assert.equal(adjacent.json<UnitBody>().history.length, 2);
  });

  it('the database itself refuses overlapping versions even when the service is bypassed', async () => {
    const created = (
      await h.app.inject({
        method: 'POST',
        headers: asUser(admin),
        url: '/api/v1/org/units',
        payload: solgarden,
      })
    ).json<UnitBody>();
    await assert.rejects(
      h.t.db.query(
        `INSERT INTO org_unit_version (unit_id, municipality_code, name, provider_type, operating_area, unit_type, valid_from)
         VALUES ($1, '0114', 'x', 'municipal', 'elderly_care', 'home_care', '2021-01-01')`,
        [created.unitId],
      ),
      /overlaps an existing version/,
    );
  });

  it('closes a unit without deleting it', async () => {
    const created = (
      await h.app.inject({
        method: 'POST',
        headers: asUser(admin),
        url: '/api/v1/org/units',
        payload: solgarden,
      })
    ).json<UnitBody>();
    const closed = await h.app.inject({
      method: 'POST',
      headers: asUser(admin),
      url: `/api/v1/org/units/${created.unitId}/close`,
      payload: { validTo: '2025-01-01' },
    });
    assert.equal(closed.statusCode, 200);
    assert.equal(closed.json<UnitBody>().history[0]?.validTo, '2025-01-01');
    const after = await h.app.inject(`/api/v1/org/units/${created.unitId}?asOf=2025-01-01`);
    assert.equal(after.json<UnitBody>().current, null);
  });

  it('answers 404 problem+json for an unknown unit and 400 for a malformed id or query', async () => {
    const missing = await h.app.inject('/api/v1/org/units/6f1c0c1e-3c1e-4a8e-9d1e-1a2b3c4d5e6f');
    assert.equal(missing.statusCode, 404);
    const bad = await h.app.inject('/api/v1/org/units/not-a-uuid');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<ProblemBody>().errors?.[0]?.field, 'id');
    const badQuery = await h.app.inject('/api/v1/org/units?asOf=yesterday');
    assert.equal(badQuery.statusCode, 400);
    assert.equal(badQuery.json<ProblemBody>().errors?.[0]?.field, 'asOf');
  });

  it('answers 400 problem+json to a body that is not JSON', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/org/units',
      headers: { ...asUser(admin), 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    assert.equal(res.statusCode, 400);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  });

  it('lets only a system administrator change the register: 401 anonymous, 403 caseworker, 403 without CSRF token', async () => {
    const anonymous = await h.app.inject({ method: 'POST', url: '/api/v1/org/units', payload: solgarden });
    assert.equal(anonymous.statusCode, 401);
    const caseworker = await loginAs(h, 'caseworker');
    const refused = await h.app.inject({
      method: 'POST',
      url: '/api/v1/org/units',
      headers: asUser(caseworker),
      payload: solgarden,
    });
    assert.equal(refused.statusCode, 403);
    const noCsrf = await h.app.inject({
      method: 'POST',
      url: '/api/v1/org/units',
      headers: { cookie: admin.cookie },
      payload: solgarden,
    });
    assert.equal(noCsrf.statusCode, 403);
    assert.match(noCsrf.json<{ detail: string }>().detail, /CSRF/);
  });
});
