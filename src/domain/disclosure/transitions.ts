/**
 * What an outsider learns from one cell across two releases around a single registration, when
 * they even know the cell's true count n before it (the worst case: a rare outcome, known to be
 * 0). The registration moves the true count to n (not in the cell) or n + 1 (in it), and redraws
 * the cell's noise either way (the cell key moves by the newcomer's secret record key). So what
 * the outsider has is the second release's value of the cell: drawn from row n or from row n + 1.
 *
 * Two views: `exact`, the perturbed value itself (what a published total of otherwise unchanged
 * parts shows by differencing), and `published`, the cell as shown, with 1 … threshold − 1
 * suppressed to "..". Pure arithmetic over the published perturbation table.
 */
import { perturbationRow, type PerturbationTable } from './cellkey.js';

export interface Odds {
  /** The best guess's accuracy (Bayes, even prior). 1/2 is a coin toss. */
  accuracy: number;
  /** Probability of a value possible under one outcome only. */
  certain: number;
}

/** Distribution of the perturbed value of a cell with true count n. */
function valuesOf(table: PerturbationTable, n: number): Map<number, number> {
  return new Map(perturbationRow(table, n).map(({ d, weight }) => [n + d, weight / table.denominator]));
}

function odds(ifOut: Map<string, number>, ifIn: Map<string, number>): Odds {
  let accuracy = 0;
  let certain = 0;
  for (const v of new Set([...ifOut.keys(), ...ifIn.keys()])) {
    const a = ifOut.get(v) ?? 0;
    const b = ifIn.get(v) ?? 0;
    accuracy += Math.max(a, b) / 2;
    if (a === 0 || b === 0) certain += (a + b) / 2;
  }
  return { accuracy, certain };
}

function shown(values: Map<number, number>, threshold: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const [v, p] of values) {
    const key = v >= 1 && v < threshold ? '..' : String(v);
    out.set(key, (out.get(key) ?? 0) + p);
  }
  return out;
}

export function transitionOdds(
  table: PerturbationTable,
  threshold: number,
  n: number,
): { exact: Odds; published: Odds } {
  const out = valuesOf(table, n);
  const into = valuesOf(table, n + 1);
  const asText = (m: Map<number, number>) => new Map([...m].map(([v, p]) => [String(v), p]));
  return {
    exact: odds(asText(out), asText(into)),
    published: odds(shown(out, threshold), shown(into, threshold)),
  };
}
