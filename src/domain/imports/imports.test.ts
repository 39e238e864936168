import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cellBoolean, cellNumber, cellText, isIsoDate } from './cells.js';
import { detectDelimiter } from './delimiter.js';
import { columnOfField } from './issues.js';
import { JsonArrayError, JsonArrayReader } from './json-array.js';
import { checkHeader, mapRecord, type RawRecord } from './row.js';

const today = '2025-01-15';
const base = {
  record_id: 'r1',
  personnummer: '19400315-1232',
  name: 'Åsa Öberg',
  unit_code: 'E000001',
  date: '2024-03-05',
};
const rec = (cells: Record<string, unknown>, row = 1): RawRecord => ({ row, line: row + 1, cells });
const map = (
  cells: Record<string, unknown>,
  register: 'senior_alert' | 'followup' | 'palliative' = 'senior_alert',
) => mapRecord(register, rec(cells), { today, checkColumns: true });

describe('import rows', () => {
  it('builds a risk assessment with typed answers from flat columns', () => {
    const r = map({
      ...base,
      kind: 'risk_assessment',
      instrument: 'downton',
      'answer.previousFalls': 'Ja',
      'answer.medications': 'diuretics| antidepressants',
      'answer.sensoryDeficits': 'none',
      'answer.mentalState': 'oriented',
      'answer.gait': 'normal',
      causes: 'medication|pain',
      risk_area: '',
    });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.row.data, {
      instrument: 'downton',
      causes: ['medication', 'pain'],
      answers: {
        previousFalls: true,
        medications: ['diuretics', 'antidepressants'],
        sensoryDeficits: ['none'],
        mentalState: 'oriented',
        gait: 'normal',
      },
    });
    assert.equal(r.row.identity.normalised, '194003151232');
    assert.deepEqual(r.row.unit, { code: 'E000001' });
  });

  it('names the column and the rule of every problem, never the value', () => {
    const r = map({
      ...base,
      personnummer: '19400315-1233',
      date: '2030-01-01',
      kind: 'planned_action',
      risk_area: 'falls',
      grade: '2',
      'answer.gait': 'normal',
    });
    assert.ok(!r.ok);
    assert.deepEqual(
      r.issues.map((i) => [i.row, i.column, i.rule]),
      [
        [1, 'personnummer', 'check_digit'],
        [1, 'date', 'in_future'],
        [1, 'grade', 'not_used_for_kind'],
        [1, 'answer.gait', 'not_used_for_kind'],
      ],
    );
    assert.ok(r.issues.every((i) => !i.message.includes('19400315')));
  });

  it('refuses unknown items, unknown columns, both unit columns and a served_from after the date', () => {
    const r = map({
      ...base,
      unit_id: '8a0c3f9e-1111-4222-8333-944455556666',
      served_from: '2024-04-01',
      kind: 'risk_assessment',
      instrument: 'downton',
      'answer.shoeSize': '42',
      colour: 'blue',
    });
    assert.ok(!r.ok);
    assert.deepEqual(r.issues.map((i) => [i.column, i.rule]).sort(), [
      ['answer.shoeSize', 'unknown_item'],
      ['colour', 'unknown_column'],
      ['served_from', 'after_date'],
      ['unit_id', 'one_of'],
    ]);
  });

  it('numbers goals as written and takes a nested data object from JSON', () => {
    const flat = map(
      {
        ...base,
        kind: 'measure',
        phase: '6m',
        instrument: 'audit',
        'goal.2.text': 'Dricka mindre',
        'goal.2.met': 'partly',
        'goal.5.text': 'Arbeta',
      },
      'followup',
    );
    assert.ok(flat.ok);
    assert.deepEqual(flat.row.data['goals'], [{ text: 'Dricka mindre', met: 'partly' }, { text: 'Arbeta' }]);
    assert.deepEqual(flat.row.goalNumbers, [2, 5]);
    assert.equal(columnOfField('followup', 'measure', 'data.goals.1.text', [2, 5]), 'goal.5.text');
    const nested = map({ ...base, kind: 'event', data: { eventType: 'fall' } });
    assert.ok(nested.ok);
    assert.deepEqual(nested.row.data, { eventType: 'fall' });
    assert.equal(nested.row.goalNumbers, null);
    const both = map({ ...base, kind: 'event', event_type: 'fall', data: { eventType: 'fall' } });
    assert.ok(!both.ok);
    assert.equal(both.issues[0]?.rule, 'data_and_columns');
  });

  it('fills the date of death of an end-of-life registration from the row date', () => {
    const r = map({ ...base, kind: 'death_registration', 'answer.deathExpected': 'no' }, 'palliative');
    assert.ok(r.ok);
    assert.deepEqual(r.row.data['answers'], { deathExpected: 'no', dateOfDeath: '2024-03-05' });
  });

  it('maps data paths back to columns', () => {
    assert.equal(columnOfField('senior_alert', 'planned_action', 'data.actionCode', []), 'action_code');
    assert.equal(columnOfField('followup', 'intervention', 'data.ksi.target', []), 'ksi_target');
    assert.equal(columnOfField('followup', 'intervention', 'data.ksi', []), 'ksi_target');
    assert.equal(columnOfField('senior_alert', 'risk_assessment', 'data.answers.gait', []), 'answer.gait');
    assert.equal(columnOfField('senior_alert', 'event', 'data.grade', null), 'data.grade');
  });

  it('checks the header once: unknown, repeated and missing columns', () => {
    assert.deepEqual(
      checkHeader('senior_alert', ['record_id', 'personnummer', 'date', 'date', 'ksi_target']).map((i) => [
        i.row,
        i.column,
        i.rule,
      ]),
      [
        [0, 'date', 'duplicate_column'],
        [0, 'ksi_target', 'unknown_column'],
        [0, 'kind', 'missing_column'],
        [0, 'unit_code', 'missing_column'],
      ],
    );
    assert.deepEqual(
      checkHeader('followup', ['record_id', 'personnummer', 'unit_id', 'date', 'kind', 'goal.1.text']),
      [],
    );
  });
});

