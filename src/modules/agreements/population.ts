import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { ReferenceDataError } from '../org/reference-data.js';

/**
 * SCB's population per municipality on 31 December 2022 (REFERENCE_DATA_DIR/scb-population; see
 * ../shared/data/SOURCES.md), read once per directory: the keys per inhabitant and per
 * inhabitant 65+. Wherever shown, credit "Källa: SCB".
 */
export const POPULATION_FILE = 'scb-population/population_2022.csv';
export const POPULATION_SOURCE = 'Källa: SCB, folkmängd 31 december 2022';

export interface Population {
  total: number;
  aged65: number;
}

const row = z.object({
  municipality_code: z.string().regex(/^[0-9]{4}$/),
  year: z.string(),
  sex: z.enum(['T', 'K', 'M']),
  age_group: z.enum(['total', '65+', '80+']),
  population: z.coerce.number().int().nonnegative(),
});

const cache = new Map<string, Map<string, Population>>();

export function populationByMunicipality(referenceDataDir: string): Map<string, Population> {
  const hit = cache.get(referenceDataDir);
  if (hit) return hit;
  const file = path.join(referenceDataDir, POPULATION_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ReferenceDataError(file, String(err));
  }
  const out = new Map<string, Population>();
  for (const raw of parse<unknown>(text, { columns: true, skip_empty_lines: true })) {
    const r = row.safeParse(raw);
    if (!r.success) throw new ReferenceDataError(file, r.error.message);
    if (r.data.sex !== 'T' || r.data.age_group === '80+') continue;
    const p = out.get(r.data.municipality_code) ?? { total: 0, aged65: 0 };
    if (r.data.age_group === 'total') p.total = r.data.population;
    else p.aged65 = r.data.population;
    out.set(r.data.municipality_code, p);
  }
  cache.set(referenceDataDir, out);
  return out;
}
