import type { KoladaValue } from '../domain/opendata/kolada.js';
import type { Sex } from '../domain/opendata/codes.js';

/**
 * The public, published-values answers the public pages read: the Kolada v3-compatible API
 * (/api/kolada/v3) and /api/public. Kolada's own field names (snake_case) are kept.
 */

/**
 * Kolada v3's envelope: {count, values, next_url, previous_url}; count is the number of values
 * on this page. next_page/previous_page repeat the links for clients written against v2.
 */
export interface Envelope<T> {
  count: number;
  values: T[];
  next_url: string | null;
  previous_url: string | null;
  next_page: string | null;
  previous_page: string | null;
}

/** /municipality: the nation, the regions (type L) and the municipalities (type K). */
export interface KoladaMunicipality {
  id: string;
  title: string;
  type: 'K' | 'L';
}

/** /ou: an organisational unit. */
export interface KoladaOu {
  id: string;
  municipality: string;
  title: string;
}

/** /data and /oudata: the values of one indicator, place (or unit) and year. */
export interface DataItem {
  kpi: string;
  municipality?: string;
  ou?: string;
  period: number;
  isdeleted?: boolean;
  values: KoladaValue[];
}

/** One value of /api/public/intervals/{kpi}/{year}. */
export interface IntervalValue {
  /** Kolada's id: "0000", "00" + county, a municipality code; absent for units. */
  municipality?: string;
  /** The unit's code (Kolada's ou id), for unit values. */
  ou?: string;
  gender: Sex;
  status: string;
  /** Per cent with one decimal, as the Kolada API publishes it; null when not published. */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  lower: number | null;
  upper: number | null;
}

/** GET /api/public/intervals/{kpi}/{year}. */
export interface Intervals {
  kpi: string;
  period: number;
  version: number;
  published_at: string;
  /** The public release these values come from (null before the first). */
  release: { version: string; made_at: string } | null;
  values: IntervalValue[];
}
