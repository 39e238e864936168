import { z } from 'zod';
import { FACT_KINDS, REGISTERS, type Fact } from '../facts/fact.js';

/** Conditions over a fact's attributes; all conditions of a filter must hold. */
const scalar = z.union([z.string(), z.number(), z.boolean()]);
export const conditionSchema = z.union([
  z.object({ attr: z.string().min(1), eq: scalar }).strict(),
  z.object({ attr: z.string().min(1), in: z.array(z.union([z.string(), z.number()])).min(1) }).strict(),
  z.object({ attr: z.string().min(1), gte: z.number() }).strict(),
  z.object({ attr: z.string().min(1), lte: z.number() }).strict(),
  z.object({ attr: z.string().min(1), present: z.boolean() }).strict(),
]);
export type Condition = z.infer<typeof conditionSchema>;

export const factFilterSchema = z
  .object({
    register: z.enum(REGISTERS),
    kind: z.enum(FACT_KINDS),
    where: z.array(conditionSchema).default([]),
  })
  .strict();
export type FactFilter = z.infer<typeof factFilterSchema>;

/** Who is in the population at all, judged on each fact's own date. */
export const populationSchema = z
  .object({
    minAge: z.number().int().min(0).optional(),
    maxAge: z.number().int().min(0).optional(),
  })
  .strict()
  .default({});
export type Population = z.infer<typeof populationSchema>;

export function conditionHolds(c: Condition, fact: Fact): boolean {
  const value = fact.attributes[c.attr];
  if ('present' in c) return (value !== undefined && value !== null) === c.present;
  if (value === undefined || value === null) return false;
  if ('eq' in c) return value === c.eq;
  if ('in' in c) return typeof value !== 'boolean' && c.in.includes(value);
  if (typeof value !== 'number') return false;
  return 'gte' in c ? value >= c.gte : value <= c.lte;
}

export function matchesFilter(filter: FactFilter, fact: Fact): boolean {
  if (fact.register !== filter.register || fact.kind !== filter.kind) return false;
  // A loop, not every(): this runs per fact and definition while an import is counted.
  for (const c of filter.where) if (!conditionHolds(c, fact)) return false;
  return true;
}

export function inPopulation(population: Population, fact: Fact): boolean {
  return (
    (population.minAge === undefined || fact.age >= population.minAge) &&
    (population.maxAge === undefined || fact.age <= population.maxAge)
  );
}
