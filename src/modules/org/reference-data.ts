import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { parseSimilarGroupTitle, type GroupKind } from '../../domain/org/groups.js';

/**
 * Reads the Swedish organisation reference data from REFERENCE_DATA_DIR (see
 * ../shared/data/SOURCES.md): SCB's counties and municipalities, SKR's municipality groups
 * and Kolada's municipality groups. Files are validated; a missing or malformed file stops
 * the start with an error naming the path.
 */
export class ReferenceDataError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`Reference data ${file}: ${detail}`);
    this.name = 'ReferenceDataError';
  }
}

export const REFERENCE_FILES = {
  counties: 'scb-regions/counties.csv',
  municipalities: 'scb-regions/municipalities.csv',
  skrGroups: 'kolada/skr_kommungrupper_from_kolada.csv',
  koladaGroups: 'kolada/kolada_v3_municipality_groups.json',
  koladaMunicipalities: 'kolada/kolada_v3_municipality.json',
} as const;

const countyRow = z.object({
  county_code: z.string().regex(/^[0-9]{2}$/),
  county_name: z.string().min(1),
  county_name_short: z.string().min(1),
});
const municipalityRow = z.object({
  municipality_code: z.string().regex(/^[0-9]{4}$/),
  // The long municipality_name has known errors (SOURCES.md); the short name is used.
  municipality_name_short: z.string().min(1),
  county_code: z.string().regex(/^[0-9]{2}$/),
});
const skrRow = z.object({
  municipality_id: z.string().regex(/^[0-9]{4}$/),
  skr_group_code: z.string().regex(/^[ABC][1-9]$/),
  skr_group: z.string().min(1),
  kolada_group_id: z.string().regex(/^G\d+$/),
});
const koladaGroups = z.object({
  values: z.array(
    z.object({
      id: z.string().regex(/^G\d+$/),
      title: z.string().min(1),
      members: z.array(z.object({ member_id: z.string(), member_title: z.string() })),
    }),
  ),
});

const koladaMunicipalities = z.object({
  values: z.array(
    z.object({ id: z.string().regex(/^[0-9]{4}$/), title: z.string().min(1), type: z.enum(['K', 'L']) }),
  ),
});

export interface ReferenceRegion {
  code: string;
  name: string;
  shortName: string;
  /** Kolada's title ("Region Stockholm"), for the Kolada-compatible API. */
  koladaTitle: string;
}
export interface ReferenceMunicipality {
  code: string;
  name: string;
  regionCode: string;
}
export interface ReferenceGroup {
  id: string;
  title: string;
  kind: GroupKind;
  skrCode: string | null;
  operatingArea: string | null;
  referenceMunicipalityCode: string | null;
  referenceYear: number | null;
  /** Municipality codes. */
  members: string[];
  /** County codes of the regions among Kolada's members ("0001" → "01"). */
  regionMembers: string[];
}

export interface ReferenceData {
  regions: ReferenceRegion[];
  municipalities: ReferenceMunicipality[];
  groups: ReferenceGroup[];
  /** SHA-256 over the files read, so an unchanged set is not loaded twice. */
  checksum: string;
}

function readFile(dir: string, relative: string, hash: ReturnType<typeof createHash>): string {
  const file = path.join(dir, relative);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ReferenceDataError(
      file,
      code === 'ENOENT' ? 'file not found (check REFERENCE_DATA_DIR)' : String(err),
    );
  }
  hash.update(relative).update('\0').update(text);
  return text;
}

function parseCsv<T>(file: string, text: string, schema: z.ZodType<T>): T[] {
  const records: unknown[] = parse(text, { columns: true, skip_empty_lines: true, bom: true });
  return records.map((r, i) => {
    const ok = schema.safeParse(r);
    if (!ok.success) {
      const issue = ok.error.issues[0];
      throw new ReferenceDataError(file, `row ${i + 2}, column ${String(issue?.path[0])}: ${issue?.message}`);
    }
    return ok.data;
  });
}

function readJson<T>(
  dir: string,
  key: keyof typeof REFERENCE_FILES,
  schema: z.ZodType<T>,
  hash: ReturnType<typeof createHash>,
  what: string,
): T {
  try {
    return schema.parse(JSON.parse(readFile(dir, REFERENCE_FILES[key], hash)));
  } catch (err) {
    if (err instanceof ReferenceDataError) throw err;
    throw new ReferenceDataError(
      path.join(dir, REFERENCE_FILES[key]),
      `not the expected ${what} (${(err as Error).message.slice(0, 200)})`,
    );
  }
}

export function readReferenceData(dir: string): ReferenceData {
  const hash = createHash('sha256');
  const file = (k: keyof typeof REFERENCE_FILES) => path.join(dir, REFERENCE_FILES[k]);

  const counties = parseCsv(file('counties'), readFile(dir, REFERENCE_FILES.counties, hash), countyRow);
  const municipalities = parseCsv(
    file('municipalities'),
    readFile(dir, REFERENCE_FILES.municipalities, hash),
    municipalityRow,
  );
  const skr = parseCsv(file('skrGroups'), readFile(dir, REFERENCE_FILES.skrGroups, hash), skrRow);
  const kolada = readJson(dir, 'koladaGroups', koladaGroups, hash, 'Kolada v3 group list');
  const koladaPlaces = readJson(
    dir,
    'koladaMunicipalities',
    koladaMunicipalities,
    hash,
    'Kolada v3 municipality list',
  );
  const koladaTitle = new Map(koladaPlaces.values.map((p) => [p.id, p.title]));

  const regionCodes = new Set(counties.map((c) => c.county_code));
  for (const m of municipalities) {
    if (!regionCodes.has(m.county_code)) {
      throw new ReferenceDataError(
        file('municipalities'),
        `municipality ${m.municipality_code} names unknown county ${m.county_code}`,
      );
    }
  }
  const municipalityCodes = new Set(municipalities.map((m) => m.municipality_code));
  const codeByName = new Map(municipalities.map((m) => [m.municipality_name_short, m.municipality_code]));
  const skrByGroupId = new Map(skr.map((r) => [r.kolada_group_id, r.skr_group_code]));

  const groups: ReferenceGroup[] = kolada.values.map((g) => {
    const similar = parseSimilarGroupTitle(g.title);
    const skrCode = skrByGroupId.get(g.id) ?? null;
    const kind: GroupKind = skrCode ? 'skr' : similar ? 'similar' : 'other';
    return {
      id: g.id,
      title: g.title,
      kind,
      skrCode,
      operatingArea: similar?.operatingArea ?? null,
      referenceMunicipalityCode: similar ? (codeByName.get(similar.municipalityName) ?? null) : null,
      referenceYear: similar?.year ?? null,
      members: [...new Set(g.members.map((m) => m.member_id))].filter((id) => municipalityCodes.has(id)),
      // Kolada names regions "00" + county code.
      regionMembers: [...new Set(g.members.map((m) => m.member_id))]
        .filter((id) => id.startsWith('00') && regionCodes.has(id.slice(2)))
        .map((id) => id.slice(2)),
    };
  });

  return {
    regions: counties.map((c) => ({
      code: c.county_code,
      name: c.county_name,
      shortName: c.county_name_short,
      koladaTitle: koladaTitle.get(`00${c.county_code}`) ?? c.county_name,
    })),
    municipalities: municipalities.map((m) => ({
      code: m.municipality_code,
      name: m.municipality_name_short,
      regionCode: m.county_code,
    })),
    groups,
    checksum: hash.digest('hex'),
  };
}
