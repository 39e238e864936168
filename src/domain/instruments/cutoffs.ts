import { assertInteger } from './common.js';
import type { Sex } from './types.js';

/** A cut-off that differs by sex (Swedish AUDIT and DUDIT norms). */
export type BySex = Record<Sex, number>;

export interface CutoffBand<Code extends string> {
  code: Code;
  /** Lowest total in the band; the band runs to the next band's lower bound minus 1. */
  from: number;
}

/** The band for a total given ascending lower bounds (the first must start at 0). */
export function bandByLowerBounds<Code extends string>(total: number, bands: CutoffBand<Code>[]): Code {
  let code = bands[0]!.code;
  for (const b of bands) if (total >= b.from) code = b.code;
  return code;
}

/** Checks configured cut-offs: whole numbers, strictly ascending, within 1..max. */
export function assertAscending(names: string[], values: number[], max: number): void {
  values.forEach((v, n) => assertInteger(names[n]!, v, 1, max));
  for (let n = 1; n < values.length; n++)
    if (values[n]! <= values[n - 1]!)
      throw new RangeError(`${names[n]} (${values[n]}) must be above ${names[n - 1]} (${values[n - 1]})`);
}
