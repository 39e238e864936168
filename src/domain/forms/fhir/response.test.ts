import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sampleForm } from '../sample-form.js';
import { validateQuestionnaireResponse } from './r4-response.js';
import { answersFromResponse, InvalidAnswersError, toQuestionnaireResponse } from './response.js';

const answers = {
  visitDate: '2024-05-02',
  living: 'alone',
  support: ['homeCare', 'relatives'],
  smoker: true,
  cigarettes: 12,
  quitAdvice: true,
  weight: 71.5,
};

describe('toQuestionnaireResponse', () => {
  const qr = toQuestionnaireResponse(sampleForm, answers, { authored: '2024-05-02T10:00:00+02:00' });

  it('produces a valid R4 QuestionnaireResponse', () => {
    assert.ok(validateQuestionnaireResponse(qr).ok);
  });

  it('writes each answer with the value type of its item, groups nested', () => {
    assert.deepEqual(qr, {
      resourceType: 'QuestionnaireResponse',
      questionnaire: 'urn:kunskapsnav:form:sample-visit|2',
      status: 'completed',
      authored: '2024-05-02T10:00:00+02:00',
      item: [
        { linkId: 'visitDate', text: 'Besöksdatum', answer: [{ valueDate: '2024-05-02' }] },
        {
          linkId: 'living',
          text: 'Boende',
          answer: [{ valueCoding: { code: 'alone', display: 'Ensamboende' } }],
        },
        {
          linkId: 'support',
          text: 'Stöd',
          answer: [
            { valueCoding: { code: 'homeCare', display: 'Hemtjänst' } },
            { valueCoding: { code: 'relatives', display: 'Närstående' } },
          ],
        },
        { linkId: 'smoker', text: 'Röker', answer: [{ valueBoolean: true }] },
        {
          linkId: 'smoking',
          text: 'Rökning',
          item: [
            { linkId: 'cigarettes', text: 'Cigaretter per dag', answer: [{ valueInteger: 12 }] },
            { linkId: 'quitAdvice', text: 'Rådgivning om rökstopp given', answer: [{ valueBoolean: true }] },
          ],
        },
        { linkId: 'weight', text: 'Vikt', answer: [{ valueDecimal: 71.5 }] },
      ],
    });
  });

  it('reads back to the same answers', () => {
    assert.deepEqual(answersFromResponse(sampleForm, qr), { answers, issues: [] });
  });

  it('refuses invalid answers instead of writing a partial response', () => {
    assert.throws(() => toQuestionnaireResponse(sampleForm, { living: 'alone' }), InvalidAnswersError);
  });
});
