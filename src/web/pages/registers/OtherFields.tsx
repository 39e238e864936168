import { useI18n } from '../../i18n/I18n';
import type { Answers } from '../instruments/model';
import { RadioGroup, TextField } from './fields';
import { codeLabel, instrumentTitle } from './format';
import { GoalsField } from './GoalsField';
import { InstrumentAnswers } from './InstrumentAnswers';
import { useFieldHelpers, type KindFieldsProps } from './kind-fields';
import { NoteField } from './SeniorAlertFields';
import { DEATH_PLACES, FOLLOWUP_INSTRUMENT_LIST, PHASE_LIST, isRecord, str } from './model';

/** The palliative register (death, end-of-life questionnaire) and individual-based follow-up. */

function answersOf(data: Record<string, unknown>): Answers {
  return isRecord(data['answers']) ? data['answers'] : {};
}

export function DeathFields(props: KindFieldsProps) {
  const { t } = useI18n();
  const f = useFieldHelpers(props);
  return (
    <RadioGroup
      id={f.id('place')}
      legend={t('registers.field.place')}
      error={f.error('place')}
      options={DEATH_PLACES.map((p) => ({ value: p, label: codeLabel(t, 'place', p) }))}
      value={str(props.data['place']) || undefined}
      onChange={(v) => f.set('place', v)}
    />
  );
}

export function DeathRegistrationFields(props: KindFieldsProps) {
  const f = useFieldHelpers(props);
  return (
    <InstrumentAnswers
      instrumentId="palliative-eol"
      initial={answersOf(props.data)}
      sex={props.sex}
      prefix={props.prefix}
      errors={props.errors}
      onChange={(answers) => f.set('answers', answers)}
    />
  );
}

export function MeasureFields(props: KindFieldsProps) {
  const { t, lang } = useI18n();
  const f = useFieldHelpers(props);
  const instrument = str(props.data['instrument']);
  const onPhase = (phase: string) => {
    const goals = Array.isArray(props.data['goals']) ? props.data['goals'].filter(isRecord) : [];
    // Goals are judged at follow-up only: a baseline measure carries none of those judgements.
    const judged = phase === 'baseline' ? goals.map((g) => ({ text: g['text'] })) : goals;
    props.onChange({ ...props.data, phase, goals: judged });
  };
  return (
    <>
      <RadioGroup
        id={f.id('phase')}
        legend={t('registers.field.phase')}
        error={f.error('phase')}
        options={PHASE_LIST.map((p) => ({ value: p, label: codeLabel(t, 'phase', p) }))}
        value={str(props.data['phase']) || undefined}
        onChange={onPhase}
      />
      <RadioGroup
        id={f.id('instrument')}
        legend={t('registers.field.instrument')}
        error={f.error('instrument')}
        options={FOLLOWUP_INSTRUMENT_LIST.map((i) => ({ value: i, label: instrumentTitle(i, lang) }))}
        value={instrument || undefined}
        onChange={(v) => props.onChange({ ...props.data, instrument: v, answers: {} })}
      />
      {instrument && (
        <InstrumentAnswers
          key={instrument}
          instrumentId={instrument}
          initial={answersOf(props.data)}
          sex={props.sex}
          prefix={props.prefix}
          errors={props.errors}
          onChange={(answers) => f.set('answers', answers)}
        />
      )}
      <GoalsField {...props} />
      <TextField
        id={f.id('clientView')}
        label={t('registers.field.clientView')}
        hint={t('registers.field.clientViewHint')}
        optional
        multiline
        maxLength={2000}
        error={f.error('clientView')}
        value={str(props.data['clientView'])}
        onChange={(v) => f.set('clientView', v)}
      />
    </>
  );
}

export function InterventionFields(props: KindFieldsProps) {
  const { t } = useI18n();
  const f = useFieldHelpers(props);
  const ksi = isRecord(props.data['ksi']) ? props.data['ksi'] : {};
  const setKsi = (key: string, value: string) => f.set('ksi', { ...ksi, [key]: value.toUpperCase() });
  const part = (key: 'target' | 'actionType' | 'method', maxLength: number) => (
    <TextField
      id={f.id(`ksi.${key}`)}
      label={t(`registers.field.ksi.${key}`)}
      hint={t(`registers.field.ksi.${key}Hint`)}
      maxLength={maxLength}
      error={f.error(`ksi.${key}`)}
      value={str(ksi[key])}
      onChange={(v) => setKsi(key, v)}
    />
  );
  return (
    <>
      <fieldset className="form-item reg-group reg-ksi">
        <legend>{t('registers.field.ksi')}</legend>
        <div className="reg-inline">
          {part('target', 3)}
          {part('actionType', 2)}
          {part('method', 6)}
        </div>
      </fieldset>
      <TextField
        id={f.id('endDate')}
        label={t('registers.field.endDate')}
        type="date"
        optional
        error={f.error('endDate')}
        value={str(props.data['endDate'])}
        onChange={(v) => f.set('endDate', v)}
      />
      <NoteField {...props} />
    </>
  );
}
