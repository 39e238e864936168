import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toQuestionnaire } from '../forms/fhir/export-questionnaire.js';
import { fromQuestionnaire } from '../forms/fhir/import-questionnaire.js';
import { validateQuestionnaire } from '../forms/fhir/r4-questionnaire.js';
import { parseFormDefinition } from '../forms/parse.js';
import { getInstrument, instruments, listInstruments } from './index.js';

describe('instrument registry', () => {
  it('registers the nine instruments by id', () => {
    assert.deepEqual(Object.keys(instruments), [
      'modified-norton',
      'mna-sf',
      'downton',
      'roag',
      'audit',
      'dudit',
      'npi-nh',
      'icf-ibic',
      'palliative-eol',
    ]);
    assert.equal(getInstrument('audit')?.requiresSex, true);
    assert.equal(getInstrument('constructor'), undefined);
    assert.equal(getInstrument('nope'), undefined);
  });

  for (const instrument of listInstruments()) {
    describe(instrument.id, () => {
      it('has a valid form definition with the same id and version', () => {
        const parsed = parseFormDefinition(structuredClone(instrument.form));
        assert.ok(parsed.ok, JSON.stringify(parsed));
        assert.deepEqual(parsed.form, instrument.form);
        assert.equal(instrument.form.id, instrument.id);
        assert.equal(instrument.form.version, instrument.version);
      });

      it('cites its sources and names its bands in Swedish and English', () => {
        assert.ok(instrument.sources.length >= 1);
        assert.ok(instrument.bands.length >= 2);
        for (const band of instrument.bands) {
          assert.match(band.code, /^[a-z_]+$/);
          assert.ok(band.label.sv && band.label.en);
        }
      });

      it('exports as valid FHIR R4 and round-trips stably', () => {
        const q = toQuestionnaire(instrument.form);
        const valid = validateQuestionnaire(q);
        assert.ok(valid.ok, JSON.stringify(valid));
        const back = fromQuestionnaire(q);
        assert.ok(back.ok, JSON.stringify(back));
        assert.deepEqual(back.form, instrument.form);
        assert.deepEqual(toQuestionnaire(back.form), q);
      });

      it('refuses empty answers without a partial score', () => {
        const outcome = instrument.score({ answers: {}, sex: 'K' });
        assert.equal(outcome.ok, false);
        assert.ok(
          !outcome.ok && outcome.issues.length > 0 && outcome.issues.every((i) => i.rule === 'required'),
        );
      });
    });
  }
});
