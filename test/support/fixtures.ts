import fs from 'node:fs';
import path from 'node:path';
import { REFERENCE_DATA_DIR } from './paths.js';

/**
 * The real Kolada v3 and PxWeb v2 responses in the reference data, for shape comparisons in
 * tests: field names, and the JSON types each field takes there.
 */
export function readText(relative: string): string {
  return fs.readFileSync(path.join(REFERENCE_DATA_DIR, relative), 'utf8');
}

export function readFixture<T>(relative: string): T {
  return JSON.parse(readText(relative)) as T;
}

export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'number' && Number.isInteger(v) ? 'integer' : typeof v;
}

/** Per field, the JSON types it has across the fixture's items. */
export function fieldTypes(items: readonly Record<string, unknown>[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const item of items) {
    for (const [k, v] of Object.entries(item)) {
      const set = out.get(k) ?? new Set<string>();
      set.add(jsonType(v));
      out.set(k, set);
    }
  }
  return out;
}

/** Names every field of `ours` whose presence or type differs from the fixture's. */
export function shapeDifferences(
  fixture: Map<string, Set<string>>,
  ours: readonly Record<string, unknown>[],
): string[] {
  const problems = new Set<string>();
  for (const item of ours) {
    for (const k of fixture.keys()) if (!(k in item)) problems.add(`missing ${k}`);
    for (const [k, v] of Object.entries(item)) {
      const types = fixture.get(k);
      const t = jsonType(v);
      // An integer is a number too (Kolada's values are sometimes whole).
      const fits = types && (types.has(t) || (t === 'integer' && types.has('number')));
      if (!fits) problems.add(`${k}: ${t} not in ${types ? [...types].join('|') : 'the fixture'}`);
    }
  }
  return [...problems];
}
