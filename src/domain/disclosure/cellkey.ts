/**
 * The cell key method for counts (Thompson, Broadfoot & Elazar, ABS 2013; Giessing & Tent 2019;
 * the method Statistics Sweden introduced for its population statistics in 2025), as Kunskapsnav
 * applies it to released indicator tables. Pure arithmetic; the record keys come from the module
 * (an HMAC of the person pseudonym under a secret kept outside the database).
 *
 * - Every counted record (one person at one unit in one period) carries a record key: a uniform
 *   32-bit integer, i.e. a number in [0, 1) in steps of 2^-32.
 * - A cell's key is the sum of its records' keys modulo 1 (exact integer arithmetic mod 2^32, so
 *   the order of summing never matters).
 * - The cell key picks the perturbation from the published perturbation table: the row for the
 *   cell's true count (counts ≥ `D + 1` share one row), the column whose cumulative interval holds
 *   the key. The same records always give the same key, so the same cell always gets the same noise;
 *   one record more or less moves the key by that record's (secret) key, so the noise is drawn anew.
 *
 * Perturbation table (parameters published with every release, see PERTURBATION):
 *   d ∈ {−2, −1, 0, +1, +2} with probabilities 1/16, 4/16, 6/16, 4/16, 1/16 (a binomial(4, ½) − 2:
 *   mean 0, variance 1). A count is never perturbed below 0: for n = 0 and n = 1 the mass of the
 *   negative values moves to 0 (n = 0: 0 with 11/16, +1 with 4/16, +2 with 1/16; n = 1: −1 with
 *   5/16). **Zero is perturbed like any other count** (issue #17): with zero left alone, a cell
 *   published as 0 that turns ".." or positive in the next release tells that the one new person
 *   is in it, in the cell and in every total above it. The price: a published 0 no longer proves
 *   that nobody is counted (it may hide 1 or 2), and totals carry a small upward bias from zero
 *   cells (+6/16 each). Cells with no records at all get their key from the unit's population
 *   key (release.ts), so they are perturbed too.
 */

export const KEY_SPACE = 2 ** 32;

export interface PerturbationTable {
  /** Largest absolute perturbation. */
  maxPerturbation: number;
  /** Variance of the perturbation for counts that reach the full row (n > maxPerturbation). */
  variance: number;
  /** Probabilities of −D..+D for the full row, as fractions of `denominator` (exact). */
  weights: readonly number[];
  denominator: number;
}

export const PERTURBATION: PerturbationTable = {
  maxPerturbation: 2,
  variance: 1,
  weights: [1, 4, 6, 4, 1],
  denominator: 16,
};

