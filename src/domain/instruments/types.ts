import type { Answers } from '../forms/answers.js';
import type { FormDefinition } from '../forms/definition.js';
import type { LocalizedText } from '../forms/text.js';
import type { AnswerIssue } from '../forms/validate.js';

/** Sex as Kolada and the API write it: K (kvinna, woman), M (man). */
export type Sex = 'K' | 'M';

export interface ScoreInput {
  answers: Answers;
  /** Needed by instruments with sex-specific cut-offs (AUDIT, DUDIT). */
  sex?: Sex;
}

export interface BandDefinition {
  /** Stable machine code, e.g. "at_risk". */
  code: string;
  label: LocalizedText;
}

/**
 * The result every instrument returns; the public contract of
 * POST /api/v1/instruments/{id}/score. Instruments add fields of their own (documented there).
 */
export interface ScoreResult {
  instrument: string;
  version: number;
  /** The total score, or null for instruments that are not summed (ROAG, ICF, palliative). */
  total: number | null;
  band: string;
  bandLabel: LocalizedText;
  risk: boolean;
  /** Points per scored item that has an answer. */
  items: Record<string, number>;
  /** The thresholds this result was computed with, and whether they are the defaults. */
  threshold: Record<string, unknown> & { source: 'default' | 'configured' };
}

/** Invalid input gives every issue and never a partial score. */
export type ScoreOutcome<R extends ScoreResult = ScoreResult> =
  { ok: true; result: R } | { ok: false; issues: AnswerIssue[] };

export interface Source {
  citation: string;
  url?: string;
}

export interface Instrument<O extends object = object, R extends ScoreResult = ScoreResult> {
  id: string;
  version: number;
  title: LocalizedText;
  description: LocalizedText;
  form: FormDefinition;
  sources: Source[];
  requiresSex: boolean;
  bands: BandDefinition[];
  /** Defaults from DOMAIN.md for the thresholds an administrator may configure. */
  defaultOptions: O;
  score(input: ScoreInput, options?: Partial<O>): ScoreOutcome<R>;
}
