import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scaleFromTable, themesFromTable } from './template.js';
import { SURVEY_TEMPLATES } from './templates.js';

describe('survey theme tables', () => {
  it('reads themes and the questions under each', () => {
    assert.deepEqual(
      themesFromTable(`
        safety | Trygghet | Safety
          q.safe | Jag är trygg | I feel safe | Trygg?
          q.calm | Jag är lugn | I am calm | Lugn?
        overall | Helhetssyn | Overall
          q.all | Jag är nöjd | I am satisfied | Nöjd?
      `),
      [
        {
          id: 'safety',
          title: { sv: 'Trygghet', en: 'Safety' },
          questions: [
            ['q.safe', 'Jag är trygg', 'I feel safe', 'Trygg?'],
            ['q.calm', 'Jag är lugn', 'I am calm', 'Lugn?'],
          ],
        },
        {
          id: 'overall',
          title: { sv: 'Helhetssyn', en: 'Overall' },
          questions: [['q.all', 'Jag är nöjd', 'I am satisfied', 'Nöjd?']],
        },
      ],
    );
  });

  it('refuses a line that is neither a theme nor a question under one', () => {
    for (const table of [
      'q.safe | Jag är trygg | I feel safe | Trygg?',
      'safety | Trygghet',
      'a | b | c | d | e',
    ])
      assert.throws(() => themesFromTable(table), /neither a theme/, table);
  });

  it('reads a scale: its options and their easy-read words', () => {
    assert.deepEqual(scaleFromTable("yes | Ja | Yes | Ja!\n  dk | Vet inte | Don't know | ?"), {
      scale: [
        { code: 'yes', text: { sv: 'Ja', en: 'Yes' } },
        { code: 'dk', text: { sv: 'Vet inte', en: "Don't know" } },
      ],
      scaleEasyRead: { yes: 'Ja!', dk: '?' },
    });
    assert.throws(() => scaleFromTable('yes | Ja | Yes'), /code \| sv \| en \| easy read/);
  });

  it('gives every template questions in every theme, each id once', () => {
    for (const t of SURVEY_TEMPLATES) {
      const ids = t.themes.flatMap((theme) => theme.items);
      assert.ok(
        t.themes.every((theme) => theme.items.length > 0),
        t.form.id,
      );
      assert.equal(new Set(ids).size, ids.length, t.form.id);
    }
  });
});
