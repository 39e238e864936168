/**
 * How deep a parsed JSON value nests, counted without recursion, so a hostile document cannot
 * overflow the stack here; checked before any recursive code (a FHIR converter) walks it.
 * Returns early once `max` is exceeded.
 */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() ?? [null, 0];
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
