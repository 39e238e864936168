import type { IndicatorDefinition } from '../domain/indicators/definition.js';

/** GET /api/v1/indicators: the active indicator definitions. */
export interface IndicatorList {
  indicators: IndicatorDefinition[];
}

/** A cell as a release published it: what the public sees. */
export interface ReleasedCell {
  status: 'ok' | 'suppressed' | 'low_coverage';
  numerator: number | null;
  denominator: number | null;
  rate: number | null;
}

/**
 * What the latest release shows of a live row: its cell, `absent` when the table was released
 * without it, or (as `null` on the row) no such table in the release at all.
 */
export type ReleasedView = ReleasedCell | { status: 'absent' };

/** One live row of `GET /api/v1/analytics`: published (disclosure-controlled) within a second. */
export interface AnalyticsRowView {
  indicator: string;
  version: number;
  period: string;
  level: string;
  code: string;
  name: string | null;
  sex: string;
  numerator: number | null;
  denominator: number | null;
  rate: number | null;
  ciLower: number | null;
  ciUpper: number | null;
  coverage: number | null;
  status: string;
  computedAt: string;
  /** The exact numbers, on rows inside the caller's own aggregate scope. */
  unsuppressed?: {
    numerator: number;
    denominator: number;
    rate: number | null;
    ciLower: number | null;
    ciUpper: number | null;
  };
  released: ReleasedView | null;
}

/** `GET /api/v1/analytics`. */
export interface AnalyticsAnswer {
  dimensions: { dx: string[]; ou: string[]; pe: string[] | null; sex: string[] };
  live: true;
  public_release: { version: string; made_at: string } | null;
  rows: AnalyticsRowView[];
  truncated: boolean;
}

/** `POST /api/v1/releases`: the release just made. */
export interface ReleaseMade {
  version: string;
  made_at: string;
  tables: number;
  cells: number;
  suppressed: number;
}
