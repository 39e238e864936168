import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { asUser, loginAs, type LoggedIn } from '../../../test/support/auth.js';
import { makeUnit } from '../persons/testing.js';

interface EntryBody {
  id: string;
  slug: string;
  status: string;
  headVersion: number;
  publishedVersion: number | null;
  reviewDue: string | null;
}
interface ProblemBody {
  status: number;
  errors?: Array<{ field: string; rule: string }>;
}

const intervention = {
  kind: 'intervention',
  content: {
    title: 'Hemrehabilitering efter sjukhusvistelse',
    summary: 'Tidig träning i hemmet efter utskrivning ger ökad självständighet.',
    evidence: 'moderate',
    operatingAreas: ['elderly_care'],
    outcomeIndicators: ['K10001'],
    references: [{ kind: 'report', title: 'En rapport', year: 2021, url: 'https://example.org/r' }],
  },
  changeNote: 'första utkast',
};

const example = (municipalityCode: string) => ({
  kind: 'good_example',
  content: {
    title: `Vårt exempel ${municipalityCode}`,
    summary: 'Vi införde riskbedömning vid start i hemtjänsten.',
    evidence: 'local_result',
    example: { municipalityCode, indicatorId: 'K10001', before: '2023', after: '2024' },
  },
});

describe('library workflow over HTTP: permissions, versions, history, audit', () => {
  let h: TestApp;
  let editor: LoggedIn;
  let caseworker: LoggedIn; // a unit in Stockholm (0180)
  let analystElsewhere: LoggedIn; // Göteborg (1480)

  const post = (u: LoggedIn | null, url: string, payload: unknown) =>
    h.app.inject({ method: 'POST', url, payload: payload as object, ...(u ? { headers: asUser(u) } : {}) });
  const step = (u: LoggedIn, id: string, transition: string) =>
    post(u, `/api/v1/library/entries/${id}/transitions`, { transition });

  before(async () => {
    h = await openTestApp();
    const unit = await makeUnit(h.t.db, 'Hemtjänst Söder', '0180');
    editor = await loginAs(h, 'knowledge_editor');
    caseworker = await loginAs(h, 'caseworker', { kind: 'unit', unitId: unit });
    analystElsewhere = await loginAs(h, 'municipal_analyst', { kind: 'municipality', code: '1480' });
  });
  after(() => h.close());

  it('an editor creates, submits and publishes; a new draft leaves the published version public', async () => {
    const created = await post(editor, '/api/v1/library/entries', intervention);
    assert.equal(created.statusCode, 201, created.body);
    const entry = created.json<EntryBody>();
    assert.deepEqual([entry.status, entry.headVersion, entry.publishedVersion], ['draft', 1, null]);
    assert.equal(entry.slug, 'hemrehabilitering-efter-sjukhusvistelse');
    // Not public while a draft.
    assert.equal((await h.app.inject(`/api/v1/library/published/${entry.slug}`)).statusCode, 404);
    // Publishing a draft skips review: refused.
    assert.equal((await step(editor, entry.id, 'publish')).statusCode, 409);
    assert.equal((await step(editor, entry.id, 'submit')).json<EntryBody>().status, 'review');
    const published = (await step(editor, entry.id, 'publish')).json<EntryBody>();
    assert.deepEqual([published.status, published.publishedVersion], ['published', 1]);
    assert.match(published.reviewDue ?? '', /^\d{4}-\d{2}-\d{2}$/);

    const edited = await post(editor, `/api/v1/library/entries/${entry.id}/versions`, {
      content: { ...intervention.content, title: 'Hemrehabilitering', summary: 'Ny text.' },
      changeNote: 'kortare',
      expectedVersion: 1,
    });
    assert.equal(edited.statusCode, 201, edited.body);
    assert.deepEqual(
      [
        edited.json<EntryBody>().status,
        edited.json<EntryBody>().headVersion,
        edited.json<EntryBody>().publishedVersion,
      ],
      ['draft', 2, 1],
    );
    const page = await h.app.inject(`/api/v1/library/published/${entry.slug}`);
    assert.equal(
      page.json<{ title: string; version: number }>().title,
      'Hemrehabilitering efter sjukhusvistelse',
    );
    // A stale expectedVersion is a conflict naming the field.
    const stale = await post(editor, `/api/v1/library/entries/${entry.id}/versions`, {
      content: intervention.content,
      expectedVersion: 1,
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json<ProblemBody>().errors?.[0]?.field, 'expectedVersion');

    const history = await h.app.inject({
      url: `/api/v1/library/entries/${entry.id}`,
      headers: asUser(editor),
    });
    const body = history.json<{
      versions: Array<{ version: number; changeNote: string; changedBy: string }>;
      events: Array<{ action: string; actor: string }>;
    }>();
    assert.deepEqual(
      body.versions.map((v) => [v.version, v.changeNote, v.changedBy]),
      [
        [1, 'första utkast', editor.userId],
        [2, 'kortare', editor.userId],
      ],
    );
    assert.deepEqual(
      body.events.map((e) => e.action),
      ['create', 'submit', 'publish', 'edit'],
    );
    assert.ok(body.events.every((e) => e.actor === editor.userId));
  });

  it("a municipality's staff may submit a good example of their own municipality, never publish", async () => {
    const own = await post(caseworker, '/api/v1/library/entries', example('0180'));
    assert.equal(own.statusCode, 201, own.body);
    const id = own.json<EntryBody>().id;
    assert.equal((await post(caseworker, '/api/v1/library/entries', example('1480'))).statusCode, 403);
    assert.equal((await post(caseworker, '/api/v1/library/entries', intervention)).statusCode, 403);
    // Another municipality's analyst cannot touch it.
    assert.equal((await step(analystElsewhere, id, 'submit')).statusCode, 403);
    assert.equal((await step(caseworker, id, 'submit')).json<EntryBody>().status, 'review');
    // Once submitted, the submitter can neither edit nor publish.
    assert.equal(
      (await post(caseworker, `/api/v1/library/entries/${id}/versions`, { content: example('0180').content }))
        .statusCode,
      403,
    );
    assert.equal((await step(caseworker, id, 'publish')).statusCode, 403);
    assert.equal((await step(editor, id, 'return')).json<EntryBody>().status, 'draft');
    assert.equal((await step(caseworker, id, 'submit')).statusCode, 200);
    assert.equal((await step(editor, id, 'publish')).json<EntryBody>().status, 'published');
    // The submitter sees their own entries in the editorial list; the editor sees all.
    const mine = await h.app.inject({ url: '/api/v1/library/entries', headers: asUser(caseworker) });
    assert.deepEqual(
      mine.json<{ entries: Array<{ id: string }> }>().entries.map((e) => e.id),
      [id],
    );
  });

  it('anonymous writes are 401; bad input is 422 naming the field and rule', async () => {
    assert.equal((await post(null, '/api/v1/library/entries', intervention)).statusCode, 401);
    const bad = await post(editor, '/api/v1/library/entries', {
      ...intervention,
      content: { ...intervention.content, evidence: 'great', outcomeIndicators: ['K99999'] },
    });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bad.json<ProblemBody>().errors?.map((e) => [e.field, e.rule]),
      [['content.evidence', 'invalid_value']],
    );
    const unknown = await post(editor, '/api/v1/library/entries', {
      ...intervention,
      content: { ...intervention.content, outcomeIndicators: ['K99999'] },
    });
    assert.equal(unknown.statusCode, 422);
    assert.deepEqual(
      unknown.json<ProblemBody>().errors?.map((e) => [e.field, e.rule]),
      [['outcomeIndicators.0', 'unknown_indicator']],
    );
    const noExample = await post(editor, '/api/v1/library/entries', {
      ...example('0180'),
      content: { ...example('0180').content, example: undefined },
    });
    assert.deepEqual(
      noExample.json<ProblemBody>().errors?.map((e) => [e.field, e.rule]),
      [['content.example', 'required']],
    );
  });

  it('every change is audited, refusals too', async () => {
    const { rows } = await h.t.db.query<{ action: string; outcome: string; actor: string; change: string }>(
      `SELECT action, outcome, actor_account_id AS actor, details->>'change' AS change FROM audit_log
        WHERE record_type = 'library_entry' ORDER BY seq`,
    );
    assert.ok(rows.every((r) => r.action === 'library_write'));
    const e = rows.filter((r) => r.actor === editor.userId).map((r) => `${r.change}:${r.outcome}`);
    assert.deepEqual(e.slice(0, 5), [
      'create:allowed',
      'publish:denied',
      'submit:allowed',
      'publish:allowed',
      'edit:allowed',
    ]);
    const c = rows.filter((r) => r.actor === caseworker.userId).map((r) => `${r.change}:${r.outcome}`);
    assert.deepEqual(c, [
      'create:allowed',
      'create:denied',
      'create:denied',
      'submit:allowed',
      'edit:denied',
      'publish:denied',
      'submit:allowed',
    ]);
    assert.deepEqual(
      rows.filter((r) => r.actor === analystElsewhere.userId).map((r) => `${r.change}:${r.outcome}`),
      ['submit:denied'],
    );
  });

  it('lists entries whose review is due', async () => {
    await h.t.db.query(
      `UPDATE library_entry SET review_due = '2020-01-01' WHERE slug = 'hemrehabilitering-efter-sjukhusvistelse'`,
    );
    const res = await h.app.inject({ url: '/api/v1/library/entries?stale=true', headers: asUser(editor) });
    assert.deepEqual(
      res.json<{ entries: Array<{ slug: string }> }>().entries.map((e) => e.slug),
      ['hemrehabilitering-efter-sjukhusvistelse'],
    );
  });
});
