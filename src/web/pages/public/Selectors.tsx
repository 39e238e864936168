import { useId } from 'react';
import { isDividedBySex } from '../../../domain/indicators/by-sex';
import { useI18n } from '../../i18n/I18n';
import { useRouter } from '../../router';
import { SEXES, type Definition, type Sex } from './data';
import { sexLabel } from './format';

/** Query parameters of the public pages: ?ar=2024&kon=T (and ?indikator= on region pages). */
export function useQueryState(): {
  get: (name: string) => string | null;
  set: (changes: Record<string, string | null>) => void;
} {
  const { path, query, navigate } = useRouter();
  return {
    get: (name) => query.get(name),
    set: (changes) => {
      const next = new URLSearchParams(query);
      for (const [k, v] of Object.entries(changes)) {
        if (v === null) next.delete(k);
        else next.set(k, v);
      }
      const qs = next.toString();
      navigate(qs ? `${path}?${qs}` : path, { replace: true });
    },
  };
}

export function parseSex(raw: string | null): Sex {
  return raw === 'K' || raw === 'M' ? raw : 'T';
}

/** The sex a page shows for an indicator: T whatever ?kon says when it is published as T only. */
export function sexShown(def: Definition, raw: string | null): Sex {
  return isDividedBySex(def) ? parseSex(raw) : 'T';
}

export function YearSelect({
  years,
  value,
  onChange,
}: {
  years: readonly number[];
  value: number;
  onChange: (y: number) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('pub.year')}</label>
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {[...years].reverse().map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </div>
  );
}

export function SexSelect({ value, onChange }: { value: Sex; onChange: (s: Sex) => void }) {
  const i18n = useI18n();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{i18n.t('pub.sex')}</label>
      <select id={id} value={value} onChange={(e) => onChange(parseSex(e.target.value))}>
        {SEXES.map((s) => (
          <option key={s} value={s}>
            {sexLabel(i18n, s)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The sex selector, or for an indicator published as T only (surveys) a note saying why not. */
export function SexChoice({
  def,
  value,
  onChange,
}: {
  def: Definition;
  value: Sex;
  onChange: (s: Sex) => void;
}) {
  const { t } = useI18n();
  if (isDividedBySex(def)) return <SexSelect value={value} onChange={onChange} />;
  return (
    <p className="field muted" data-sex="total-only">
      {t('pub.sex.totalOnly')}
    </p>
  );
}
