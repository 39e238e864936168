import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FormDefinition } from './definition.js';
import { assertFormDefinition, FormDefinitionError, parseFormDefinition } from './parse.js';
import { sampleForm } from './sample-form.js';

const clone = (): FormDefinition => structuredClone(sampleForm);
const text = { sv: 'x', en: 'x' };

function issuesOf(json: unknown): { item: string | null; rule: string; message: string }[] {
  const result = parseFormDefinition(json);
  assert.equal(result.ok, false, 'expected the definition to be rejected');
  return result.ok ? [] : result.issues.map(({ item, rule, message }) => ({ item, rule, message }));
}

describe('parseFormDefinition', () => {
  it('accepts the sample form unchanged', () => {
    const result = parseFormDefinition(clone());
    assert.ok(result.ok);
    assert.deepEqual(result.form, sampleForm);
  });

  it('rejects a duplicate item id, naming it', () => {
    const form = clone();
    form.items.push({ id: 'smoker', type: 'boolean', text });
    assert.deepEqual(issuesOf(form), [
      {
        item: 'smoker',
        rule: 'duplicate_id',
        message: 'item "smoker": the id is used by more than one item',
      },
    ]);
  });

  it('rejects an id that is used inside and outside a group', () => {
    const form = clone();
    form.items.push({ id: 'quitAdvice', type: 'text', text });
    assert.deepEqual(
      issuesOf(form).map((i) => [i.item, i.rule]),
      [['quitAdvice', 'duplicate_id']],
    );
  });

  it('rejects a condition that refers to an unknown item', () => {
    const form = clone();
    form.items.push({
      id: 'extra',
      type: 'text',
      text,
      enableWhen: { item: 'nope', op: 'exists', value: true },
    });
    assert.deepEqual(issuesOf(form), [
      {
        item: 'extra',
        rule: 'unknown_reference',
        message: 'item "extra": the condition refers to unknown item "nope"',
      },
    ]);
  });

  it('rejects a condition value that is not an option of the referenced item', () => {
    const form = clone();
    form.items.push({
      id: 'extra',
      type: 'text',
      text,
      required: { item: 'living', op: 'equals', value: 'castle' },
    });
    assert.deepEqual(
      issuesOf(form).map((i) => [i.item, i.rule]),
      [['extra', 'invalid_condition_value']],
    );
  });

  it('rejects comparisons that do not fit the referenced type', () => {
    const form = clone();
    form.items.push(
      { id: 'a', type: 'text', text, enableWhen: { item: 'smoker', op: 'gt', value: 1 } },
      { id: 'b', type: 'text', text, enableWhen: { item: 'weight', op: 'equals', value: '70' } },
      { id: 'c', type: 'text', text, enableWhen: { item: 'visitDate', op: 'lt', value: '2024-02-30' } },
      { id: 'd', type: 'text', text, enableWhen: { item: 'note', op: 'exists', value: true } },
    );
    assert.deepEqual(
      issuesOf(form).map((i) => [i.item, i.rule]),
      [
        ['a', 'invalid_condition_value'],
        ['b', 'invalid_condition_value'],
        ['c', 'invalid_condition_value'],
        ['d', 'invalid_reference'],
      ],
    );
  });

  it('rejects an empty option list, naming the item', () => {
    const form = clone();
    form.items.push({ id: 'empty', type: 'singleChoice', text, options: [] });
    assert.deepEqual(issuesOf(form), [
      { item: 'empty', rule: 'empty_options', message: 'item "empty": the option list is empty' },
    ]);
  });

  it('rejects duplicate option codes and exclusive on single choice', () => {
    const form = clone();
    form.items.push({
      id: 'dup',
      type: 'singleChoice',
      text,
      options: [
        { code: 'a', text },
        { code: 'a', text, exclusive: true },
      ],
    });
    assert.deepEqual(
      issuesOf(form).map((i) => [i.item, i.rule]),
      [
        ['dup', 'duplicate_option'],
        ['dup', 'invalid_exclusive'],
      ],
    );
  });

  it('rejects a mapping that names an item that does not exist', () => {
    const form = clone();
    form.previous = { version: 1, mappings: [{ kind: 'split', from: 'mood', to: ['moodDay', 'moodNight'] }] };
    assert.deepEqual(
      issuesOf(form).map((i) => [i.item, i.rule]),
      [
        ['moodDay', 'unknown_mapping_item'],
        ['moodNight', 'unknown_mapping_item'],
      ],
    );
  });

  it('rejects cyclic skip logic', () => {
    const form = clone();
    form.items.push(
      { id: 'p', type: 'boolean', text, enableWhen: { item: 'q', op: 'equals', value: true } },
      { id: 'q', type: 'boolean', text, enableWhen: { item: 'p', op: 'equals', value: true } },
    );
    assert.deepEqual(
      issuesOf(form).map((i) => [i.item, i.rule, i.message]),
      [['p', 'cyclic_condition', 'item "p": visibility depends on itself: p → q → p']],
    );
  });

  it('rejects a group whose condition reads its own child', () => {
    const form = clone();
    const group = form.items.find((i) => i.id === 'smoking');
    assert.ok(group);
    group.enableWhen = { item: 'cigarettes', op: 'exists', value: true };
    assert.deepEqual(
      issuesOf(form).map((i) => i.rule),
      ['cyclic_condition'],
    );
  });

  it('reports structural errors with the item id and JSON path', () => {
    const form = clone() as unknown as { items: Record<string, unknown>[] };
    delete form.items[6]!['numberKind'];
    const issues = issuesOf(form);
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.item, 'weight');
    assert.match(issues[0]!.message, /^item "weight" \(items\[6\]\.numberKind\): /);
  });

  it('rejects unknown keys (typos) and bad versions', () => {
    const form = { ...clone(), version: 0, titel: text };
    assert.deepEqual(
      issuesOf(form)
        .map((i) => i.rule)
        .sort(),
      ['too_small', 'unrecognized_keys'],
    );
  });

  it('rejects computed values with bad references', () => {
    const form = clone();
    form.computed = [
      {
        id: 'x',
        text,
        expression: {
          sum: [{ answer: 'living' }, { score: 'weight' }, { computed: 'y' }, { answer: 'ghost' }],
        },
      },
    ];
    assert.deepEqual(
      issuesOf(form).map((i) => i.rule),
      ['invalid_reference', 'invalid_reference', 'unknown_reference', 'unknown_reference'],
    );
  });

  it('checks mappings against the previous version when given', () => {
    const v1: FormDefinition = {
      id: 'sample-visit',
      version: 1,
      status: 'retired',
      title: text,
      items: [
        { id: 'cigs', type: 'number', numberKind: 'integer', text },
        { id: 'alcohol', type: 'boolean', text },
        { id: 'mood', type: 'text', text },
      ],
    };
    const v2: FormDefinition = {
      ...v1,
      version: 2,
      status: 'active',
      items: [
        { id: 'cigarettes', type: 'number', numberKind: 'integer', text },
        { id: 'sleep', type: 'text', text },
      ],
      previous: {
        version: 1,
        mappings: [
          { kind: 'renamed', from: 'cigs', to: 'cigarettes' },
          { kind: 'removed', from: 'alkohol' },
        ],
      },
    };
    const result = parseFormDefinition(v2, { previous: v1 });
    assert.ok(!result.ok);
    assert.deepEqual(
      result.issues.map((i) => [i.item, i.rule]),
      [
        ['alkohol', 'unknown_mapping_item'],
        ['alcohol', 'unmapped_item'],
        ['mood', 'unmapped_item'],
        ['sleep', 'unmapped_item'],
      ],
    );
  });

  it('assertFormDefinition throws with every issue', () => {
    const form = clone();
    form.items.push({ id: 'empty', type: 'multipleChoice', text, options: [] });
    assert.throws(
      () => assertFormDefinition(form),
      (e: unknown) => e instanceof FormDefinitionError && e.issues.length === 1,
    );
  });
});
