import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FormDefinition } from '../definition.js';
import { sampleForm } from '../sample-form.js';
import { toQuestionnaire } from './export-questionnaire.js';
import { fromQuestionnaire } from './import-questionnaire.js';
import { validateQuestionnaire } from './r4-questionnaire.js';
import type { Questionnaire, QuestionnaireItem } from './types.js';

const TRANSLATION = 'http://hl7.org/fhir/StructureDefinition/translation';
const en = (content: string) => ({
  extension: [
    {
      url: TRANSLATION,
      extension: [
        { url: 'lang', valueCode: 'en' },
        { url: 'content', valueString: content },
      ],
    },
  ],
});

function item(q: Questionnaire, linkId: string): QuestionnaireItem {
  const walk = (items: QuestionnaireItem[] | undefined): QuestionnaireItem | undefined => {
    for (const i of items ?? []) {
      if (i.linkId === linkId) return i;
      const found = walk(i.item);
      if (found) return found;
    }
    return undefined;
  };
  const found = walk(q.item);
  assert.ok(found, `no item ${linkId}`);
  return found;
}

function imported(q: unknown): FormDefinition {
  const result = fromQuestionnaire(q);
  assert.ok(result.ok, JSON.stringify(result));
  return result.form;
}

describe('toQuestionnaire', () => {
  const q = toQuestionnaire(sampleForm);

  it('produces a valid FHIR R4 Questionnaire', () => {
    assert.deepEqual(validateQuestionnaire(q), { ok: true, value: q });
  });

  it('writes the header with Swedish base language and English translation', () => {
    assert.equal(q.resourceType, 'Questionnaire');
    assert.equal(q.id, 'sample-visit');
    assert.equal(q.version, '2');
    assert.equal(q.name, 'SampleVisit');
    assert.equal(q.language, 'sv');
    assert.equal(q.url, 'urn:kunskapsnav:form:sample-visit');
    assert.equal(q.title, 'Exempelbesök');
    assert.deepEqual(q._title, en('Sample visit'));
    assert.equal(q.status, 'active');
  });

  it('writes a single choice with codings, scores and translations', () => {
    assert.deepEqual(item(q, 'living'), {
      linkId: 'living',
      type: 'choice',
      text: 'Boende',
      _text: en('Living situation'),
      required: true,
      answerOption: [
        {
          extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue', valueDecimal: 2 }],
          valueCoding: { code: 'alone', display: 'Ensamboende', _display: en('Lives alone') },
        },
        {
          extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue', valueDecimal: 0 }],
          valueCoding: { code: 'partner', display: 'Sammanboende', _display: en('Lives with partner') },
        },
        {
          extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue', valueDecimal: 1 }],
          valueCoding: { code: 'other', display: 'Annat', _display: en('Other') },
        },
      ],
    });
  });

  it('writes multiple choice as repeats with maxOccurs and optionExclusive', () => {
    const support = item(q, 'support');
    assert.equal(support.type, 'choice');
    assert.equal(support.repeats, true);
    assert.deepEqual(support.extension, [
      { url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-maxOccurs', valueInteger: 2 },
    ]);
    assert.deepEqual(support.answerOption?.[2]?.extension, [
      { url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue', valueDecimal: 0 },
      { url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive', valueBoolean: true },
    ]);
  });

  it('writes numbers with unit, minValue and maxValue extensions', () => {
    assert.deepEqual(item(q, 'weight'), {
      linkId: 'weight',
      type: 'decimal',
      text: 'Vikt',
      _text: en('Weight'),
      extension: [
        {
          url: 'http://hl7.org/fhir/StructureDefinition/questionnaire-unit',
          valueCoding: { system: 'http://unitsofmeasure.org', code: 'kg', display: 'kg' },
        },
        { url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueDecimal: 20 },
        { url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueDecimal: 300 },
      ],
    });
    assert.equal(item(q, 'cigarettes').type, 'integer');
  });

  it('writes groups with nested items and enableWhen with the right answer type', () => {
    const group = item(q, 'smoking');
    assert.equal(group.type, 'group');
    assert.deepEqual(group.enableWhen, [{ question: 'smoker', operator: '=', answerBoolean: true }]);
    assert.deepEqual(
      group.item?.map((i) => i.linkId),
      ['cigarettes', 'quitAdvice'],
    );
    assert.deepEqual(item(q, 'livingOther').enableWhen, [
      { question: 'living', operator: '=', answerCoding: { code: 'other' } },
    ]);
  });

  it('keeps what FHIR cannot say in own extensions: nested conditions, conditional required, computed values', () => {
    assert.equal(item(q, 'followUp').enableWhen, undefined);
    assert.equal(
      item(q, 'followUp').extension?.[0]?.url,
      'urn:kunskapsnav:fhir:StructureDefinition:enable-when',
    );
    assert.equal(item(q, 'quitAdvice').required, undefined);
    assert.deepEqual(JSON.parse(item(q, 'quitAdvice').extension?.[0]?.valueString ?? ''), {
      item: 'cigarettes',
      op: 'gte',
      value: 10,
    });
    assert.deepEqual(
      q.extension?.map((e) => e.url),
      [
        'urn:kunskapsnav:fhir:StructureDefinition:computed',
        'urn:kunskapsnav:fhir:StructureDefinition:constraints',
        'urn:kunskapsnav:fhir:StructureDefinition:previous-version',
      ],
    );
  });

  it('expresses "in" as "=" answers with enableBehavior any', () => {
    const form: FormDefinition = {
      ...sampleForm,
      items: [
        ...sampleForm.items,
        {
          id: 'x',
          type: 'text',
          text: { sv: 'X', en: 'X' },
          enableWhen: { item: 'living', op: 'in', values: ['alone', 'other'] },
        },
      ],
    };
    const x = item(toQuestionnaire(form), 'x');
    assert.equal(x.enableBehavior, 'any');
    assert.deepEqual(x.enableWhen, [
      { question: 'living', operator: '=', answerCoding: { code: 'alone' } },
      { question: 'living', operator: '=', answerCoding: { code: 'other' } },
    ]);
  });
});

describe('fromQuestionnaire', () => {
  it('round trip export → import → export is stable', () => {
    const first = toQuestionnaire(sampleForm);
    const second = toQuestionnaire(imported(first));
    assert.deepEqual(second, first);
  });

  it('import of our own export gives back the form definition', () => {
    assert.deepEqual(imported(toQuestionnaire(sampleForm)), sampleForm);
  });

  it('reads help texts from display children with itemControl help', () => {
    const form: FormDefinition = {
      ...sampleForm,
      items: [
        {
          id: 'h',
          type: 'boolean',
          text: { sv: 'Fråga', en: 'Question' },
          help: { sv: 'Hjälp', en: 'Help' },
        },
      ],
    };
    delete form.computed;
    delete form.constraints;
    delete form.previous;
    const q = toQuestionnaire(form);
    assert.equal(item(q, 'h.help').type, 'display');
    assert.deepEqual(imported(q), form);
  });

  it('refuses structurally invalid FHIR with the path', () => {
    const result = fromQuestionnaire({
      resourceType: 'Questionnaire',
      status: 'active',
      item: [{ linkId: 'a', type: 'choice-ish' }],
    });
    assert.ok(!result.ok);
    assert.equal(result.issues[0]?.rule, 'fhir_structure');
    assert.match(result.issues[0]?.message ?? '', /^item\[0\]\.type: /);
  });

  it('refuses unsupported item types and choice items without options, naming the linkId', () => {
    const result = fromQuestionnaire({
      resourceType: 'Questionnaire',
      status: 'active',
      item: [
        { linkId: 'photo', type: 'attachment', text: 'Foto' },
        { linkId: 'pick', type: 'choice', text: 'Välj', answerValueSet: 'http://example.org/vs' },
      ],
    });
    assert.ok(!result.ok);
    assert.deepEqual(
      result.issues.map((i) => [i.item, i.rule]),
      [
        ['photo', 'unsupported_type'],
        ['pick', 'empty_options'],
      ],
    );
  });

  it('refuses enableWhen that refers to an unknown linkId', () => {
    const result = fromQuestionnaire({
      resourceType: 'Questionnaire',
      status: 'active',
      language: 'sv',
      item: [
        {
          linkId: 'a',
          type: 'boolean',
          text: 'A',
          enableWhen: [{ question: 'zz', operator: 'exists', answerBoolean: true }],
        },
      ],
    });
    assert.ok(!result.ok);
    assert.deepEqual(
      result.issues.map((i) => [i.item, i.rule]),
      [['a', 'unknown_reference']],
    );
  });

  it('reads answer lists from a contained ValueSet', () => {
    const form = imported({
      resourceType: 'Questionnaire',
      status: 'active',
      language: 'en',
      contained: [
        {
          resourceType: 'ValueSet',
          id: 'yn',
          status: 'active',
          compose: {
            include: [
              {
                system: 'http://example.org/cs',
                concept: [
                  {
                    code: 'y',
                    display: 'Yes',
                    extension: [
                      { url: 'http://hl7.org/fhir/StructureDefinition/itemWeight', valueDecimal: 1 },
                    ],
                  },
                  { code: 'n', display: 'No' },
                ],
              },
            ],
          },
        },
      ],
      item: [{ linkId: 'q', type: 'choice', text: 'Q?', answerValueSet: '#yn' }],
    });
    assert.deepEqual(form.items[0], {
      id: 'q',
      text: { sv: 'Q?', en: 'Q?' },
      type: 'singleChoice',
      options: [
        { system: 'http://example.org/cs', code: 'y', text: { sv: 'Yes', en: 'Yes' }, score: 1 },
        { system: 'http://example.org/cs', code: 'n', text: { sv: 'No', en: 'No' } },
      ],
    });
  });

  it('collapses "=" answers on one question with behaviour any into "in"', () => {
    const form = imported({
      resourceType: 'Questionnaire',
      status: 'active',
      language: 'sv',
      item: [
        { linkId: 'n', type: 'integer', text: 'N' },
        {
          linkId: 'm',
          type: 'string',
          text: 'M',
          enableBehavior: 'any',
          enableWhen: [
            { question: 'n', operator: '=', answerInteger: 1 },
            { question: 'n', operator: '=', answerInteger: 2 },
          ],
        },
        {
          linkId: 'o',
          type: 'string',
          text: 'O',
          enableBehavior: 'all',
          enableWhen: [
            { question: 'n', operator: '>', answerInteger: 1 },
            { question: 'm', operator: 'exists', answerBoolean: true },
          ],
        },
      ],
    });
    assert.deepEqual(form.items[1]?.enableWhen, { item: 'n', op: 'in', values: [1, 2] });
    assert.deepEqual(form.items[2]?.enableWhen, {
      all: [
        { item: 'n', op: 'gt', value: 1 },
        { item: 'm', op: 'exists', value: true },
      ],
    });
  });
});
