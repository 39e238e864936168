import { useState, type ReactNode } from 'react';
import { auditReviewScope } from '../../../domain/policy/policy';
import { apiGet, type ProblemField } from '../../api';
import { Field } from '../../components/forms';
import { MunicipalityOptions, useMunicipalities } from '../../components/municipalities';
import { useI18n } from '../../i18n/I18n';
import { UnitOption } from '../../session/scope';
import { useSession } from '../../session/Session';
import { useLoad } from '../../useApi';

/**
 * The unit filter: a unit manager chooses among their own units; a reviewer of the whole log
 * picks a municipality first and then one of its units.
 */
export function UnitFilter({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (unitId: string) => void;
  error: ProblemField | undefined;
}) {
  const { t } = useI18n();
  const { principal } = useSession();
  const scope = auditReviewScope(principal);
  const [municipality, setMunicipality] = useState('');
  const municipalities = useMunicipalities(scope.all);
  const units = useLoad(municipality ? `units:${municipality}` : null, () =>
    apiGet<{ units: Array<{ unitId: string; name: string }> }>('/api/v1/org/units', {
      municipality,
      limit: '1000',
    }).then((r) => r.units),
  );

  const unitSelect = (options: ReactNode) => (
    <Field label={t('audit.filter.unit')} error={error}>
      {(ids) => (
        <select {...ids} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('audit.filter.allUnits')}</option>
          {options}
        </select>
      )}
    </Field>
  );

  if (!scope.all) return unitSelect(scope.unitIds.map((id) => <UnitOption key={id} unitId={id} />));

  const listed = units.state === 'ready' && municipality ? units.data : [];
  return (
    <>
      <Field label={t('audit.filter.unitMunicipality')}>
        {(ids) => (
          <select
            {...ids}
            value={municipality}
            onChange={(e) => {
              setMunicipality(e.target.value);
              onChange('');
            }}
          >
            <option value="">{t('audit.filter.allMunicipalities')}</option>
            <MunicipalityOptions list={municipalities} />
          </select>
        )}
      </Field>
      {unitSelect(
        <>
          {/* A unit from the address whose municipality is not chosen here still shows by name. */}
          {value && !listed.some((u) => u.unitId === value) && <UnitOption unitId={value} />}
          {listed.map((u) => (
            <option key={u.unitId} value={u.unitId}>
              {u.name}
            </option>
          ))}
        </>,
      )}
    </>
  );
}
