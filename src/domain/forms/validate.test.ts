import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Answers } from './answers.js';
import { sampleForm } from './sample-form.js';
import { validateAnswers } from './validate.js';
import { visibleItems } from './visibility.js';

const valid = { visitDate: '2024-05-02', living: 'partner', smoker: false };
const rules = (answers: Answers): [string, string][] =>
  validateAnswers(sampleForm, answers).map((i) => [i.item, i.rule]);

describe('validateAnswers', () => {
  it('accepts a minimal complete answer set', () => {
    assert.deepEqual(validateAnswers(sampleForm, valid), []);
  });

  it('reports every missing required item, never scoring it', () => {
    assert.deepEqual(validateAnswers(sampleForm, {}), [
      { item: 'visitDate', rule: 'required', message: '"visitDate" is required and has no answer' },
      { item: 'living', rule: 'required', message: '"living" is required and has no answer' },
      { item: 'smoker', rule: 'required', message: '"smoker" is required and has no answer' },
    ]);
  });

  it('treats null, blank strings and empty arrays as unanswered', () => {
    assert.deepEqual(rules({ ...valid, visitDate: '  ', living: null, support: [] }), [
      ['visitDate', 'required'],
      ['living', 'required'],
    ]);
  });

  it('requires items inside a shown group and conditionally required items', () => {
    assert.deepEqual(rules({ ...valid, smoker: true }), [['cigarettes', 'required']]);
    assert.deepEqual(rules({ ...valid, smoker: true, cigarettes: 9 }), []);
    assert.deepEqual(rules({ ...valid, smoker: true, cigarettes: 10 }), [['quitAdvice', 'required']]);
  });

  it('refuses answers to hidden items, saying why', () => {
    const issues = validateAnswers(sampleForm, { ...valid, livingOther: 'boat', cigarettes: 5 });
    assert.deepEqual(issues, [
      {
        item: 'livingOther',
        rule: 'hidden_answered',
        message: '"livingOther" is answered although it is hidden: it applies only when "living" = "other"',
      },
      {
        item: 'cigarettes',
        rule: 'hidden_answered',
        message: '"cigarettes" is answered although it is hidden: it applies only when "smoker" = true',
      },
    ]);
  });

  it('checks types, options and ranges', () => {
    assert.deepEqual(
      rules({
        visitDate: '2024-02-30',
        living: 'castle',
        smoker: 'yes',
        weight: 19.9,
        height: 170.5,
        support: ['homeCare', 'dog'],
      }),
      [
        ['visitDate', 'invalid_date'],
        ['living', 'not_an_option'],
        ['support', 'not_an_option'],
        ['smoker', 'wrong_type'],
        ['weight', 'out_of_range'],
        ['height', 'not_integer'],
      ],
    );
  });

  it('checks number boundaries inclusively with a message naming the range', () => {
    assert.deepEqual(rules({ ...valid, weight: 20, height: 230 }), []);
    assert.deepEqual(validateAnswers(sampleForm, { ...valid, weight: 300.1 }), [
      {
        item: 'weight',
        rule: 'out_of_range',
        message: '"weight" must be between 20 and 300 kg, got 300.1 kg',
      },
    ]);
    assert.deepEqual(rules({ ...valid, visitDate: '2019-12-31' }), [['visitDate', 'out_of_range']]);
  });

  it('checks multiple choice: duplicates, exclusive options, maximum', () => {
    assert.deepEqual(rules({ ...valid, support: ['homeCare', 'homeCare'] }), [
      ['support', 'duplicate_option'],
    ]);
    assert.deepEqual(rules({ ...valid, support: ['none', 'relatives'] }), [['support', 'exclusive_option']]);
    assert.deepEqual(rules({ ...valid, support: 'none' }), [['support', 'wrong_type']]);
    assert.deepEqual(rules({ ...valid, support: ['none'] }), []);
  });

  it('checks text length and wrong-typed choice answers', () => {
    assert.deepEqual(rules({ ...valid, living: 'other', livingOther: 'x'.repeat(21) }), [
      ['livingOther', 'too_long'],
    ]);
    assert.deepEqual(rules({ ...valid, living: 2 }), [['living', 'wrong_type']]);
  });

  it('reports answers to unknown items, groups and display items', () => {
    assert.deepEqual(rules({ ...valid, ghost: 1, note: 'hi', smoking: true }), [
      ['ghost', 'unknown_item'],
      ['note', 'unknown_item'],
      ['smoking', 'unknown_item'],
    ]);
  });

  it('does not read inherited keys as answers', () => {
    const answers = JSON.parse(
      '{"visitDate":"2024-05-02","living":"partner","smoker":false,"__proto__":{"weight":5}}',
    ) as Answers;
    assert.deepEqual(rules(answers), [['__proto__', 'unknown_item']]);
  });

  it('applies form constraints with the constraint id as rule', () => {
    assert.deepEqual(validateAnswers(sampleForm, { ...valid, living: 'alone', followUp: '2023-06-01' }), [
      { item: 'followUp', rule: 'follow_up_after_visit', message: 'The follow-up must be after 2024-01-01' },
    ]);
    assert.deepEqual(rules({ ...valid, living: 'alone', followUp: '2024-06-01' }), []);
  });
});

describe('visibleItems', () => {
  const ids = (answers: Answers): string[] => visibleItems(sampleForm, answers).map((i) => i.id);
  const always = ['visitDate', 'living', 'support', 'smoker', 'weight', 'height', 'note'];

  it('hides conditional items without answers', () => {
    assert.deepEqual(ids({}), always);
  });

  it('shows an item when an "equals" condition holds', () => {
    assert.deepEqual(ids({ living: 'other' }), [
      'visitDate',
      'living',
      'livingOther',
      'support',
      'smoker',
      'weight',
      'height',
      'followUp',
      'note',
    ]);
  });

  it('shows a group and its children, and evaluates all/any combinations', () => {
    assert.deepEqual(ids({ living: 'partner', smoker: true, cigarettes: 20 }), [
      'visitDate',
      'living',
      'support',
      'smoker',
      'smoking',
      'cigarettes',
      'quitAdvice',
      'weight',
      'height',
      'note',
    ]);
    assert.ok(ids({ living: 'partner', smoker: true, cigarettes: 21 }).includes('followUp'));
  });

  it('cascades: an answer to a hidden item does not count in other conditions', () => {
    assert.ok(!ids({ living: 'partner', smoker: false, cigarettes: 40 }).includes('followUp'));
  });
});
