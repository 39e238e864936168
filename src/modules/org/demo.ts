import { createHash } from 'node:crypto';
import type { Db } from '../../db/db.js';
import type { OperatingArea, ProviderType, UnitType } from '../../domain/org/codes.js';
import { seededRandom } from '../../domain/random.js';

/**
 * Deterministic synthetic units for every municipality, flagged `synthetic` so the web labels
 * them. Includes a few reorganisations so "as of" questions have something to show.
 */
const NAMES = [
  'Solgården',
  'Ekbacken',
  'Lindhaga',
  'Björkhagen',
  'Tallgården',
  'Åsgården',
  'Sjöstugan',
  'Rosengården',
  'Ängsbacken',
  'Granhöjden',
  'Källgården',
  'Vallmon',
  'Hagalund',
  'Lärkan',
  'Furuhem',
  'Norrgården',
  'Söderbo',
  'Västerhöjd',
  'Österäng',
  'Kastanjen',
  'Lönnen',
  'Almgården',
  'Bäckagården',
  'Strandhem',
];

interface Template {
  unitType: UnitType;
  operatingArea: OperatingArea;
  suffix: string;
  min: number;
  max: number;
}

const TEMPLATES: Template[] = [
  { unitType: 'special_housing', operatingArea: 'elderly_care', suffix: 'särskilt boende', min: 1, max: 4 },
  { unitType: 'home_care', operatingArea: 'elderly_care', suffix: 'hemtjänst', min: 1, max: 3 },
  { unitType: 'short_term_housing', operatingArea: 'elderly_care', suffix: 'korttidsboende', min: 0, max: 1 },
  { unitType: 'group_home', operatingArea: 'disability', suffix: 'gruppbostad LSS', min: 1, max: 2 },
  { unitType: 'daily_activity', operatingArea: 'disability', suffix: 'daglig verksamhet', min: 0, max: 1 },
  {
    unitType: 'ifo_section',
    operatingArea: 'individual_family_care',
    suffix: 'IFO vuxenenhet',
    min: 1,
    max: 1,
  },
];

const DEMO_START = '2019-01-01';

function uuidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface VersionRow {
  unit_id: string;
  municipality_code: string;
  name: string;
  provider_type: ProviderType;
  operating_area: OperatingArea;
  unit_type: UnitType;
  valid_from: string;
  valid_to: string;
}

export function demoUnitVersions(municipalityCodes: string[], seed = 1): VersionRow[] {
  const rows: VersionRow[] = [];
  const codes = [...municipalityCodes].sort();
  codes.forEach((code, index) => {
    const rng = seededRandom(`${seed}:${code}`);
    for (const t of TEMPLATES) {
      const count = rng.int(t.min, t.max);
      for (let i = 0; i < count; i++) {
        const provider: ProviderType = rng.chance(0.7)
          ? 'municipal'
          : rng.chance(0.8)
            ? 'private'
            : 'non_profit';
        const base: VersionRow = {
          unit_id: uuidFrom(`${seed}:${code}:${t.unitType}:${i}`),
          municipality_code: code,
          name: `${rng.pick(NAMES)} ${t.suffix}`,
          provider_type: provider,
          operating_area: t.operatingArea,
          unit_type: t.unitType,
          valid_from: DEMO_START,
          valid_to: 'infinity',
        };
        // Every 40th municipality contracts one home-care group out to a private provider in mid-2023.
        if (t.unitType === 'home_care' && i === 0 && index % 40 === 0 && provider === 'municipal') {
          rows.push({ ...base, valid_to: '2023-07-01' });
          rows.push({ ...base, provider_type: 'private', valid_from: '2023-07-01' });
          continue;
        }
        // Every 50th municipality hands an LSS group home to its neighbour (a joint board) in 2024.
        const neighbour = codes[index + 1];
        if (t.unitType === 'group_home' && i === 0 && index % 50 === 0 && neighbour) {
          rows.push({ ...base, valid_to: '2024-01-01' });
          rows.push({ ...base, municipality_code: neighbour, valid_from: '2024-01-01' });
          continue;
        }
        rows.push(base);
      }
    }
  });
  return rows;
}

/** Creates demo units once, on a register without units. Returns how many units were made. */
export async function seedDemoUnits(db: Db, seed = 1): Promise<number> {
  const existing = await db.query('SELECT 1 FROM org_unit LIMIT 1');
  if (existing.rows.length > 0) return 0;
  const munis = await db.query<{ code: string }>('SELECT code FROM org_municipality ORDER BY code');
  const versions = demoUnitVersions(
    munis.rows.map((r) => r.code),
    seed,
  );
  const unitIds = [...new Set(versions.map((v) => v.unit_id))];
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO org_unit (id, synthetic) SELECT u.id, true FROM json_to_recordset($1::json) AS u(id uuid)`,
      [JSON.stringify(unitIds.map((id) => ({ id })))],
    );
    await tx.query(
      `INSERT INTO org_unit_version (unit_id, municipality_code, name, provider_type, operating_area, unit_type, valid_from, valid_to)
       SELECT v.unit_id, v.municipality_code, v.name, v.provider_type, v.operating_area, v.unit_type, v.valid_from, v.valid_to
       FROM json_to_recordset($1::json) AS v(unit_id uuid, municipality_code text, name text, provider_type text,
         operating_area text, unit_type text, valid_from date, valid_to date)`,
      [JSON.stringify(versions)],
    );
  });
  return unitIds.length;
}
