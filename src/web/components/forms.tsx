import { useId, type ReactNode } from 'react';
import type { ProblemField } from '../api';
import { useI18n } from '../i18n/I18n';
import { isMessageKey } from '../i18n/messages';

/** Form helpers: server field errors shown next to their fields, in the user's language. */

/** Our own words for a rule we know; the server's message for the others. */
export function useRuleText(): (e: ProblemField) => string {
  const { t } = useI18n();
  return (e) => {
    const key = `rule.${e.rule}`;
    return isMessageKey(key) ? t(key) : e.message;
  };
}

export function errorFor(errors: ProblemField[], ...fields: string[]): ProblemField | undefined {
  return errors.find((e) => fields.includes(e.field));
}

export interface FieldIds {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

/**
 * A label, the control (given as a function of its ids), a hint and the field's error, wired
 * together with aria-describedby so a screen reader reads the hint and the error with the field.
 */
export function Field({
  label,
  hint,
  error,
  optional,
  children,
}: {
  label: string;
  hint?: string;
  error?: ProblemField | undefined;
  optional?: boolean;
  children: (ids: FieldIds) => ReactNode;
}) {
  const { t } = useI18n();
  const ruleText = useRuleText();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {optional && <span className="muted"> {t('common.optional')}</span>}
      </label>
      {children({
        id,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': error ? true : undefined,
      })}
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="field-error">
          {ruleText(error)}
        </span>
      )}
    </div>
  );
}

/** The errors that no field shows (or all of them), above the form, read out at once. */
export function ErrorSummary({
  message,
  errors,
  labels = {},
}: {
  message: string | null;
  errors: ProblemField[];
  /** Field path → its label, so the summary names fields as the form does. */
  labels?: Record<string, string>;
}) {
  const { t } = useI18n();
  const ruleText = useRuleText();
  return (
    <div role="alert" className="error-summary-region">
      {(message || errors.length > 0) && (
        <div className="error-summary">
          <p className="form-error">{errors.length > 0 ? t('form.errorSummary') : message}</p>
          {errors.length > 0 && (
            <ul>
              {errors.map((e) => (
                <li key={`${e.field}:${e.rule}`}>
                  {labels[e.field] ?? e.field}: {ruleText(e)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
