import { toInt } from '../../db/db.js';
import type { LegalSex } from '../../domain/persons/personnummer.js';
import type { PersonRow, PersonSummaryRow, ServiceRow } from './queries.js';

/**
 * What leaves the server about persons. Name and personnummer appear only in PersonDetail, which
 * only lookup and read return; everything else carries the pseudonym.
 */
export interface ServicePeriod {
  /** The period's id: /api/v1/persons/{pseudonym}/services/{id}/end ends it. */
  id: number;
  unitId: string;
  municipalityCode: string;
  validFrom: string;
  /** The first day no longer served; null = still served. */
  validTo: string | null;
}

export interface PersonSummary {
  pseudonym: string;
  birthYear: number;
  /** The sex used in statistics: the override when set, else the legal sex. */
  sex: LegalSex;
  services: ServicePeriod[];
}

export interface PersonDetail {
  pseudonym: string;
  /** YYYYMMDD-NNNC. */
  personnummer: string;
  name: string;
  birthDate: string;
  legalSex: LegalSex;
  sex: LegalSex;
  sexOverride: { sex: LegalSex; reason: string } | null;
  services: ServicePeriod[];
  /** How the caller may see this person: served in scope, or through a break-the-glass grant. */
  access: 'scope' | 'break_glass';
}

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
