import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bandFor, sumScoredItems } from '../scoring.js';
import { validateAnswers } from '../validate.js';
import { toQuestionnaire } from './export-questionnaire.js';
import { fromQuestionnaire } from './import-questionnaire.js';
import { validateQuestionnaire } from './r4-questionnaire.js';
import { answersFromResponse } from './response.js';

/** PHQ-9 fixture as published by LHC-Forms for LOINC 44249-1 (see fixtures/README.md). */
const fixture = readFileSync(new URL('./fixtures/phq9-lhc-forms.json', import.meta.url), 'utf8');
const ITEMS = [
  '/44250-9',
  '/44255-8',
  '/44259-0',
  '/44254-1',
  '/44251-7',
  '/44258-2',
  '/44252-5',
  '/44253-3',
  '/44260-8',
];
const LL358_3 = ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9'];

/** Kroenke, Spitzer & Williams 2001: PHQ-9 severity 0–4, 5–9, 10–14, 15–19, 20–27. */
const PHQ9_BANDS = [
  { code: 'minimal', min: 0, max: 4 },
  { code: 'mild', min: 5, max: 9 },
  { code: 'moderate', min: 10, max: 14 },
  { code: 'moderately_severe', min: 15, max: 19 },
  { code: 'severe', min: 20, max: 27 },
] as const;

function importPhq9() {
  const result = fromQuestionnaire(JSON.parse(fixture));
  assert.ok(result.ok, JSON.stringify(result));
  return result;
}

/** Answers whose ordinal values are `points`, item by item. */
const answersFor = (points: number[]): Record<string, string> =>
  Object.fromEntries(points.map((p, n) => [ITEMS[n]!, LL358_3[p]!]));

function score(points: number[]) {
  const result = sumScoredItems(importPhq9().form, answersFor(points));
  assert.ok(result.ok, JSON.stringify(result));
  return { total: result.total, band: bandFor(result.total, PHQ9_BANDS).code };
}

