/** Fisher–Yates over a copy; `randomInt(n)` must be unbiased in [0, n) (crypto.randomInt in production). */
export function shuffled<T>(items: readonly T[], randomInt: (n: number) => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

/** JSON with object keys sorted at every level: one text per value, whatever order it was built in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A pool in a fresh random order that depends only on its contents and the random draws: sorted
 * canonically first, so neither the stored order nor the newcomer's place can leak into it.
 */
export function shuffledPool<T>(pool: readonly T[], randomInt: (n: number) => number): T[] {
  const keyed = pool.map((item) => ({ key: canonicalJson(item), item }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return shuffled(
    keyed.map((k) => k.item),
    randomInt,
  );
}
