/**
 * PxWeb API v2 value selection: explicit codes and the expressions `*` (all), wildcards with `*`
 * and `?`, TOP(n[,offset]), BOTTOM(n[,offset]), FROM(x), TO(x) and RANGE(x,y), case-insensitive.
 * TOP takes the newest values of a time variable (its codes reversed) and the first values of
 * any other; BOTTOM the opposite. The result is the union, in the variable's own order.
 */
export type SelectionResult = { ok: true; codes: string[] } | { ok: false; message: string };

const FUNCTION = /^(TOP|BOTTOM|FROM|TO|RANGE)\((.*)\)$/i;

function count(arg: string | undefined): number | null {
  if (arg === undefined || !/^\d+$/.test(arg.trim())) return null;
  return Number(arg.trim());
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replaceAll('*', '.*').replaceAll('?', '.')}$`, 'i');
}

function evaluate(
  all: readonly string[],
  find: (code: string) => number,
  expr: string,
  time: boolean,
): number[] | string {
  const fn = FUNCTION.exec(expr);
  if (fn) {
    const name = (fn[1] ?? '').toUpperCase();
    const args = (fn[2] ?? '').split(',').map((a) => a.trim());
    if (name === 'TOP' || name === 'BOTTOM') {
      const n = count(args[0]);
      const offset = args.length > 1 ? count(args[1]) : 0;
      if (n === null || offset === null || args.length > 2)
        return `${expr}: expected ${name}(n) or ${name}(n,offset)`;
      const order = all.map((_, i) => i);
      if (time) order.reverse();
      const picked =
        name === 'TOP' ? order.slice(offset, offset + n) : order.reverse().slice(offset, offset + n);
      return picked;
    }
    const ends = args.map(find);
    const missing = args.find((a, i) => ends[i] === -1);
    if (missing !== undefined) return `${expr}: no value "${missing}"`;
    const [a, b] = ends as [number, number];
    if (name === 'FROM' && args.length === 1) return all.map((_, i) => i).filter((i) => i >= a);
    if (name === 'TO' && args.length === 1) return all.map((_, i) => i).filter((i) => i <= a);
    if (name === 'RANGE' && args.length === 2) {
      if (a > b) return `${expr}: the first value comes after the second`;
      return all.map((_, i) => i).filter((i) => i >= a && i <= b);
    }
    return `${expr}: wrong number of arguments`;
  }
  if (expr.includes('*') || expr.includes('?')) {
    const re = wildcard(expr);
    return all.flatMap((c, i) => (re.test(c) ? [i] : []));
  }
  const i = find(expr);
  return i === -1 ? `no value "${expr}"` : [i];
}

export function resolveSelection(
  all: readonly string[],
  requested: readonly string[],
  options: { time: boolean },
): SelectionResult {
  const byLower = new Map(all.map((c, i) => [c.toLowerCase(), i]));
  const find = (code: string) => byLower.get(code.trim().toLowerCase()) ?? -1;
  const chosen = new Set<number>();
  for (const raw of requested) {
    const got = evaluate(all, find, raw.trim(), options.time);
    if (typeof got === 'string') return { ok: false, message: got };
    for (const i of got) chosen.add(i);
  }
  return { ok: true, codes: [...chosen].sort((a, b) => a - b).map((i) => all[i] ?? '') };
}

/**
 * Splits a GET value list on commas outside brackets and parentheses and unwraps `[expr]`, so
 * `0180,[RANGE(2020,2023)],TOP(2)` is three items (PxWeb requires the brackets around an
 * expression with a comma in a GET value; a bare one without a comma works too).
 */
export function splitValueList(raw: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of raw) {
    if (ch === '(' || ch === '[') depth++;
    if (ch === ')' || ch === ']') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => (s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1).trim() : s));
}
