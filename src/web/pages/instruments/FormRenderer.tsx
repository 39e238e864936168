import type { ReactNode } from 'react';
import type { AnswerableItem, FormDefinition, ItemDefinition } from '../../../domain/forms/definition';
import type { Language } from '../../../domain/forms/text';
import { visibleItems } from '../../../domain/forms/visibility';
import { useI18n } from '../../i18n/I18n';
import { domId, type Answers } from './model';

export interface FormRendererProps {
  form: FormDefinition;
  answers: Answers;
  numberText: Record<string, string>;
  /** Error message per item id, shown beside the item. */
  errors: Record<string, string>;
  idPrefix: string;
  onAnswer: (itemId: string, value: unknown) => void;
  onNumberText: (itemId: string, text: string) => void;
}

/**
 * Renders a form definition with native controls: a fieldset and legend for every choice and
 * yes/no question, a label for every input, help and error texts tied in with
 * aria-describedby. Hidden items (skip logic) are not rendered.
 */
export function FormRenderer(props: FormRendererProps) {
  const shown = new Set(visibleItems(props.form, props.answers).map((i) => i.id));
  return <>{renderItems(props.form.items, shown, props)}</>;
}

function renderItems(items: ItemDefinition[], shown: Set<string>, props: FormRendererProps): ReactNode[] {
  return items
    .filter((item) => shown.has(item.id))
    .map((item) => <Item key={item.id} item={item} shown={shown} props={props} />);
}

function Item({
  item,
  shown,
  props,
}: {
  item: ItemDefinition;
  shown: Set<string>;
  props: FormRendererProps;
}) {
  const { lang } = useI18n();
  if (item.type === 'display') return <p className="form-display">{item.text[lang]}</p>;
  if (item.type === 'group') {
    const headingId = domId(`${props.idPrefix}-h`, item.id);
    return (
      <section className="form-group" aria-labelledby={headingId}>
        <h3 id={headingId}>
          <Prefix text={item.prefix} />
          {item.text[lang]}
        </h3>
        {item.help && <p className="hint">{item.help[lang]}</p>}
        {renderItems(item.items, shown, props)}
      </section>
    );
  }
  return <Question item={item} props={props} lang={lang} />;
}

function Prefix({ text }: { text: string | undefined }) {
  return text ? <span className="item-prefix">{text} </span> : null;
}

function Question({ item, props, lang }: { item: AnswerableItem; props: FormRendererProps; lang: Language }) {
  const { t } = useI18n();
  const id = domId(props.idPrefix, item.id);
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const error = props.errors[item.id];
  const value = props.answers[item.id];
  const extraHelp: string[] = [];
  if (item.type === 'number') {
    const unit = item.unit?.display ?? '';
    if (item.min !== undefined && item.max !== undefined)
      extraHelp.push(t('instruments.range', { min: item.min, max: item.max, unit }).trim());
    else if (unit) extraHelp.push(t('instruments.unit', { unit }));
    if (item.numberKind === 'decimal') extraHelp.push(t('instruments.numberHint'));
  }
  const helpText = [item.help?.[lang], ...extraHelp].filter(Boolean).join(' ');
  const describedBy =
    [helpText ? helpId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const label = (
    <>
      <Prefix text={item.prefix} />
      {item.text[lang]}
      {!item.required && <span className="muted"> {t('instruments.optional')}</span>}
    </>
  );
  const messages = (
    <>
      {helpText && (
        <p id={helpId} className="hint">
          {helpText}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </>
  );
  const required = item.required === true ? true : undefined;

  if (item.type === 'singleChoice' || item.type === 'boolean' || item.type === 'multipleChoice') {
    const options =
      item.type === 'boolean'
        ? [
            { code: 'true', text: t('instruments.yes'), checked: value === true, next: true as unknown },
            { code: 'false', text: t('instruments.no'), checked: value === false, next: false as unknown },
          ]
        : item.options.map((o) => {
            const selected = Array.isArray(value) ? value.includes(o.code) : value === o.code;
            const next: unknown =
              item.type === 'multipleChoice'
                ? selected
                  ? (value as string[]).filter((c) => c !== o.code)
                  : [...(Array.isArray(value) ? (value as string[]) : []), o.code]
                : o.code;
            return { code: o.code, text: o.text[lang], checked: selected, next };
          });
    const multiple = item.type === 'multipleChoice';
    return (
      <fieldset className={`form-item${error ? ' has-error' : ''}`} aria-describedby={describedBy}>
        <legend>{label}</legend>
        {messages}
        <div className="choices">
          {options.map((o, n) => {
            const inputId = n === 0 ? id : `${id}-${n}`;
            return (
              <div className="choice" key={o.code}>
                <input
                  id={inputId}
                  type={multiple ? 'checkbox' : 'radio'}
                  name={id}
                  value={o.code}
                  checked={o.checked}
                  required={!multiple ? required : undefined}
                  onChange={() => props.onAnswer(item.id, o.next)}
                />
                <label htmlFor={inputId}>{o.text}</label>
              </div>
            );
          })}
        </div>
      </fieldset>
    );
  }

  const common = {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : undefined,
    required,
  };
  let control: ReactNode;
  if (item.type === 'number') {
    control = (
      <span className="number-input">
        <input
          {...common}
          type="text"
          inputMode={item.numberKind === 'integer' ? 'numeric' : 'decimal'}
          autoComplete="off"
          value={
            props.numberText[item.id] ??
            (typeof value === 'number' ? String(value).replace('.', lang === 'sv' ? ',' : '.') : '')
          }
          onChange={(e) => props.onNumberText(item.id, e.target.value)}
        />
        {item.unit && <span aria-hidden="true">{item.unit.display}</span>}
      </span>
    );
  } else if (item.type === 'date') {
    control = (
      <input
        {...common}
        type="date"
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => props.onAnswer(item.id, e.target.value || undefined)}
      />
    );
  } else if (item.multiline) {
    control = (
      <textarea
        {...common}
        rows={3}
        maxLength={item.maxLength}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => props.onAnswer(item.id, e.target.value || undefined)}
      />
    );
  } else {
    control = (
      <input
        {...common}
        type="text"
        maxLength={item.maxLength}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => props.onAnswer(item.id, e.target.value || undefined)}
      />
    );
  }
  return (
    <div className={`form-item${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {messages}
      {control}
    </div>
  );
}
