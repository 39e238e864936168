import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ItemDefinition } from '../definition.js';
import { fromQuestionnaire } from './import-questionnaire.js';

/** A questionnaire with one choice question and one question shown when it has `answer`. */
function questionnaire(options: unknown[], answer: Record<string, unknown>, operator = '='): unknown {
  return {
    resourceType: 'Questionnaire',
    status: 'active',
    language: 'sv',
    title: 'Val',
    item: [
      { linkId: 'q1', text: 'Fråga', type: 'choice', answerOption: options },
      {
        linkId: 'q2',
        text: 'Följdfråga',
        type: 'string',
        enableWhen: [{ question: 'q1', operator, ...answer }],
      },
    ],
  };
}

describe('FHIR import: choice items with integer, string, date and coding options', () => {
  const cases: Array<[string, unknown[], Record<string, unknown>, string[], string]> = [
    ['valueInteger', [{ valueInteger: 1 }, { valueInteger: 2 }], { answerInteger: 1 }, ['1', '2'], '1'],
    [
      'valueInteger, second',
      [{ valueInteger: 0 }, { valueInteger: 10 }],
      { answerInteger: 10 },
      ['0', '10'],
      '10',
    ],
    [
      'valueString',
      [{ valueString: 'ja' }, { valueString: 'nej' }],
      { answerString: 'nej' },
      ['ja', 'nej'],
      'nej',
    ],
    [
      'valueDate',
      [{ valueDate: '2024-01-01' }, { valueDate: '2025-01-01' }],
      { answerDate: '2025-01-01' },
      ['2024-01-01', '2025-01-01'],
      '2025-01-01',
    ],
    [
      'valueCoding',
      [{ valueCoding: { system: 'urn:x', code: 'a', display: 'A' } }, { valueCoding: { code: 'b' } }],
      { answerCoding: { system: 'urn:x', code: 'a' } },
      ['a', 'b'],
      'a',
    ],
  ];
  for (const [name, options, answer, codes, expected] of cases) {
    it(`${name}: options become codes and enableWhen compares with the same code`, () => {
      const result = fromQuestionnaire(questionnaire(options, answer));
      assert.ok(result.ok, JSON.stringify(result));
      const [q1, q2] = result.form.items as [ItemDefinition, ItemDefinition];
      assert.equal(q1.type, 'singleChoice');
      assert.deepEqual(q1.type === 'singleChoice' ? q1.options.map((o) => o.code) : [], codes);
      assert.deepEqual(q2.enableWhen, { item: 'q1', op: 'equals', value: expected });
    });
  }

  it('"!=" and enableBehavior any on integer options', () => {
    const ne = fromQuestionnaire(
      questionnaire([{ valueInteger: 1 }, { valueInteger: 2 }], { answerInteger: 2 }, '!='),
    );
    assert.ok(ne.ok, JSON.stringify(ne));
    assert.deepEqual(ne.form.items[1]?.enableWhen, { item: 'q1', op: 'notEquals', value: '2' });
    const q = questionnaire([{ valueInteger: 1 }, { valueInteger: 2 }, { valueInteger: 3 }], {
      answerInteger: 1,
    }) as {
      item: Array<Record<string, unknown>>;
    };
    const follow = q.item[1] ?? {};
    follow['enableWhen'] = [
      { question: 'q1', operator: '=', answerInteger: 1 },
      { question: 'q1', operator: '=', answerInteger: 3 },
    ];
    follow['enableBehavior'] = 'any';
    const any = fromQuestionnaire(q);
    assert.ok(any.ok, JSON.stringify(any));
    assert.deepEqual(any.form.items[1]?.enableWhen, { item: 'q1', op: 'in', values: ['1', '3'] });
  });

  it('still refuses an answer that is not one of the options, naming the item', () => {
    const result = fromQuestionnaire(questionnaire([{ valueInteger: 1 }], { answerInteger: 7 }));
    assert.equal(result.ok, false);
    assert.match(JSON.stringify(result), /q2/);
  });
});

describe('FHIR import: repeats, readOnly and initial are kept or reported, never dropped silently', () => {
  const base = (item: Record<string, unknown>) => ({
    resourceType: 'Questionnaire',
    status: 'active',
    language: 'sv',
    title: 'T',
    item: [{ linkId: 'x', text: 'X', ...item }],
  });
  const cases: Array<[string, Record<string, unknown>, RegExp | null, (i: ItemDefinition) => boolean]> = [
    [
      'repeats on a choice: kept as multiple choice',
      { type: 'choice', repeats: true, answerOption: [{ valueString: 'a' }] },
      null,
      (i) => i.type === 'multipleChoice',
    ],
    [
      'repeats on a string: reported',
      { type: 'string', repeats: true },
      /repeats is not kept/,
      (i) => i.type === 'text',
    ],
    [
      'readOnly: reported',
      { type: 'integer', readOnly: true },
      /readOnly is not kept/,
      (i) => i.type === 'number',
    ],
    [
      'initial: reported',
      { type: 'integer', initial: [{ valueInteger: 3 }] },
      /initial value is not kept/,
      (i) => i.type === 'number',
    ],
    [
      'initialSelected: reported',
      { type: 'choice', answerOption: [{ valueString: 'a', initialSelected: true }, { valueString: 'b' }] },
      /initialSelected is not kept/,
      (i) => i.type === 'singleChoice',
    ],
  ];
  for (const [name, item, warning, shape] of cases) {
    it(name, () => {
      const result = fromQuestionnaire(base(item));
      assert.ok(result.ok, JSON.stringify(result));
      assert.ok(shape(result.form.items[0] as ItemDefinition), JSON.stringify(result.form.items[0]));
      const about = result.warnings.filter((w) => w.item === 'x').map((w) => w.message);
      if (warning)
        assert.ok(
          about.some((m) => warning.test(m)),
          about.join(' | '),
        );
      else assert.deepEqual(about, []);
    });
  }
});
