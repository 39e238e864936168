import { useI18n } from '../../i18n/I18n';
import { RadioGroup, TextField } from './fields';
import { codeLabel } from './format';
import { useFieldHelpers, type KindFieldsProps } from './kind-fields';
import { GOAL_MET, MAX_GOALS, isRecord, str } from './model';

interface Goal {
  text: string;
  met?: string;
}

function goalsOf(data: Record<string, unknown>): Goal[] {
  const raw = Array.isArray(data['goals']) ? data['goals'] : [];
  return raw.filter(isRecord).map((g) => ({
    text: str(g['text']),
    ...(typeof g['met'] === 'string' ? { met: g['met'] } : {}),
  }));
}

/** The client's goals in their own words; at follow-up, whether each is met. */
export function GoalsField(props: KindFieldsProps) {
  const { t } = useI18n();
  const f = useFieldHelpers(props);
  const goals = goalsOf(props.data);
  const judged = str(props.data['phase']) !== '' && props.data['phase'] !== 'baseline';
  const setGoals = (next: Goal[]) => f.set('goals', next);
  const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());
  const error = f.error('goals');
  return (
    <fieldset
      className={`form-item reg-group reg-goals${error ? ' has-error' : ''}`}
      aria-describedby={`${f.id('goals')}-hint${error ? ` ${f.id('goals')}-error` : ''}`}
    >
      <legend>{t('registers.field.goals')}</legend>
      <p id={`${f.id('goals')}-hint`} className="hint">
        {t('registers.field.goalsHint')}
      </p>
      {error && (
        <p id={`${f.id('goals')}-error`} className="field-error">
          {error}
        </p>
      )}
      {goals.length === 0 && <p>{t('registers.goals.none')}</p>}
      <ol className="reg-goal-list">
        {goals.map((g, n) => (
          <li key={n}>
            <TextField
              id={f.id(`goals.${n}.text`)}
              label={t('registers.field.goalText', { n: n + 1 })}
              maxLength={500}
              error={f.error(`goals.${n}.text`)}
              value={g.text}
              onChange={(v) => setGoals(goals.map((x, i) => (i === n ? { ...x, text: v } : x)))}
            />
            {judged && (
              <RadioGroup
                id={f.id(`goals.${n}.met`)}
                legend={t('registers.field.goalMet', { n: n + 1 })}
                error={f.error(`goals.${n}.met`)}
                options={GOAL_MET.map((m) => ({ value: m, label: codeLabel(t, 'goalMet', m) }))}
                value={g.met}
                onChange={(v) => setGoals(goals.map((x, i) => (i === n ? { ...x, met: v } : x)))}
              />
            )}
            <button
              type="button"
              className="small"
              onClick={() => {
                setGoals(goals.filter((_, i) => i !== n));
                focusLater(f.id('goals-add'));
              }}
            >
              {t('registers.goals.remove', { n: n + 1 })}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        id={f.id('goals-add')}
        disabled={goals.length >= MAX_GOALS}
        onClick={() => {
          setGoals([...goals, { text: '' }]);
          focusLater(f.id(`goals.${goals.length}.text`));
        }}
      >
        {t('registers.goals.add')}
      </button>
    </fieldset>
  );
}
