import type { Queryable } from '../../db/db.js';
import type { LegalSex } from '../../domain/persons/personnummer.js';

/**
 * The statements that write the persons module's tables, each for a whole batch in one round
 * trip (json_to_recordset). Only this module calls them: linkPersons, the person changes, and
 * the synthetic nation, which hands over rows its generator already made consistent.
 */
const ROWS_PER_STATEMENT = 4000;

export interface NewPersonRow {
  pseudonym: string;
  number: string;
  name: string;
  birthDate: string;
  sex: LegalSex;
  /** Default: the writer's time. */
  createdAt?: string;
}

/** Writes new persons and their identities; checks the identities match (the pseudonym key). */
export async function insertPersons(
  tx: Queryable,
  persons: readonly NewPersonRow[],
  now: Date,
): Promise<void> {
  for (let i = 0; i < persons.length; i += ROWS_PER_STATEMENT) {
    const slice = persons.slice(i, i + ROWS_PER_STATEMENT);
    const json = JSON.stringify(
      slice.map((p) => ({
        pseudonym: p.pseudonym,
        birth_date: p.birthDate,
        sex: p.sex,
        number: p.number,
        name: p.name,
        created_at: p.createdAt ?? now.toISOString(),
      })),
    );
    const input = `json_to_recordset($1::json) AS p(pseudonym text, birth_date date, sex text, number text, name text,
      created_at timestamptz)`;
    await tx.query(
      `INSERT INTO person (pseudonym, birth_date, sex, created_at)
       SELECT p.pseudonym, p.birth_date, p.sex, p.created_at FROM ${input} ON CONFLICT DO NOTHING`,
      [json],
    );
    await tx.query(
      `INSERT INTO person_identity (pseudonym, personnummer_12, name, created_at)
       SELECT p.pseudonym, p.number, p.name, p.created_at FROM ${input} ON CONFLICT DO NOTHING`,
      [json],
    );
    // Same number, other pseudonym on file: the key is not the one the data was written with.
    const { rows } = await tx.query<{ n: number }>(
      `SELECT count(*) AS n FROM ${input}
         JOIN person_identity i ON i.pseudonym = p.pseudonym AND i.personnummer_12 = p.number`,
      [json],
    );
    if (Number(rows[0]?.n) !== slice.length)
      throw new Error('person_identity does not match the pseudonym: was PSEUDONYM_KEY changed?');
  }
}

export interface NewServiceLink {
  pseudonym: string;
  unitId: string;
  municipalityCode: string;
  validFrom: string;
  /** Default: still served. */
  validTo?: string;
  /** Default: the writer's time. */
  createdAt?: string;
}

/**
 * Inserts service links; returns each one's id in the order given, null for a link that already
 * existed (the same person, unit and start).
 */
export async function insertServiceLinks(
  tx: Queryable,
  links: readonly NewServiceLink[],
  now: Date,
): Promise<Array<number | null>> {
  const ids: Array<number | null> = [];
  for (let i = 0; i < links.length; i += ROWS_PER_STATEMENT) {
    const slice = links.slice(i, i + ROWS_PER_STATEMENT);
    // WITH ORDINALITY keeps the input order, so each id pairs with its link.
    const { rows } = await tx.query<{ id: number; n: number }>(
      `WITH input AS (
         SELECT * FROM ROWS FROM (json_to_recordset($1::json) AS (person_pseudonym text, unit_id uuid,
           municipality_code text, valid_from date, valid_to date, created_at timestamptz))
           WITH ORDINALITY AS s(person_pseudonym, unit_id, municipality_code, valid_from, valid_to, created_at, n)
       ), inserted AS (
         INSERT INTO person_service (person_pseudonym, unit_id, municipality_code, valid_from, valid_to, created_at)
         SELECT person_pseudonym, unit_id, municipality_code, valid_from, coalesce(valid_to, 'infinity'), created_at
           FROM input ORDER BY n
         ON CONFLICT DO NOTHING
         RETURNING id, person_pseudonym, unit_id, valid_from
       )
       SELECT inserted.id, input.n FROM inserted JOIN input USING (person_pseudonym, unit_id, valid_from)`,
      [
        JSON.stringify(
          slice.map((l) => ({
            person_pseudonym: l.pseudonym,
            unit_id: l.unitId,
            municipality_code: l.municipalityCode,
            valid_from: l.validFrom,
            valid_to: l.validTo ?? null,
            created_at: l.createdAt ?? now.toISOString(),
          })),
        ),
      ],
    );
    const byN = new Map(rows.map((r) => [Number(r.n), Number(r.id)]));
    slice.forEach((_l, k) => ids.push(byN.get(k + 1) ?? null));
  }
  return ids;
}

/** Moves the start of links this transaction created (an unsorted import reaching back). */
export async function moveServiceLinks(
  tx: Queryable,
  moves: ReadonlyArray<{ id: number; validFrom: string; municipalityCode: string }>,
): Promise<void> {
  if (moves.length === 0) return;
  await tx.query(
    `UPDATE person_service s SET valid_from = m.valid_from, municipality_code = m.municipality_code
       FROM json_to_recordset($1::json) AS m(id bigint, valid_from date, municipality_code text)
      WHERE s.id = m.id`,
    [
      JSON.stringify(
        moves.map((m) => ({ id: m.id, valid_from: m.validFrom, municipality_code: m.municipalityCode })),
      ),
    ],
  );
}

/** The ids of every service link of the persons (for the modules whose rows hang on them). */
export async function serviceIdsOfPersons(tx: Queryable, pseudonyms: readonly string[]): Promise<number[]> {
  const { rows } = await tx.query<{ id: number }>(
    'SELECT id FROM person_service WHERE person_pseudonym = ANY($1::text[]) ORDER BY id',
    [pseudonyms],
  );
  return rows.map((r) => Number(r.id));
}

/**
 * Deletes the persons with their service links, grants and identities. The rows of other
 * modules that hang on them (entries, facts, served-through marks) must be gone first.
 */
export async function deletePersons(tx: Queryable, pseudonyms: readonly string[]): Promise<void> {
  const list = [pseudonyms];
  await tx.query('DELETE FROM person_service WHERE person_pseudonym = ANY($1::text[])', list);
  await tx.query('DELETE FROM break_glass_grant WHERE person_pseudonym = ANY($1::text[])', list);
  await tx.query('DELETE FROM person_identity WHERE pseudonym = ANY($1::text[])', list);
  await tx.query('DELETE FROM person WHERE pseudonym = ANY($1::text[])', list);
}
