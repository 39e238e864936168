import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/I18n';

/**
 * Small native controls for the register forms. Each has a known id (the error summary links to
 * it), a label or legend, and its hint and error tied in with aria-describedby.
 */
export interface Choice {
  value: string;
  label: ReactNode;
}

interface GroupProps {
  id: string;
  legend: string;
  hint?: string | undefined;
  error?: string | undefined;
  options: Choice[];
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
}

function Messages({
  id,
  hint,
  error,
}: {
  id: string;
  hint?: string | undefined;
  error?: string | undefined;
}) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </>
  );
}

function Group({ id, legend, hint, error, children }: Omit<GroupProps, 'options'> & { children: ReactNode }) {
  return (
    <fieldset
      className={`form-item reg-group${error ? ' has-error' : ''}`}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend>{legend}</legend>
      <Messages id={id} hint={hint} error={error} />
      <div className="choices">{children}</div>
    </fieldset>
  );
}

/** One of a few: radio buttons (arrow keys move between them). */
export function RadioGroup({
  value,
  onChange,
  ...props
}: GroupProps & { value: string | undefined; onChange: (value: string) => void }) {
  return (
    <Group {...props}>
      {props.options.map((o, n) => {
        const inputId = n === 0 ? props.id : `${props.id}-${n}`;
        return (
          <div className="choice" key={o.value}>
            <input
              id={inputId}
              type="radio"
              name={props.id}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
            />
            <label htmlFor={inputId}>{o.label}</label>
          </div>
        );
      })}
    </Group>
  );
}

/** Any of several: checkboxes. */
export function CheckboxGroup({
  value,
  onChange,
  ...props
}: GroupProps & { value: readonly string[]; onChange: (value: string[]) => void }) {
  return (
    <Group {...props}>
      {props.options.map((o, n) => {
        const inputId = n === 0 ? props.id : `${props.id}-${n}`;
        const checked = value.includes(o.value);
        return (
          <div className="choice" key={o.value}>
            <input
              id={inputId}
              type="checkbox"
              name={props.id}
              value={o.value}
              checked={checked}
              onChange={() => onChange(checked ? value.filter((v) => v !== o.value) : [...value, o.value])}
            />
            <label htmlFor={inputId}>{o.label}</label>
          </div>
        );
      })}
    </Group>
  );
}

/** A text, date or multi-line field with its label above. */
export function TextField({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  type = 'text',
  multiline = false,
  optional = false,
  maxLength,
  max,
  className,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'date';
  multiline?: boolean;
  optional?: boolean;
  maxLength?: number;
  max?: string;
  className?: string;
}) {
  const { t } = useI18n();
  const common = {
    id,
    value,
    'aria-describedby': describedBy(id, hint, error),
    'aria-invalid': error ? true : undefined,
  };
  return (
    <div className={`field reg-field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="muted"> {t('common.optional')}</span>}
      </label>
      <Messages id={id} hint={hint} error={error} />
      {multiline ? (
        <textarea {...common} rows={3} maxLength={maxLength} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type={type}
          autoComplete="off"
          maxLength={maxLength}
          max={max}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </div>
  );
}