/** The row of one true count: perturbation d with its probability weight (out of table.denominator). */
export function perturbationRow(
  table: PerturbationTable,
  count: number,
): Array<{ d: number; weight: number }> {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be ≥ 0, got ${count}`);
  const D = table.maxPerturbation;
  const row = new Map<number, number>();
  table.weights.forEach((weight, i) => {
    const d = Math.max(i - D, -count); // never below a published count of 0
    row.set(d, (row.get(d) ?? 0) + weight);
  });
  return [...row.entries()].sort((a, b) => a[0] - b[0]).map(([d, weight]) => ({ d, weight }));
}

/** Sum of 32-bit record keys modulo 2^32 (the cell key times 2^32). */
export function sumKeys(keys: Iterable<number>): number {
  let sum = 0;
  for (const k of keys) sum = (sum + k) % KEY_SPACE;
  return sum;
}

/** Adds two cell keys (mod 2^32): a cell's key is additive over disjoint record sets. */
export const addKeys = (a: number, b: number): number => (a + b) % KEY_SPACE;

/** The perturbation of a cell with this true count and cell key (an integer in [0, 2^32)). */
export function perturbationOf(table: PerturbationTable, count: number, cellKey: number): number {
  if (!Number.isSafeInteger(cellKey) || cellKey < 0 || cellKey >= KEY_SPACE)
    throw new RangeError(`cell key must be an integer in [0, 2^32), got ${cellKey}`);
  const row = perturbationRow(table, count);
  // key / 2^32 < cumulative / denominator  ⇔  key · denominator < cumulative · 2^32 (exact in doubles)
  let cumulative = 0;
  for (const { d, weight } of row) {
    cumulative += weight;
    if (cellKey * table.denominator < cumulative * KEY_SPACE) return d;
  }
  return (row[row.length - 1] as { d: number }).d;
}

export interface CountWithKeys {
  numerator: number;
  denominator: number;
  /** Key of the denominator's records. */
  denominatorKey: number;
  /**
   * Key of the numerator: its records' numerator keys plus the denominator's key, so that a person
   * who joins the denominator redraws the numerator's noise whether or not they are in the
   * numerator (otherwise an unchanged numerator would tell that the newcomer is not in it).
   */
  numeratorKey: number;
}

/**
 * Perturbs one base cell (a unit × sex count). The numerator is capped at the perturbed
 * denominator, so a rate never exceeds 100 %.
 */
export function perturbCount(
  table: PerturbationTable,
  c: CountWithKeys,
): { numerator: number; denominator: number } {
  const denominator = c.denominator + perturbationOf(table, c.denominator, c.denominatorKey);
  const numerator = c.numerator + perturbationOf(table, c.numerator, c.numeratorKey);
  return { numerator: Math.min(numerator, denominator), denominator };
}

/**
 * A 95 % interval for a rate whose numerator and denominator each carry the noise of `cells`
 * independently perturbed base cells (variance `table.variance` each): the Wilson interval's
 * half-width and the noise's combined in quadrature, clamped to [0, 1]. The noise part is the
 * delta method: Var(x/n) ≈ (Var x + p² Var n) / n².
 */
export function noisyInterval(
  table: PerturbationTable,
  wilson: { lower: number; upper: number },
  numerator: number,
  denominator: number,
  cells: number,
  z = 1.959964,
): { lower: number; upper: number } {
  if (denominator <= 0) return wilson;
  const p = numerator / denominator;
  const noise = (cells * table.variance * (1 + p * p)) / (denominator * denominator);
  const below = Math.sqrt((p - wilson.lower) ** 2 + z * z * noise);
  const above = Math.sqrt((wilson.upper - p) ** 2 + z * z * noise);
  return { lower: Math.max(0, p - below), upper: Math.min(1, p + above) };
}

/** The method's parameters as published with each release (never the keys). */
export function methodDescription(table: PerturbationTable, threshold: number) {
  return {
    method: 'cell-key',
    recordKey: 'HMAC-SHA-256 of the person pseudonym under a secret kept outside the database, 32 bits',
    cellKey: 'sum of the record keys modulo 1; the numerator adds the denominator key',
    perturbedCells: 'unit × sex; every total is the sum of its perturbed parts',
    maxPerturbation: table.maxPerturbation,
    variance: table.variance,
    probabilities: table.weights.map((w, i) => ({ d: i - table.maxPerturbation, p: w / table.denominator })),
    smallCounts:
      'every count is perturbed, zero included, never below 0: a published 0 may hide 1 or 2; cells with no records are keyed by the unit population',
    suppressionThreshold: threshold,
  };
}

/**
 * What an outsider learns by differencing two releases around one registration. Everything a
 * release publishes is a function of the perturbed unit × sex counts, and the registration moves
 * exactly one of them (the person's unit and sex) by `o + e1 − e0`, where o ∈ {0, 1} is the
 * outcome (in the numerator or not) and e0, e1 are independent draws from the perturbation table
 * (the cell key moves by the newcomer's secret record key, so the new draw is fresh whatever o
 * is). Returns, for counts in the full row, the distribution of the observed change under each
 * outcome, the best guess's accuracy (Bayes, even prior) and the chance that the change is
 * possible under one outcome only.
 */
export function differencingOdds(table: PerturbationTable): {
  change: Map<number, { ifOut: number; ifIn: number }>;
  accuracy: number;
  certain: number;
} {
  const row = perturbationRow(table, table.maxPerturbation + 10);
  const total = table.denominator * table.denominator;
  const noise = new Map<number, number>();
  for (const a of row)
    for (const b of row) noise.set(b.d - a.d, (noise.get(b.d - a.d) ?? 0) + a.weight * b.weight);
  const change = new Map<number, { ifOut: number; ifIn: number }>();
  for (const [delta, w] of noise) {
    for (const o of [0, 1] as const) {
      const c = change.get(delta + o) ?? { ifOut: 0, ifIn: 0 };
      if (o === 0) c.ifOut += w / total;
      else c.ifIn += w / total;
      change.set(delta + o, c);
    }
  }
  let accuracy = 0;
  let certain = 0;
  for (const c of change.values()) {
    accuracy += Math.max(c.ifOut, c.ifIn) / 2;
    if (c.ifOut === 0 || c.ifIn === 0) certain += (c.ifOut + c.ifIn) / 2;
  }
  return { change: new Map([...change].sort((a, b) => a[0] - b[0])), accuracy, certain };
}
