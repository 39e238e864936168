import type { MessageKey } from '../../i18n/messages';
import { useI18n } from '../../i18n/I18n';
import { toggled } from './draft';

/** A code list as checkboxes in a fieldset: target groups, operating areas, problems. */
export function CodeChoices<T extends string>({
  legend,
  codes,
  chosen,
  labelKey,
  onChange,
}: {
  legend: string;
  codes: readonly T[];
  chosen: readonly T[];
  labelKey: (code: T) => MessageKey;
  onChange: (next: T[]) => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="ed-choices">
      <legend>{legend}</legend>
      {codes.map((code) => (
        <label key={code}>
          <input
            type="checkbox"
            checked={chosen.includes(code)}
            onChange={(e) => onChange(toggled(codes, chosen, code, e.target.checked))}
          />{' '}
          {t(labelKey(code))}
        </label>
      ))}
    </fieldset>
  );
}
