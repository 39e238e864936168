import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { validateQuestionnaire } from '../../domain/forms/fhir/r4-questionnaire.js';
import { nortonForm } from '../../domain/instruments/modified-norton.js';

interface ProblemBody {
  status: number;
  title: string;
  errors?: { field: string; item: string | null; rule: string; message: string }[];
}

const norton = {
  mentalState: '4',
  physicalActivity: '3',
  mobility: '3',
  foodIntake: '3',
  fluidIntake: '3',
  incontinence: '3',
  generalCondition: '2',
};
const phq9 = readFileSync(
  new URL('../../domain/forms/fhir/fixtures/phq9-lhc-forms.json', import.meta.url),
  'utf8',
);

describe('instruments API', () => {
  let h: TestApp;
  before(async () => {
    h = await openTestApp();
  });
  after(async () => h.close());

  it('lists the nine instruments with version, items and sources', async () => {
    const res = await h.app.inject('/api/v1/instruments');
    assert.equal(res.statusCode, 200);
    const body = res.json<{
      instruments: {
        id: string;
        version: number;
        items: { id: string }[];
        sources: unknown[];
        requiresSex: boolean;
      }[];
    }>();
    assert.deepEqual(
      body.instruments.map((i) => i.id),
      [
        'modified-norton',
        'mna-sf',
        'downton',
        'roag',
        'audit',
        'dudit',
        'npi-nh',
        'icf-ibic',
        'palliative-eol',
      ],
    );
    const n = body.instruments[0]!;
    assert.equal(n.version, 1);
    assert.deepEqual(
      n.items.map((i) => i.id),
      [
        'mentalState',
        'physicalActivity',
        'mobility',
        'foodIntake',
        'fluidIntake',
        'incontinence',
        'generalCondition',
      ],
    );
    assert.ok(body.instruments.every((i) => i.sources.length > 0));
    assert.deepEqual(
      body.instruments.filter((i) => i.requiresSex).map((i) => i.id),
      ['audit', 'dudit'],
    );
  });

  it('returns one instrument with its form definition and thresholds', async () => {
    const res = await h.app.inject('/api/v1/instruments/modified-norton');
    assert.equal(res.statusCode, 200);
    const body = res.json<{ form: unknown; thresholds: unknown }>();
    assert.deepEqual(body.form, nortonForm);
    assert.deepEqual(body.thresholds, { riskAtOrBelow: 20 });
  });

  it('answers 404 problem+json for an unknown instrument, 400 for a malformed id', async () => {
    const res = await h.app.inject('/api/v1/instruments/phq-99');
    assert.equal(res.statusCode, 404);
    assert.match(res.headers['content-type'] as string, /^application\/problem\+json/);
    const score = await h.app.inject({
      method: 'POST',
      url: '/api/v1/instruments/phq-99/score',
      payload: { answers: {} },
    });
    assert.equal(score.statusCode, 404);
    const bad = await h.app.inject('/api/v1/instruments/NOT_AN_ID');
    assert.equal(bad.statusCode, 400);
  });

  it('exports a valid FHIR R4 Questionnaire as application/fhir+json', async () => {
    const res = await h.app.inject('/api/v1/instruments/mna-sf/fhir');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^application\/fhir\+json/);
    const q = res.json<{ id: string; version: string }>();
    assert.ok(validateQuestionnaire(q).ok);
    assert.deepEqual([q.id, q.version], ['mna-sf', '1']);
  });

  it('scores without login and stores nothing', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/instruments/modified-norton/score',
      payload: { answers: norton },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['set-cookie'], undefined);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.deepEqual(res.json(), {
      instrument: 'modified-norton',
      version: 1,
      total: 21,
      band: 'not_at_risk',
      bandLabel: { sv: 'Ingen förhöjd risk för trycksår', en: 'No increased risk of pressure ulcers' },
      risk: false,
      items: {
        mentalState: 4,
        physicalActivity: 3,
        mobility: 3,
        foodIntake: 3,
        fluidIntake: 3,
        incontinence: 3,
        generalCondition: 2,
      },
      threshold: { riskAtOrBelow: 20, source: 'default' },
    });
  });

  it('scores AUDIT with the sex-specific cut-off', async () => {
    const answers = Object.fromEntries(
      Array.from({ length: 10 }, (_, n) => [`q${n + 1}`, n < 3 ? '2' : '0']),
    );
    const k = await h.app.inject({
      method: 'POST',
      url: '/api/v1/instruments/audit/score',
      payload: { answers, sex: 'K' },
    });
    const m = await h.app.inject({
      method: 'POST',
      url: '/api/v1/instruments/audit/score',
      payload: { answers, sex: 'M' },
    });
    const bk = k.json<{ total: number; band: string; threshold: { riskyUseAtOrAbove: number } }>();
    const bm = m.json<{ total: number; band: string; threshold: { riskyUseAtOrAbove: number } }>();
    assert.deepEqual([bk.total, bk.band, bk.threshold.riskyUseAtOrAbove], [6, 'risky_use', 6]);
    assert.deepEqual([bm.total, bm.band, bm.threshold.riskyUseAtOrAbove], [6, 'low_risk', 8]);
  });

  it('answers 422 problem+json naming each bad item, never a partial score', async () => {
    const answers: Record<string, unknown> = { ...norton, mobility: '7' };
    delete answers['incontinence'];
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/instruments/modified-norton/score',
      payload: { answers },
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.headers['content-type'] as string, /^application\/problem\+json/);
    const body = res.json<ProblemBody & { total?: unknown }>();
    assert.equal(body.total, undefined);
    assert.deepEqual(
      body.errors?.map((e) => [e.field, e.item, e.rule]),
      [
        ['answers.mobility', 'mobility', 'not_an_option'],
        ['answers.incontinence', 'incontinence', 'required'],
      ],
    );
  });

  it('refuses AUDIT without sex and MNA-SF with both BMI and calf circumference', async () => {
    const audit = await h.app.inject({
      method: 'POST',
      url: '/api/v1/instruments/audit/score',
      payload: { answers: {} },
    });
    assert.equal(audit.statusCode, 422);
    const errors = audit.json<ProblemBody>().errors ?? [];
    assert.equal(errors.length, 11);
    assert.deepEqual(errors.at(-1), {
      field: 'sex',
      item: 'sex',
      rule: 'required',
      message: '"sex" is required: the cut-offs differ for women (K) and men (M)',
    });
    const mna = await h.app.inject({
      method: 'POST',
      url: '/api/v1/instruments/mna-sf/score',
      payload: {
        answers: {
          foodIntake: '2',
          weightLoss: '3',
          mobility: '2',
          acuteDisease: '2',
          neuropsychological: '2',
          bmi: 24,
          calfCircumference: 35,
        },
      },
    });
    assert.equal(mna.statusCode, 422);
    assert.deepEqual(
      mna.json<ProblemBody>().errors?.map((e) => [e.item, e.rule]),
      [['calfCircumference', 'hidden_answered']],
    );
  });

  it('rejects a malformed body: answers not an object, unknown fields, bad sex', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/instruments/audit/score',
      payload: { answers: [1], sex: 'X', extra: 1 },
    });
    assert.equal(res.statusCode, 422);
    assert.deepEqual(
      res
        .json<ProblemBody>()
        .errors?.map((e) => e.field)
        .sort(),
      ['(root)', 'answers', 'sex'],
    );
  });

  it('imports a FHIR Questionnaire sent as application/fhir+json', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/forms/import/fhir',
      headers: { 'content-type': 'application/fhir+json' },
      payload: phq9,
    });
    assert.equal(res.statusCode, 200);
    const body = res.json<{
      form: { id: string; items: { id: string }[] };
      warnings: { message: string }[];
    }>();
    assert.equal(body.form.id, '44249-1-x');
    assert.equal(body.form.items.length, 11);
    assert.equal(body.warnings[0]?.message, 'Questionnaire.language is absent; texts are read as English');
  });

  it('refuses an invalid Questionnaire with 422 naming the place and the item', async () => {
    const structure = await h.app.inject({
      method: 'POST',
      url: '/api/v1/forms/import/fhir',
      payload: { resourceType: 'Questionnaire', item: [] },
    });
    assert.equal(structure.statusCode, 422);
    assert.deepEqual(
      structure.json<ProblemBody>().errors?.map((e) => [e.field, e.rule]),
      [
        ['status', 'fhir_structure'],
        ['item', 'fhir_structure'],
      ],
    );
    const semantic = await h.app.inject({
      method: 'POST',
      url: '/api/v1/forms/import/fhir',
      payload: {
        resourceType: 'Questionnaire',
        status: 'active',
        item: [{ linkId: 'a', type: 'choice', text: 'A' }],
      },
    });
    assert.equal(semantic.statusCode, 422);
    assert.deepEqual(
      semantic.json<ProblemBody>().errors?.map((e) => [e.field, e.item, e.rule]),
      [['item[0]', 'a', 'empty_options']],
    );
  });
});
