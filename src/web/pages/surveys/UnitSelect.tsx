import type { ProblemField } from '../../api';
import { Field } from '../../components/forms';
import { useI18n } from '../../i18n/I18n';
import { UnitOption } from '../../session/scope';

/** The unit a staff form acts for, among the round's units the caller may act for. */
export function UnitSelect({
  unitIds,
  value,
  onChange,
  error,
}: {
  unitIds: readonly string[];
  value: string;
  onChange: (unitId: string) => void;
  error: ProblemField | undefined;
}) {
  const { t } = useI18n();
  return (
    <Field label={t('srv.codes.unit')} error={error}>
      {(ids) => (
        <select {...ids} value={value} onChange={(e) => onChange(e.target.value)}>
          {unitIds.map((id) => (
            <UnitOption key={id} unitId={id} />
          ))}
        </select>
      )}
    </Field>
  );
}
