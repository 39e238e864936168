import type { FormDefinition } from './definition.js';

/**
 * A small form that uses every feature: all item types, a group, skip logic with all/any,
 * conditional required, a constraint, computed values and an exclusive option. Used by tests
 * and as an example for authors.
 */
export const sampleForm: FormDefinition = {
  id: 'sample-visit',
  version: 2,
  status: 'active',
  title: { sv: 'Exempelbesök', en: 'Sample visit' },
  items: [
    {
      id: 'visitDate',
      type: 'date',
      text: { sv: 'Besöksdatum', en: 'Date of visit' },
      required: true,
      min: '2020-01-01',
    },
    {
      id: 'living',
      type: 'singleChoice',
      text: { sv: 'Boende', en: 'Living situation' },
      required: true,
      options: [
        { code: 'alone', text: { sv: 'Ensamboende', en: 'Lives alone' }, score: 2 },
        { code: 'partner', text: { sv: 'Sammanboende', en: 'Lives with partner' }, score: 0 },
        { code: 'other', text: { sv: 'Annat', en: 'Other' }, score: 1 },
      ],
    },
    {
      id: 'livingOther',
      type: 'text',
      text: { sv: 'Beskriv boendet', en: 'Describe the living situation' },
      enableWhen: { item: 'living', op: 'equals', value: 'other' },
      required: true,
      maxLength: 20,
    },
    {
      id: 'support',
      type: 'multipleChoice',
      text: { sv: 'Stöd', en: 'Support' },
      options: [
        { code: 'homeCare', text: { sv: 'Hemtjänst', en: 'Home care' }, score: 1 },
        { code: 'relatives', text: { sv: 'Närstående', en: 'Relatives' }, score: 1 },
        { code: 'none', text: { sv: 'Inget', en: 'None' }, exclusive: true, score: 0 },
      ],
      maxSelected: 2,
    },
    { id: 'smoker', type: 'boolean', text: { sv: 'Röker', en: 'Smokes' }, required: true },
    {
      id: 'smoking',
      type: 'group',
      text: { sv: 'Rökning', en: 'Smoking' },
      enableWhen: { item: 'smoker', op: 'equals', value: true },
      items: [
        {
          id: 'cigarettes',
          type: 'number',
          numberKind: 'integer',
          text: { sv: 'Cigaretter per dag', en: 'Cigarettes per day' },
          unit: { code: '/d', display: 'per dag' },
          min: 1,
          max: 100,
          required: true,
        },
        {
          id: 'quitAdvice',
          type: 'boolean',
          text: { sv: 'Rådgivning om rökstopp given', en: 'Advice on quitting given' },
          required: { item: 'cigarettes', op: 'gte', value: 10 },
        },
      ],
    },
    {
      id: 'weight',
      type: 'number',
      numberKind: 'decimal',
      text: { sv: 'Vikt', en: 'Weight' },
      unit: { code: 'kg', display: 'kg' },
      min: 20,
      max: 300,
    },
    {
      id: 'height',
      type: 'number',
      numberKind: 'integer',
      text: { sv: 'Längd', en: 'Height' },
      unit: { code: 'cm', display: 'cm' },
      min: 100,
      max: 230,
    },
    {
      id: 'followUp',
      type: 'date',
      text: { sv: 'Uppföljning', en: 'Follow-up' },
      enableWhen: {
        any: [
          { item: 'living', op: 'in', values: ['alone', 'other'] },
          {
            all: [
              { item: 'smoker', op: 'equals', value: true },
              { item: 'cigarettes', op: 'gt', value: 20 },
            ],
          },
        ],
      },
    },
    { id: 'note', type: 'display', text: { sv: 'Tack!', en: 'Thank you!' } },
  ],
  computed: [
    {
      id: 'bmi',
      text: { sv: 'BMI', en: 'BMI' },
      unit: { code: 'kg/m2', display: 'kg/m²' },
      expression: {
        round: {
          divide: [
            { answer: 'weight' },
            {
              product: [
                { divide: [{ answer: 'height' }, { const: 100 }] },
                { divide: [{ answer: 'height' }, { const: 100 }] },
              ],
            },
          ],
        },
        digits: 1,
      },
    },
    {
      id: 'riskPoints',
      text: { sv: 'Riskpoäng', en: 'Risk points' },
      expression: { sum: [{ score: 'living' }, { coalesce: [{ score: 'support' }, { const: 0 }] }] },
    },
  ],
  constraints: [
    {
      id: 'follow_up_after_visit',
      item: 'followUp',
      when: { item: 'followUp', op: 'exists', value: true },
      assert: { item: 'followUp', op: 'gt', value: '2024-01-01' },
      message: {
        sv: 'Uppföljningen ska ligga efter 2024-01-01',
        en: 'The follow-up must be after 2024-01-01',
      },
    },
  ],
  previous: {
    version: 1,
    mappings: [
      { kind: 'renamed', from: 'cigs', to: 'cigarettes' },
      { kind: 'removed', from: 'alcohol' },
      { kind: 'added', to: 'followUp' },
    ],
  },
};
