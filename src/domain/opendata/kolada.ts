import { isDividedBySex } from '../indicators/by-sex.js';
import type { IndicatorDefinition } from '../indicators/definition.js';
import type { OperatingArea } from '../org/codes.js';
import { percent, rateSymbol, type PublishedCell, type Sex } from './codes.js';

/** Kolada v3 shapes, field for field as in ../shared/data/kolada (names, types, nulls). */
export interface KoladaKpi {
  id: string;
  title: string;
  description: string;
  is_divided_by_gender: boolean;
  municipality_type: 'K' | 'L' | 'A';
  auspice: string | null;
  operating_area: string;
  perspective: string | null;
  prel_publication_date: string | null;
  publication_date: string | null;
  publ_period: string | null;
  has_ou_data: boolean;
}

export interface KoladaValue {
  gender: Sex;
  count: number;
  status: string;
  value: number | null;
  /** true only for a tombstone: a value that was published and withdrawn since (from_date). */
  isdeleted: boolean;
}

/** Kolada's own operating-area names where one fits ours. */
const OPERATING_AREA_TITLE: Readonly<Record<OperatingArea, string>> = {
  elderly_care: 'Äldre och funktionshinder',
  disability: 'Äldre och funktionshinder',
  individual_family_care: 'Individ- och familjeomsorg',
  health_care: 'Hälso- och sjukvård',
  other: 'Övrigt',
};

export function operatingAreaTitle(area: OperatingArea): string {
  return OPERATING_AREA_TITLE[area];
}

export interface KpiPublication {
  /** Latest publication of any year of the indicator, as YYYY-MM-DD. */
  publishedOn: string | null;
  /** Latest year with published values. */
  latestYear: string | null;
}

export function koladaKpi(def: IndicatorDefinition, publication: KpiPublication): KoladaKpi {
  return {
    id: def.id,
    title: def.title.sv,
    description: def.description.sv,
    // Every table is published for T, K and M, except surveys' (answers carry no sex).
    is_divided_by_gender: isDividedBySex(def),
    // Values exist for municipalities and regions alike ("A" as Kolada marks both).
    municipality_type: 'A',
    // "T": all provider types together (municipal, private and non-profit units).
    auspice: 'T',
    operating_area: operatingAreaTitle(def.operatingArea),
    perspective: 'Kvalitet och resultat',
    prel_publication_date: null,
    publication_date: publication.publishedOn,
    publ_period: publication.latestYear,
    // Units are part of every published table.
    has_ou_data: true,
  };
}

/** One published cell as a Kolada value; count is 1 for a single municipality, region or unit. */
export function koladaValue(cell: PublishedCell): KoladaValue {
  const { value, status } = rateSymbol(cell);
  return { gender: cell.sex, count: 1, status, value, isdeleted: false };
}

/** The tombstone of a withdrawn value: no number, isdeleted true. */
export function withdrawnValue(sex: Sex): KoladaValue {
  return { gender: sex, count: 0, status: '', value: null, isdeleted: true };
}

/**
 * A group's value as Kolada computes it: the unweighted mean of its members' published rates,
 * with count = the members that contributed. Suppressed and unstated members are left out, so
 * the mean is a function of published numbers only. No contributing member → no value.
 */
export function groupMean(sex: Sex, members: readonly (PublishedCell | undefined)[]): KoladaValue | null {
  const rates = members.flatMap((c) => (c && c.status === 'ok' && c.rate !== null ? [c.rate] : []));
  if (rates.length === 0) return null;
  const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
  return { gender: sex, count: rates.length, status: '', value: percent(mean), isdeleted: false };
}