describe('cells, delimiters and JSON arrays', () => {
  it('reads cells as text, yes/no, numbers with a decimal comma and real dates', () => {
    assert.equal(cellText(new Date(Date.UTC(2024, 2, 5))), '2024-03-05');
    assert.equal(cellText(194003151232), '194003151232');
    assert.equal(cellBoolean('NEJ'), false);
    assert.equal(cellBoolean('kanske'), undefined);
    assert.equal(cellNumber('21,5'), 21.5);
    assert.equal(cellNumber('21,5,1'), undefined);
    assert.equal(isIsoDate('2024-02-30'), false);
    assert.equal(isIsoDate('2024-02-29'), true);
  });

  it('detects the delimiter from the header line, ignoring quoted text', () => {
    assert.equal(detectDelimiter('record_id;personnummer;"a,b,c"\n1,2,3'), ';');
    assert.equal(detectDelimiter('record_id,personnummer\r\n1;2;3;4'), ',');
    assert.equal(detectDelimiter('a\tb\tc'), '\t');
    assert.equal(detectDelimiter('single'), ',');
  });

  it('splits an array of objects fed in arbitrary pieces, strings and escapes included', () => {
    const text = '\uFEFF [ {"a": "x}\\"{", "b": [1, {"c": 2}]},\n {"a": "å"} ]  ';
    for (const size of [1, 2, 3, 7, text.length]) {
      const reader = new JsonArrayReader();
      const out = [];
      for (let i = 0; i < text.length; i += size) out.push(...reader.push(text.slice(i, i + size)));
      reader.end();
      assert.deepEqual(
        out.map((e) => [e.value, e.line]),
        [
          [{ a: 'x}"{', b: [1, { c: 2 }] }, 1],
          [{ a: 'å' }, 2],
        ],
        `piece size ${size}`,
      );
    }
  });

  it('refuses what is not an array of objects, with the line', () => {
    const fails = (text: string) => {
      const reader = new JsonArrayReader();
      try {
        reader.push(text);
        reader.end();
      } catch (err) {
        assert.ok(err instanceof JsonArrayError);
        return [err.message, err.line];
      }
      return null;
    };
    assert.deepEqual(fails('{"a": 1}'), ['expected a JSON array of objects ("[" first)', 1]);
    assert.deepEqual(fails('[1, 2]'), ['each element of the array must be an object ("{")', 1]);
    assert.deepEqual(fails('[{"a": 1}\n{"b": 2}]'), ['expected "," or "]" after an element', 2]);
    assert.deepEqual(fails('[{"a": 1},'), ['the file ends inside the array: expected "]"', 1]);
    assert.deepEqual(fails('[\n{"a": 19400315-1232}]'), ['an element is not valid JSON', 2]);
    assert.deepEqual(fails('[]'), null);
  });
});
