import { useEffect, useState } from 'react';
import type { MunicipalityDetail, RegionList, UnitDetail } from '../../contracts/org';
import type { Scope } from '../../domain/policy/principal';
import { apiGet } from '../api';
import { useI18n, type I18n } from '../i18n/I18n';

/** Human names for role scopes: a unit id or a code becomes the name in the org register. */

// One lookup per scope for the whole visit: names of units and municipalities rarely change.
const names = new Map<string, Promise<string>>();
let regions: Promise<Map<string, string>> | null = null;

function keyOf(scope: Scope): string {
  switch (scope.kind) {
    case 'unit':
      return `unit:${scope.unitId}`;
    case 'municipality':
    case 'region':
      return `${scope.kind}:${scope.code}`;
    case 'nation':
      return 'nation';
  }
}

async function fetchName(scope: Scope): Promise<string> {
  switch (scope.kind) {
    case 'unit': {
      const unit = await apiGet<UnitDetail>(`/api/v1/org/units/${encodeURIComponent(scope.unitId)}`);
      return unit.current?.name ?? unit.history.at(-1)?.name ?? scope.unitId;
    }
    case 'municipality': {
      const m = await apiGet<MunicipalityDetail>(
        `/api/v1/org/municipalities/${encodeURIComponent(scope.code)}`,
      );
      return `${m.municipality.name} (${scope.code})`;
    }
    case 'region': {
      regions ??= apiGet<RegionList>('/api/v1/org/regions').then(
        (r) => new Map(r.regions.map((x) => [x.code, x.name])),
      );
      const name = (await regions).get(scope.code);
      return name ? `${name} (${scope.code})` : scope.code;
    }
    case 'nation':
      return '';
  }
}

function nameOf(scope: Scope): Promise<string> {
  const key = keyOf(scope);
  let found = names.get(key);
  if (!found) {
    found = fetchName(scope).catch(() => {
      names.delete(key);
      return scope.kind === 'unit' ? scope.unitId : scope.kind === 'nation' ? '' : scope.code;
    });
    names.set(key, found);
  }
  return found;
}

function label(t: I18n['t'], scope: Scope, name: string): string {
  if (scope.kind === 'nation') return t('scope.nation');
  return t('scope.named', { kind: t(`scope.${scope.kind}`), name });
}

/** The same text as useScopeText, for use outside rendering (a message after a change). */
export async function scopeLabel(t: I18n['t'], scope: Scope): Promise<string> {
  return label(t, scope, await nameOf(scope));
}

/** "Enhet: Solgården", "Kommun: Stockholm (0180)", "Riket". */
export function useScopeText(scope: Scope): string {
  const { t } = useI18n();
  return label(t, scope, useScopeName(scope) ?? '…');
}

/** The bare name ("Solgården", "Stockholm (0180)"), null while it loads. */
export function useScopeName(scope: Scope): string | null {
  const key = keyOf(scope);
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setName(null);
    void nameOf(scope).then((n) => live && setName(n));
    return () => {
      live = false;
    };
    // The key stands for the scope: a new object with the same key needs no new lookup.
  }, [key]);
  return name;
}

export function ScopeText({ scope }: { scope: Scope }) {
  return <>{useScopeText(scope)}</>;
}

export function UnitName({ unitId }: { unitId: string }) {
  return <>{useScopeName({ kind: 'unit', unitId }) ?? '…'}</>;
}

/** An option of a unit select, named as in the org register. */
export function UnitOption({ unitId }: { unitId: string }) {
  const name = useScopeName({ kind: 'unit', unitId });
  return <option value={unitId}>{name ?? '…'}</option>;
}
