import { forwardRef } from 'react';
import type { FormDefinition } from '../../../domain/forms/definition';
import type { ProblemField } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { domId } from '../instruments/model';
import { errorText, fieldLabel } from './format';
import { answersPrefix, fieldId } from './model';

/** The DOM id of the control that shows a server field (the first radio of a group). */
export function targetOf(prefix: string, field: string): string {
  return field.startsWith('data.answers.')
    ? domId(answersPrefix(prefix), field.slice('data.answers.'.length))
    : fieldId(prefix, field);
}

/**
 * Every error of a refused save above the form, each a link to its field; focused after the
 * refusal so keyboard and screen reader users hear it first. The errors also stand at their fields.
 */
export const RegisterErrorSummary = forwardRef<
  HTMLDivElement,
  { prefix: string; errors: ProblemField[]; message: string | null; form?: FormDefinition | undefined }
>(function RegisterErrorSummary({ prefix, errors, message, form }, ref) {
  const { t, lang } = useI18n();
  if (errors.length === 0 && !message) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={`${prefix}-errors`}>
      <h3 id={`${prefix}-errors`}>{t('registers.errors.heading')}</h3>
      {message && <p className="form-error">{message}</p>}
      {errors.length > 0 && (
        <>
          <p>{t('registers.errors.intro')}</p>
          <ul>
            {errors.map((e) => {
              const target = targetOf(prefix, e.field);
              return (
                <li key={`${e.field}:${e.rule}`}>
                  <a
                    href={`#${target}`}
                    onClick={(ev) => {
                      ev.preventDefault();
                      document.getElementById(target)?.focus();
                    }}
                  >
                    {fieldLabel(t, lang, e.field, form)}: {errorText(t, e, form)}
                  </a>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
});
