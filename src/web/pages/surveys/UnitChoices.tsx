import { useId, useState } from 'react';
import type { UnitPage } from '../../../contracts/org';
import { can } from '../../../domain/policy/policy';
import type { Principal } from '../../../domain/policy/principal';
import { apiGet, type ProblemField } from '../../api';
import { Field, useRuleText } from '../../components/forms';
import { MunicipalityOptions, useMunicipalities } from '../../components/municipalities';
import { useI18n } from '../../i18n/I18n';
import { UnitName } from '../../session/scope';
import { useSession } from '../../session/Session';
import { useLoad } from '../../useApi';

/** Where the principal may set up rounds, by the same policy the server applies to each unit. */
export function manageScope(principal: Principal | null): {
  anywhere: boolean;
  municipalities: string[];
  units: string[];
} {
  // {} is the nation: only a global grant covers it.
  if (can(principal, 'surveys.manage', {})) return { anywhere: true, municipalities: [], units: [] };
  const municipalities = new Set<string>();
  const units = new Set<string>();
  for (const a of principal?.assignments ?? []) {
    const s = a.scope;
    if (s.kind === 'municipality' && can(principal, 'surveys.manage', { municipalityCode: s.code }))
      municipalities.add(s.code);
    if (s.kind === 'unit' && can(principal, 'surveys.manage', { unitId: s.unitId })) units.add(s.unitId);
  }
  return { anywhere: false, municipalities: [...municipalities].sort(), units: [...units].sort() };
}

interface Choice {
  unitId: string;
  name: string | null;
}

/** Check boxes for the units of a new round: the caller's own, or a chosen municipality's. */
export function UnitChoices({
  selected,
  onChange,
  error,
}: {
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  error: ProblemField | undefined;
}) {
  const { t } = useI18n();
  const ruleText = useRuleText();
  const { principal } = useSession();
  const scope = manageScope(principal);
  const [picked, setPicked] = useState('');
  const ids = useId();
  const municipalities = useMunicipalities(scope.anywhere);
  const codes = scope.anywhere ? (picked ? [picked] : []) : scope.municipalities;
  const listed = useLoad(`srv:units:${codes.join(',')}`, async () => {
    const pages = await Promise.all(
      codes.map((municipality) => apiGet<UnitPage>('/api/v1/org/units', { municipality, limit: '1000' })),
    );
    return pages.flatMap((p) => p.units.map((u) => ({ unitId: u.unitId, name: u.name })));
  });
  const choices: Choice[] = [
    ...scope.units.map((unitId) => ({ unitId, name: null })),
    ...(listed.state === 'ready' ? listed.data.filter((u) => !scope.units.includes(u.unitId)) : []),
  ];
  const toggle = (unitId: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(unitId);
    else next.delete(unitId);
    onChange(next);
  };
  return (
    <>
      {scope.anywhere && (
        <Field label={t('srv.units.municipality')}>
          {(f) => (
            <select {...f} value={picked} onChange={(e) => setPicked(e.target.value)}>
              <option value="">{t('srv.units.chooseMunicipality')}</option>
              <MunicipalityOptions list={municipalities} />
            </select>
          )}
        </Field>
      )}
      <fieldset className="srv-units" aria-describedby={`${ids}-hint${error ? ` ${ids}-error` : ''}`}>
        <legend>{t('srv.units')}</legend>
        <span id={`${ids}-hint`} className="hint">
          {t('srv.units.hint')}
        </span>
        {listed.state === 'loading' && codes.length > 0 && <p role="status">…</p>}
        {choices.length === 0 && !(scope.anywhere && !picked) && <p>{t('srv.units.none')}</p>}
        {choices.map((c) => (
          <label key={c.unitId} className="srv-check">
            <input
              type="checkbox"
              checked={selected.has(c.unitId)}
              onChange={(e) => toggle(c.unitId, e.target.checked)}
            />{' '}
            {c.name ?? <UnitName unitId={c.unitId} />}
          </label>
        ))}
        {error && (
          <span id={`${ids}-error`} className="field-error">
            {ruleText(error)}
          </span>
        )}
      </fieldset>
    </>
  );
}
