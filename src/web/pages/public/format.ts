import type { Band } from '../../../domain/opendata/bands';
import type { I18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import type { Definition } from './data';

/** Shared wording and number formats of the public pages. */
/** Swedish alphabetical order (å, ä, ö last); one collator, as localeCompare builds one per call. */
export const bySwedishName = new Intl.Collator('sv').compare;

export const SUPPRESSED = '..';
export const NOT_STATED = '.';

/** A published value as shown: "45,2" (Swedish) / "45.2", or the status symbol. */
export function shown(i18n: I18n, value: number | null | undefined, status = ''): string {
  if (value === null || value === undefined) return status === SUPPRESSED ? SUPPRESSED : NOT_STATED;
  return i18n.formatNumber(value, 1);
}

export function count(i18n: I18n, n: number | null | undefined): string {
  return n === null || n === undefined ? '' : i18n.formatNumber(n, 0);
}

/** "38,1–52,4" or empty. */
export function interval(i18n: I18n, lower: number | null, upper: number | null): string {
  if (lower === null || upper === null) return '';
  return `${i18n.formatNumber(lower, 1)}–${i18n.formatNumber(upper, 1)}`;
}

export function bandKey(band: Band, direction: Definition['direction']): MessageKey {
  if (band === 'middle' && direction === 'none') return 'pub.band.middleNone';
  return `pub.band.${band}`;
}

/** Fill colours; the band is always written out in text too. */
export const BAND_COLOUR: Readonly<Record<Band, string>> = {
  best: '#2e8540',
  middle: '#f2c744',
  worst: '#c8312b',
  top: '#1f5f9e',
  bottom: '#b9d3ee',
  missing: '#c4c8cc',
};

/** Without a direction the middle is a blue between top and bottom, not Kolada's yellow. */
const MIDDLE_NONE = '#6d9fd3';

export function bandColour(band: Band, direction: Definition['direction']): string {
  return band === 'middle' && direction === 'none' ? MIDDLE_NONE : BAND_COLOUR[band];
}

export function title(i18n: I18n, def: Pick<Definition, 'title'>): string {
  return def.title[i18n.lang];
}

export function targetText(i18n: I18n, def: Definition): string | null {
  if (!def.target) return null;
  return i18n.t('pub.targetValue', {
    comparison: def.target.comparison === '>=' ? '≥' : '≤',
    value: i18n.formatNumber(def.target.value * 100, 0),
  });
}

export function sexLabel(i18n: I18n, sex: string): string {
  return i18n.t(sex === 'K' ? 'pub.sex.K' : sex === 'M' ? 'pub.sex.M' : 'pub.sex.T');
}

export function dateText(iso: string): string {
  return iso.slice(0, 10);
}
