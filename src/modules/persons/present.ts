import { toInt } from '../../db/db.js';
import type { PersonDetail, PersonSummary, ServicePeriod } from '../../contracts/persons.js';
import type { PersonRow, PersonSummaryRow, ServiceRow } from './queries.js';

/** What leaves the server about persons: the shapes are the contract in src/contracts/persons.ts. */
export function servicePeriod(row: ServiceRow): ServicePeriod {
  return {
    id: toInt(row.id),
    unitId: row.unit_id,
    municipalityCode: row.municipality_code,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
}

export function personSummary(row: PersonSummaryRow, services: ServiceRow[]): PersonSummary {
  return {
    pseudonym: row.pseudonym,
    birthYear: Number(row.birth_date.slice(0, 4)),
    sex: row.sex_override ?? row.sex,
    services: services.map(servicePeriod),
  };
}

export function personDetail(row: PersonRow, services: ServiceRow[]): PersonDetail {
  const n = row.personnummer_12;
  return {
    pseudonym: row.pseudonym,
    personnummer: `${n.slice(0, 8)}-${n.slice(8)}`,
    name: row.name,
    birthDate: row.birth_date,
    legalSex: row.sex,
    sex: row.sex_override ?? row.sex,
    sexOverride:
      row.sex_override !== null && row.sex_override_reason !== null
        ? { sex: row.sex_override, reason: row.sex_override_reason }
        : null,
    services: services.map(servicePeriod),
    access: row.served_in_scope ? 'scope' : 'break_glass',
  };
}

export const PERSONS_CSV_HEADER = ['pseudonym', 'birth_year', 'sex', 'units'] as const;

/** RFC 4180 CSV (CRLF, quoted only when needed); units are the in-scope unit ids joined by ";". */
export function personsCsv(persons: readonly PersonSummary[]): string {
  const lines = [PERSONS_CSV_HEADER.join(',')];
  for (const p of persons) {
    const units = [...new Set(p.services.map((s) => s.unitId))].join(';');
    lines.push([p.pseudonym, String(p.birthYear), p.sex, units].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
