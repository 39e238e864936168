/**
 * Splits a pot of whole kronor by integer weights so the parts sum exactly to the pot
 * (Hamilton's largest-remainder method). Each part first gets floor(pot × weight / total); the
 * kronor left over go one each to the largest remainders. Tie-break, documented: equal
 * remainders go first to the larger weight, then to the smaller key (municipality code order),
 * so the split never depends on input order. Integer arithmetic (BigInt) throughout: no float
 * rounding can move a krona.
 */
export interface Weighted {
  key: string;
  weight: number;
}

export function largestRemainder(pot: number, parts: readonly Weighted[]): Map<string, number> {
  if (!Number.isSafeInteger(pot) || pot < 0) throw new RangeError('pot must be whole kronor ≥ 0');
  for (const p of parts)
    if (!Number.isSafeInteger(p.weight) || p.weight < 0) throw new RangeError(`weight of ${p.key}`);
  const total = parts.reduce((s, p) => s + BigInt(p.weight), 0n);
  const out = new Map<string, number>(parts.map((p) => [p.key, 0]));
  if (total === 0n || pot === 0) return out;
  const big = BigInt(pot);
  const ranked = parts.map((p) => {
    const product = big * BigInt(p.weight);
    return { p, base: product / total, remainder: product % total };
  });
  let left = big - ranked.reduce((s, r) => s + r.base, 0n);
  ranked.sort((a, b) =>
    a.remainder !== b.remainder
      ? a.remainder > b.remainder
        ? -1
        : 1
      : a.p.weight !== b.p.weight
        ? b.p.weight - a.p.weight
        : a.p.key < b.p.key
          ? -1
          : a.p.key > b.p.key
            ? 1
            : 0,
  );
  for (const r of ranked) {
    const extra = left > 0n && r.p.weight > 0 ? 1n : 0n;
    left -= extra;
    out.set(r.p.key, Number(r.base + extra));
  }
  return out;
}
