import { useI18n } from '../../i18n/I18n';
import { CheckboxGroup, RadioGroup, TextField } from './fields';
import { codeLabel, instrumentTitle, type CodeGroup } from './format';
import { InstrumentAnswers } from './InstrumentAnswers';
import { useFieldHelpers, type KindFieldsProps } from './kind-fields';
import { CLOSURE_REASONS, OUTCOMES, RISK_AREA_LIST, isRecord, str } from './model';

/** Senior Alert: risk assessment, planned action, event, follow-up and closure. */

function useChoices() {
  const { t } = useI18n();
  return (group: CodeGroup, codes: readonly string[]) =>
    codes.map((c) => ({ value: c, label: codeLabel(t, group, c) }));
}

export function NoteField(props: KindFieldsProps) {
  const { t } = useI18n();
  const f = useFieldHelpers(props);
  return (
    <TextField
      id={f.id('note')}
      label={t('registers.field.note')}
      optional
      multiline
      maxLength={2000}
      error={f.error('note')}
      value={str(props.data['note'])}
      onChange={(v) => f.set('note', v)}
    />
  );
}

export function RiskAssessmentFields(props: KindFieldsProps) {
  const { t, lang } = useI18n();
  const f = useFieldHelpers(props);
  const choices = useChoices();
  const instrument = str(props.data['instrument']);
  const causes = Array.isArray(props.data['causes']) ? props.data['causes'].map(String) : [];
  return (
    <>
      <RadioGroup
        id={f.id('instrument')}
        legend={t('registers.field.instrument')}
        error={f.error('instrument')}
        options={Object.entries(props.kinds.riskAreaOfInstrument).map(([id, area]) => ({
          value: id,
          label: t('registers.instrumentFor', {
            instrument: instrumentTitle(id, lang),
            area: codeLabel(t, 'riskArea', area),
          }),
        }))}
        value={instrument || undefined}
        onChange={(v) => props.onChange({ ...props.data, instrument: v, answers: {} })}
      />
      {instrument && (
        <InstrumentAnswers
          key={instrument}
          instrumentId={instrument}
          initial={isRecord(props.data['answers']) ? props.data['answers'] : {}}
          sex={props.sex}
          prefix={props.prefix}
          errors={props.errors}
          onChange={(answers) => f.set('answers', answers)}
        />
      )}
      <CheckboxGroup
        id={f.id('causes')}
        legend={t('registers.field.causes')}
        error={f.error('causes')}
        options={choices('cause', props.kinds.underlyingCauses)}
        value={causes}
        onChange={(v) => f.set('causes', v)}
      />
      <NoteField {...props} />
    </>
  );
}

function RiskAreaField(props: KindFieldsProps & { onArea?: (area: string) => void }) {
  const { t } = useI18n();
  const f = useFieldHelpers(props);
  const choices = useChoices();
  return (
    <RadioGroup
      id={f.id('riskArea')}
      legend={t('registers.field.riskArea')}
      error={f.error('riskArea')}
      options={choices('riskArea', RISK_AREA_LIST)}
      value={str(props.data['riskArea']) || undefined}
      onChange={(v) => (props.onArea ? props.onArea(v) : f.set('riskArea', v))}
    />
  );
}

export function PlannedActionFields(props: KindFieldsProps) {
  const { t } = useI18n();
  const f = useFieldHelpers(props);
  const choices = useChoices();
  const area = str(props.data['riskArea']);
  const codes = props.kinds.actionCodes[area] ?? [];
  const onArea = (next: string) => {
    const keep = (props.kinds.actionCodes[next] ?? []).includes(str(props.data['actionCode']));
    const { actionCode: _dropped, ...rest } = props.data;
    props.onChange({ ...(keep ? props.data : rest), riskArea: next });
  };
  return (
    <>
      <RiskAreaField {...props} onArea={onArea} />
      {area && (
        <RadioGroup
          id={f.id('actionCode')}
          legend={t('registers.field.actionCode')}
          error={f.error('actionCode')}
          options={choices('action', codes)}
          value={str(props.data['actionCode']) || undefined}
          onChange={(v) => f.set('actionCode', v)}
        />
      )}
      <TextField
        id={f.id('text')}
        label={t('registers.field.text')}
        hint={t('registers.field.textHint')}
        optional
        maxLength={500}
        error={f.error('text')}
        value={str(props.data['text'])}
        onChange={(v) => f.set('text', v)}
      />
    </>
  );
}

export function EventFields(props: KindFieldsProps) {
  const { t } = useI18n();
  const f = useFieldHelpers(props);
  const choices = useChoices();
  const type = str(props.data['eventType']);
  const grade = props.data['grade'];
  return (
    <>
      <RadioGroup
        id={f.id('eventType')}
        legend={t('registers.field.eventType')}
        error={f.error('eventType')}
        options={choices('event', props.kinds.eventTypes)}
        value={type || undefined}
        onChange={(v) => {
          // A grade belongs to a pressure ulcer only.
          const { grade: _grade, ...rest } = props.data;
          props.onChange({ ...(v === 'pressure_ulcer' ? props.data : rest), eventType: v });
        }}
      />
      {type === 'pressure_ulcer' && (
        <RadioGroup
          id={f.id('grade')}
          legend={t('registers.field.grade')}
          hint={t('registers.field.gradeHint')}
          error={f.error('grade')}
          options={[1, 2, 3, 4].map((g) => ({
            value: String(g),
            label: t('registers.event.gradeValue', { grade: g }),
          }))}
          value={typeof grade === 'number' ? String(grade) : undefined}
          onChange={(v) => f.set('grade', Number(v))}
        />
      )}
      <NoteField {...props} />
    </>
  );
}

export function FollowUpFields(props: KindFieldsProps) {
  const { t } = useI18n();
  const f = useFieldHelpers(props);
  const choices = useChoices();
  return (
    <>
      <RiskAreaField {...props} />
      <RadioGroup
        id={f.id('outcome')}
        legend={t('registers.field.outcome')}
        error={f.error('outcome')}
        options={choices('outcome', OUTCOMES)}
        value={str(props.data['outcome']) || undefined}
        onChange={(v) => f.set('outcome', v)}
      />
      <NoteField {...props} />
    </>
  );
}

export function ClosureFields(props: KindFieldsProps) {
  const { t } = useI18n();
  const f = useFieldHelpers(props);
  const choices = useChoices();
  return (
    <>
      <RadioGroup
        id={f.id('reason')}
        legend={t('registers.field.reason')}
        error={f.error('reason')}
        options={choices('closure', CLOSURE_REASONS)}
        value={str(props.data['reason']) || undefined}
        onChange={(v) => f.set('reason', v)}
      />
      <NoteField {...props} />
    </>
  );
}
