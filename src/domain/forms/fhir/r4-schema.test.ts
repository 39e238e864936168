import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validateQuestionnaire } from './r4-questionnaire.js';
import { validateQuestionnaireResponse } from './r4-response.js';

const q = (item: unknown[]): unknown => ({ resourceType: 'Questionnaire', status: 'active', item });
const messages = (json: unknown): string[] => {
  const result = validateQuestionnaire(json);
  assert.ok(!result.ok, 'expected the Questionnaire to be rejected');
  return result.issues.map((i) => `${i.path}: ${i.message}`);
};

describe('FHIR R4 Questionnaire structure', () => {
  it('accepts a minimal questionnaire', () => {
    assert.ok(validateQuestionnaire({ resourceType: 'Questionnaire', status: 'draft' }).ok);
  });

  it('requires resourceType and status, and checks status values', () => {
    assert.equal(messages({ resourceType: 'Questionnaire' }).length, 1);
    assert.match(messages({ resourceType: 'Questionnaire', status: 'published' })[0] ?? '', /^status: /);
    assert.match(messages({ resourceType: 'Patient', status: 'active' })[0] ?? '', /^resourceType: /);
  });

  it('rejects unknown elements and empty strings', () => {
    assert.deepEqual(messages({ resourceType: 'Questionnaire', status: 'active', titel: 'x' }).length, 1);
    assert.match(messages(q([{ linkId: '', type: 'string' }]))[0] ?? '', /^item\[0\]\.linkId: /);
  });

  it('requires linkId and an allowed type on items', () => {
    assert.match(messages(q([{ type: 'string' }]))[0] ?? '', /^item\[0\]\.linkId: /);
    assert.match(messages(q([{ linkId: 'a', type: 'question' }]))[0] ?? '', /^item\[0\]\.type: /);
  });

  it('requires exactly one answer[x] in enableWhen, and a boolean for exists', () => {
    const base = { linkId: 'b', type: 'string' };
    assert.deepEqual(
      messages(
        q([
          { linkId: 'a', type: 'boolean' },
          { ...base, enableWhen: [{ question: 'a', operator: '=' }] },
        ]),
      ),
      ['item[1].enableWhen[0]: answer[x] is required (1..1)'],
    );
    assert.deepEqual(
      messages(
        q([
          { linkId: 'a', type: 'boolean' },
          { ...base, enableWhen: [{ question: 'a', operator: '=', answerBoolean: true, answerString: 'x' }] },
        ]),
      ),
      ['item[1].enableWhen[0]: answer[x] is 0..1 but answerBoolean and answerString are present'],
    );
    assert.deepEqual(
      messages(
        q([
          { linkId: 'a', type: 'string' },
          { ...base, enableWhen: [{ question: 'a', operator: 'exists', answerString: 'x' }] },
        ]),
      ),
      ["item[1].enableWhen[0]: que-7: with operator 'exists' the answer must be answerBoolean"],
    );
  });

  it('checks the que invariants', () => {
    const cases: [unknown[], string][] = [
      [[{ linkId: 'g', type: 'group' }], 'que-1'],
      [[{ linkId: 'd', type: 'display', item: [{ linkId: 'x', type: 'string' }] }], 'que-1'],
      [
        [
          { linkId: 'a', type: 'string' },
          { linkId: 'a', type: 'string' },
        ],
        'que-2',
      ],
      [[{ linkId: 'd', type: 'display', code: [{ code: 'x' }] }], 'que-3'],
      [
        [{ linkId: 'c', type: 'choice', answerValueSet: 'http://x', answerOption: [{ valueString: 'a' }] }],
        'que-4',
      ],
      [[{ linkId: 's', type: 'string', answerOption: [{ valueString: 'a' }] }], 'que-5'],
      [[{ linkId: 'd', type: 'display', required: true }], 'que-6'],
      [[{ linkId: 'n', type: 'date', maxLength: 10 }], 'que-10'],
      [
        [
          { linkId: 'a', type: 'string' },
          {
            linkId: 'b',
            type: 'string',
            enableWhen: [
              { question: 'a', operator: 'exists', answerBoolean: true },
              { question: 'a', operator: '=', answerString: 'x' },
            ],
          },
        ],
        'que-12',
      ],
    ];
    for (const [items, rule] of cases)
      assert.ok(
        messages(q(items)).some((m) => m.includes(rule)),
        `${rule} for ${JSON.stringify(items)}`,
      );
  });

  it('requires exactly one value[x] per answerOption and checks extension ext-1', () => {
    assert.ok(
      messages(q([{ linkId: 'c', type: 'choice', answerOption: [{ initialSelected: true }] }])).some((m) =>
        m.includes('value[x] is required'),
      ),
    );
    assert.ok(
      messages(q([{ linkId: 'c', type: 'string', extension: [{ url: 'http://x' }] }])).some((m) =>
        m.includes('ext-1'),
      ),
    );
    assert.ok(
      messages(
        q([
          {
            linkId: 'c',
            type: 'string',
            extension: [{ url: 'http://x', valueString: 'a', valueBoolean: true }],
          },
        ]),
      ).some((m) => m.includes('at most one value[x]')),
    );
  });

  it('checks primitive formats: id, date, code', () => {
    assert.equal(messages({ resourceType: 'Questionnaire', status: 'active', id: 'has space' }).length, 1);
    assert.equal(
      messages({ resourceType: 'Questionnaire', status: 'active', approvalDate: '2024-13-01' }).length,
      1,
    );
    assert.equal(messages({ resourceType: 'Questionnaire', status: 'active', language: 'sv ' }).length, 1);
  });
});

describe('FHIR R4 QuestionnaireResponse structure', () => {
  it('accepts a minimal response and rejects a missing status', () => {
    assert.ok(
      validateQuestionnaireResponse({ resourceType: 'QuestionnaireResponse', status: 'completed' }).ok,
    );
    assert.ok(!validateQuestionnaireResponse({ resourceType: 'QuestionnaireResponse' }).ok);
  });

  it('allows at most one value[x] per answer and forbids item beside answer (qrs-1)', () => {
    const two = validateQuestionnaireResponse({
      resourceType: 'QuestionnaireResponse',
      status: 'completed',
      item: [{ linkId: 'a', answer: [{ valueBoolean: true, valueString: 'x' }] }],
    });
    assert.ok(!two.ok);
    const both = validateQuestionnaireResponse({
      resourceType: 'QuestionnaireResponse',
      status: 'completed',
      item: [{ linkId: 'a', answer: [{ valueBoolean: true }], item: [{ linkId: 'b' }] }],
    });
    assert.ok(!both.ok);
    assert.match(both.issues[0]?.message ?? '', /qrs-1/);
  });
});