describe('PHQ-9 from LHC-Forms', () => {
  it('is valid FHIR R4 as published', () => {
    assert.ok(validateQuestionnaire(JSON.parse(fixture)).ok);
  });

  // 52 texts = title + 11 items + 9 × 4 + 4 options.
  it('imports: 9 scored items with LL358-3, a total item and the difficulty question', () => {
    const { form, warnings } = importPhq9();
    assert.equal(form.id, '44249-1-x');
    assert.equal(form.version, 1);
    assert.equal(form.status, 'draft');
    assert.deepEqual(form.codes, [
      { system: 'http://loinc.org', code: '44249-1', display: 'PHQ-9 quick depression assessment panel' },
    ]);
    assert.deepEqual(
      form.items.map((i) => [i.id, i.type]),
      [...ITEMS.map((id) => [id, 'singleChoice']), ['/44261-6', 'number'], ['/69722-7', 'singleChoice']],
    );
    const first = form.items[0];
    assert.ok(first?.type === 'singleChoice');
    assert.deepEqual(first.options, [
      { code: 'LA6568-5', text: { sv: 'Not at all', en: 'Not at all' }, score: 0 },
      { code: 'LA6569-3', text: { sv: 'Several days', en: 'Several days' }, score: 1 },
      { code: 'LA6570-1', text: { sv: 'More than half the days', en: 'More than half the days' }, score: 2 },
      { code: 'LA6571-9', text: { sv: 'Nearly every day', en: 'Nearly every day' }, score: 3 },
    ]);
    assert.equal(first.required, true);
    assert.equal((form.items[8] as { required?: boolean }).required, undefined);
    assert.deepEqual(form.items[9], {
      id: '/44261-6',
      type: 'number',
      numberKind: 'decimal',
      text: {
        sv: 'Patient health questionnaire 9 item total score',
        en: 'Patient health questionnaire 9 item total score',
      },
      codes: [
        {
          system: 'http://loinc.org',
          code: '44261-6',
          display: 'Patient health questionnaire 9 item total score',
        },
      ],
      unit: { code: '{score}', display: '{score}' },
    });
    assert.deepEqual(
      warnings.map((w) => w.message),
      [
        'Questionnaire.language is absent; texts are read as English',
        'extension http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-observationLinkPeriod is not used (on /44250-9, /44255-8, /44259-0, /44254-1, /44251-7 and 6 more)',
        'extension http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-observationExtract is not used (on /44250-9, /44255-8, /44259-0, /44254-1, /44251-7 and 6 more)',
        'extension http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl is not used (on /44250-9, /44255-8, /44259-0, /44254-1, /44251-7 and 5 more)',
        'extension http://hl7.org/fhir/StructureDefinition/questionnaire-optionPrefix is not used (on /44250-9, /44255-8, /44259-0, /44254-1, /44251-7 and 4 more)',
        '52 texts have no Swedish translation; the original text is used for both languages',
      ],
    );
  });

  const table: { points: number[]; total: number; band: string }[] = [
    { points: [0, 0, 0, 0, 0, 0, 0, 0, 0], total: 0, band: 'minimal' },
    { points: [1, 1, 1, 1, 0, 0, 0, 0, 0], total: 4, band: 'minimal' },
    { points: [1, 1, 1, 1, 1, 0, 0, 0, 0], total: 5, band: 'mild' },
    { points: [3, 3, 3, 0, 0, 0, 0, 0, 0], total: 9, band: 'mild' },
    { points: [3, 3, 3, 1, 0, 0, 0, 0, 0], total: 10, band: 'moderate' },
    { points: [2, 2, 2, 2, 2, 2, 2, 0, 0], total: 14, band: 'moderate' },
    { points: [3, 3, 3, 3, 3, 0, 0, 0, 0], total: 15, band: 'moderately_severe' },
    { points: [3, 3, 3, 3, 3, 2, 2, 0, 0], total: 19, band: 'moderately_severe' },
    { points: [3, 3, 3, 3, 3, 3, 2, 0, 0], total: 20, band: 'severe' },
    { points: [3, 3, 3, 3, 3, 3, 3, 3, 3], total: 27, band: 'severe' },
  ];
  for (const row of table)
    it(`scores ${row.points.join('')} → ${row.total} (${row.band})`, () => {
      assert.deepEqual(score(row.points), { total: row.total, band: row.band });
    });

  it('refuses to score when a scored item is missing, even the optional ninth', () => {
    const answers = answersFor([0, 0, 0, 0, 0, 0, 0, 0]);
    const { form } = importPhq9();
    assert.deepEqual(validateAnswers(form, answers), []);
    assert.deepEqual(sumScoredItems(form, answers), {
      ok: false,
      issues: [
        {
          item: '/44260-8',
          rule: 'required',
          message: '"/44260-8" is needed for the score and has no scored answer',
        },
      ],
    });
  });

  it('accepts itemWeight (the R5 name) as well as ordinalValue', () => {
    const renamed = fixture.replaceAll(
      'http://hl7.org/fhir/StructureDefinition/ordinalValue',
      'http://hl7.org/fhir/StructureDefinition/itemWeight',
    );
    const result = fromQuestionnaire(JSON.parse(renamed));
    assert.ok(result.ok);
    const total = sumScoredItems(result.form, answersFor([3, 2, 1, 0, 3, 2, 1, 0, 3]));
    assert.ok(total.ok);
    assert.equal(total.total, 15);
  });

  it('scores answers that arrive as a QuestionnaireResponse', () => {
    const { form } = importPhq9();
    const item = (linkId: string, code: string) => ({ linkId, answer: [{ valueCoding: { code } }] });
    const { answers, issues } = answersFromResponse(form, {
      resourceType: 'QuestionnaireResponse',
      status: 'completed',
      item: ITEMS.map((id, n) => item(id, LL358_3[n % 4]!)),
    });
    assert.deepEqual(issues, []);
    const total = sumScoredItems(form, answers);
    assert.ok(total.ok);
    assert.equal(total.total, 0 + 1 + 2 + 3 + 0 + 1 + 2 + 3 + 0);
  });

  it('re-exports as valid FHIR and round-trips stably', () => {
    const first = toQuestionnaire(importPhq9().form);
    assert.ok(validateQuestionnaire(first).ok);
    const again = fromQuestionnaire(first);
    assert.ok(again.ok);
    assert.deepEqual(toQuestionnaire(again.form), first);
  });
});
