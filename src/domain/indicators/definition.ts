import { z } from 'zod';
import { OPERATING_AREAS } from '../org/codes.js';
import { factFilterSchema, populationSchema } from './filter.js';
import { PERIOD_TYPES } from './period.js';

/**
 * Indicator definitions are versioned data. An indicator is a share: among the persons at a
 * unit who meet the denominator in a period, those who also meet the numerator. Counting is
 * per person at a unit, so a municipality is exactly the sum of its units (and T = K + M),
 * which is what disclosure control relies on.
 */
const text = z.object({ sv: z.string().min(1), en: z.string().min(1) }).strict();

/** Our own series: "K" and five digits. Kolada's KPIs use N and U, so ids never collide. */
export const INDICATOR_ID = /^K\d{5}$/;

export const QUALITY_AREAS = [
  'knowledge_based',
  'safe',
  'person_centred',
  'efficient',
  'equitable',
  'accessible',
] as const;

export const indicatorDefinitionSchema = z
  .object({
    id: z.string().regex(INDICATOR_ID, 'must be "K" followed by five digits'),
    version: z.number().int().min(1),
    title: text,
    description: text,
    operatingArea: z.enum(OPERATING_AREAS),
    qualityArea: z.enum(QUALITY_AREAS),
    type: z.enum(['structure', 'process', 'outcome']),
    population: populationSchema,
    denominator: factFilterSchema,
    numerator: factFilterSchema,
    periodTypes: z.array(z.enum(PERIOD_TYPES)).min(1),
    direction: z.enum(['higher', 'lower', 'none']),
    target: z
      .object({
        value: z.number().min(0).max(1),
        comparison: z.enum(['>=', '<=']),
        source: z.string().min(1),
      })
      .strict()
      .nullable(),
    /** Results are published only where this coverage indicator reaches the value. */
    minCoverage: z
      .object({ indicator: z.string().regex(INDICATOR_ID), value: z.number().min(0).max(1) })
      .strict()
      .nullable(),
    openComparisons: z.boolean(),
    /** An attribute of numerator facts that analysts may break results down by. */
    breakdown: z.string().min(1).nullable(),
    /**
     * A survey measure (issue #13): counted from settled survey rounds (survey-catalogue.ts), not
     * from facts, and published for both sexes together ("T") only: answers carry no sex.
     */
    survey: z
      .object({ kind: z.string().min(1), measure: z.string().min(1) })
      .strict()
      .optional(),
  })
  .strict();

export type IndicatorDefinition = z.infer<typeof indicatorDefinitionSchema>;
export type IndicatorDefinitionInput = z.input<typeof indicatorDefinitionSchema>;

export interface DefinitionProblem {
  indicator: string;
  field: string;
  message: string;
}

/** Parses a set of definitions; names the indicator and field of every problem. */
export function parseIndicatorDefinitions(
  input: readonly unknown[],
): { ok: true; definitions: IndicatorDefinition[] } | { ok: false; problems: DefinitionProblem[] } {
  const problems: DefinitionProblem[] = [];
  const definitions: IndicatorDefinition[] = [];
  input.forEach((raw, index) => {
    const parsed = indicatorDefinitionSchema.safeParse(raw);
    const name = typeof raw === 'object' && raw !== null && 'id' in raw ? String(raw.id) : `#${index}`;
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ indicator: name, field: issue.path.join('.'), message: issue.message });
      }
      return;
    }
    definitions.push(parsed.data);
  });
  const ids = new Set<string>();
  for (const d of definitions) {
    const key = `${d.id}@${d.version}`;
    if (ids.has(key))
      problems.push({ indicator: d.id, field: 'version', message: `version ${d.version} appears twice` });
    ids.add(key);
    if (d.numerator.register !== d.denominator.register) {
      problems.push({
        indicator: d.id,
        field: 'numerator.register',
        message: 'must be the register of the denominator',
      });
    }
  }
  for (const d of definitions) {
    if (d.minCoverage && !definitions.some((c) => c.id === d.minCoverage?.indicator)) {
      problems.push({
        indicator: d.id,
        field: 'minCoverage.indicator',
        message: `unknown indicator ${d.minCoverage.indicator}`,
      });
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, definitions };
}
