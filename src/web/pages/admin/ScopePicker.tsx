import { useId } from 'react';
import type { Scope } from '../../../domain/policy/principal';
import { apiGet, type ProblemField } from '../../api';
import { Field, errorFor, useRuleText } from '../../components/forms';
import { useI18n } from '../../i18n/I18n';
import { useLoad } from '../../useApi';
import type { MunicipalityList, RegionList, UnitPage } from '../../../contracts/org';

export interface ScopeDraft {
  kind: Scope['kind'];
  municipality: string;
  unitMunicipality: string;
  unitId: string;
  region: string;
}

export const EMPTY_SCOPE: ScopeDraft = {
  kind: 'nation',
  municipality: '',
  unitMunicipality: '',
  unitId: '',
  region: '',
};

/** The scope the draft stands for, or the field that still needs a choice. */
export function scopeOf(d: ScopeDraft): Scope | { missing: string } {
  switch (d.kind) {
    case 'unit':
      return d.unitId ? { kind: 'unit', unitId: d.unitId } : { missing: 'scope.unitId' };
    case 'municipality':
      return d.municipality ? { kind: 'municipality', code: d.municipality } : { missing: 'scope.code' };
    case 'region':
      return d.region ? { kind: 'region', code: d.region } : { missing: 'scope.code' };
    case 'nation':
      return { kind: 'nation' };
  }
}

/**
 * Picks a scope among the kinds the role allows (a caseworker: unit or municipality, a unit
 * manager: unit, …). Units are chosen through their municipality to keep the lists short.
 */
export function ScopePicker({
  kinds,
  value,
  onChange,
  errors,
}: {
  kinds: ReadonlyArray<Scope['kind']>;
  value: ScopeDraft;
  onChange: (d: ScopeDraft) => void;
  errors: ProblemField[];
}) {
  const { t } = useI18n();
  const ruleText = useRuleText();
  const kindName = useId();
  const kindError = errorFor(errors, 'scope.kind', 'scope');
  const needsMunicipalities = value.kind === 'unit' || value.kind === 'municipality';
  const municipalities = useLoad(needsMunicipalities ? 'municipalities' : null, () =>
    apiGet<MunicipalityList>('/api/v1/org/municipalities').then((r) =>
      [...r.municipalities].sort((a, b) => a.name.localeCompare(b.name, 'sv')),
    ),
  );
  const regions = useLoad(value.kind === 'region' ? 'regions' : null, () =>
    apiGet<RegionList>('/api/v1/org/regions').then((r) => r.regions),
  );
  const units = useLoad(
    value.kind === 'unit' && value.unitMunicipality ? `units:${value.unitMunicipality}` : null,
    () =>
      apiGet<UnitPage>('/api/v1/org/units', {
        municipality: value.unitMunicipality,
        limit: '1000',
      }).then((r) => r.units),
  );
  const municipalityOptions = municipalities.state === 'ready' ? municipalities.data : [];

  return (
    <>
      {kinds.length > 1 ? (
        <fieldset className="scope-kinds" aria-describedby={kindError ? `${kindName}-error` : undefined}>
          <legend>{t('admin.grant.scopeKind')}</legend>
          {kinds.map((k) => (
            <label key={k} className="choice">
              <input
                type="radio"
                name={kindName}
                value={k}
                checked={value.kind === k}
                onChange={() => onChange({ ...value, kind: k })}
              />
              {t(`scope.${k}`)}
            </label>
          ))}
          {kindError && (
            <span id={`${kindName}-error`} className="field-error">
              {ruleText(kindError)}
            </span>
          )}
        </fieldset>
      ) : (
        <p>
          {t('admin.grant.scopeOnly', { kind: t(`scope.${value.kind}`) })}
          {kindError && <span className="field-error"> {ruleText(kindError)}</span>}
        </p>
      )}
      {value.kind === 'municipality' && (
        <Field label={t('admin.grant.municipality')} error={errorFor(errors, 'scope.code')}>
          {(ids) => (
            <select
              {...ids}
              value={value.municipality}
              onChange={(e) => onChange({ ...value, municipality: e.target.value })}
            >
              <option value="">{t('admin.grant.chooseMunicipality')}</option>
              {municipalityOptions.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name} ({m.code})
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {value.kind === 'unit' && (
        <>
          <Field label={t('admin.grant.unitMunicipality')}>
            {(ids) => (
              <select
                {...ids}
                value={value.unitMunicipality}
                onChange={(e) => onChange({ ...value, unitMunicipality: e.target.value, unitId: '' })}
              >
                <option value="">{t('admin.grant.chooseMunicipality')}</option>
                {municipalityOptions.map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.name} ({m.code})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label={t('admin.grant.unit')}
            error={errorFor(errors, 'scope.unitId')}
            hint={units.state === 'ready' && units.data.length === 0 ? t('admin.grant.noUnits') : undefined}
          >
            {(ids) => (
              <select
                {...ids}
                value={value.unitId}
                disabled={!value.unitMunicipality}
                onChange={(e) => onChange({ ...value, unitId: e.target.value })}
              >
                <option value="">{t('admin.grant.chooseUnit')}</option>
                {units.state === 'ready' &&
                  units.data.map((u) => (
                    <option key={u.unitId} value={u.unitId}>
                      {u.name} ({u.code}){u.synthetic ? ` – ${t('common.synthetic')}` : ''}
                    </option>
                  ))}
              </select>
            )}
          </Field>
        </>
      )}
      {value.kind === 'region' && (
        <Field label={t('admin.grant.region')} error={errorFor(errors, 'scope.code')}>
          {(ids) => (
            <select
              {...ids}
              value={value.region}
              onChange={(e) => onChange({ ...value, region: e.target.value })}
            >
              <option value="">{t('admin.grant.chooseRegion')}</option>
              {regions.state === 'ready' &&
                regions.data.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.name} ({r.code})
                  </option>
                ))}
            </select>
          )}
        </Field>
      )}
      {value.kind === 'nation' && <p className="muted">{t('admin.grant.nationNote')}</p>}
    </>
  );
}
