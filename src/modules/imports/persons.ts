import type { Queryable } from '../../db/db.js';
import type { PersonFacts } from '../../domain/registers/facts.js';
import type { ImportActor } from './actor.js';
import type { BatchRow } from './batch-row.js';
import { municipalityOn, type UnitInfo } from './units.js';

/**
 * Persons and their service links for one batch, with the rules of registerPerson: a row's
 * person is created when new (the name is then required), and linked to the row's unit from
 * `served_from` (or the entry's date) unless a link already covers that day. A link this import
 * created itself may be moved back to an earlier row's date, so a file need not be sorted; links
 * that were on file before are never changed.
 */
interface Link {
  id: number | null;
  pseudonym: string;
  unitId: string;
  validFrom: string;
  validTo: string;
  municipalityCode: string;
  createdHere: boolean;
  moved: boolean;
}

interface NewPerson {
  pseudonym: string;
  number: string;
  name: string;
  birthDate: string;
  sex: 'K' | 'M';
}

export interface LinkResult {
  persons: Map<string, PersonFacts>;
  /** Service links created, and links moved: their monthly "served" facts must be (re)computed. */
  newServiceIds: number[];
  movedServiceIds: number[];
  personsCreated: number;
  linksCreated: number;
}

const covers = (l: Link, day: string) => l.validFrom <= day && (l.validTo === 'infinity' || day < l.validTo);

async function loadState(tx: Queryable, pseudonyms: string[]) {
  const persons = await tx.query<{ pseudonym: string; birth_date: string; sex: 'K' | 'M' }>(
    `SELECT pseudonym, birth_date, coalesce(sex_override, sex) AS sex FROM person WHERE pseudonym = ANY($1::text[])`,
    [pseudonyms],
  );
  // xmin = this transaction: the link was created by this import (see the module comment).
  const links = await tx.query<{
    id: number;
    person_pseudonym: string;
    unit_id: string;
    valid_from: string;
    valid_to: string;
    municipality_code: string;
    created_here: boolean;
  }>(
    `SELECT id, person_pseudonym, unit_id, valid_from, valid_to::text AS valid_to, municipality_code,
            xmin = pg_current_xact_id()::xid AS created_here
       FROM person_service WHERE person_pseudonym = ANY($1::text[]) ORDER BY valid_from`,
    [pseudonyms],
  );
  const known = new Map<string, PersonFacts>(
    persons.rows.map((p) => [p.pseudonym, { pseudonym: p.pseudonym, birthDate: p.birth_date, sex: p.sex }]),
  );
  const byPair = new Map<string, Link[]>();
  for (const l of links.rows) {
    const key = `${l.person_pseudonym}|${l.unit_id}`;
    const list = byPair.get(key) ?? [];
    list.push({
      id: Number(l.id),
      pseudonym: l.person_pseudonym,
      unitId: l.unit_id,
      validFrom: l.valid_from,
      validTo: l.valid_to,
      municipalityCode: l.municipality_code,
      createdHere: l.created_here,
      moved: false,
    });
    byPair.set(key, list);
  }
  return { known, byPair };
}

/** Decides, row by row, what to create or move; returns nothing for rows it found bad. */
function planLinks(
  rows: readonly BatchRow[],
  units: ReadonlyMap<string, UnitInfo>,
  actor: ImportActor,
  known: Map<string, PersonFacts>,
  byPair: Map<string, Link[]>,
): { newPersons: NewPerson[]; links: Link[] } {
  const newPersons: NewPerson[] = [];
  const touched = new Set<Link>();
  for (const b of rows) {
    const r = b.row;
    // A new person is kept only once one of their rows got a link (the INSERT policy needs one).
    let person = known.get(r.pseudonym);
    const isNew = !person;
    if (!person) {
      if (!r.name) {
        b.issue(
          'name',
          'required_for_new_person',
          'is required for a person not yet registered at your units',
        );
        continue;
      }
      person = { pseudonym: r.pseudonym, birthDate: r.identity.birthDate, sex: r.identity.legalSex };
    }
    const servedFrom = r.servedFrom ?? r.date;
    const column = r.servedFrom ? 'served_from' : 'date';
    if (servedFrom < person.birthDate) {
      b.issue(column, 'before_birth', 'must not be before the date of birth');
      continue;
    }
    const key = `${r.pseudonym}|${b.unitId}`;
    const links = byPair.get(key) ?? [];
    if (!links.some((l) => covers(l, servedFrom))) {
      const unit = units.get(b.unitId);
      const municipalityCode = unit ? municipalityOn(unit, servedFrom) : undefined;
      if (municipalityCode === undefined) {
        b.issue(column, 'unit_not_active', 'must be a date on which the unit exists');
        continue;
      }
      if (!actor.mayWrite({ unitId: b.unitId, municipalityCode })) {
        b.issue('unit_code', 'outside_scope', 'the unit is outside your scope');
        continue;
      }
      const later = links
        .filter((l) => l.validFrom > servedFrom)
        .sort((a, c) => a.validFrom.localeCompare(c.validFrom))[0];
      if (later && !later.createdHere) {
        b.issue(
          column,
          'overlaps_service',
          `must not be before ${later.validFrom}, when the unit's service began`,
        );
        continue;
      }
      const link = later ?? {
        id: null,
        pseudonym: r.pseudonym,
        unitId: b.unitId,
        validFrom: servedFrom,
        validTo: 'infinity',
        municipalityCode,
        createdHere: true,
        moved: false,
      };
      if (later) Object.assign(later, { validFrom: servedFrom, municipalityCode, moved: later.id !== null });
      else byPair.set(key, [...links, link]);
      touched.add(link);
    }
    if (isNew && r.name) {
      known.set(r.pseudonym, person);
      newPersons.push({ ...person, number: r.identity.normalised, name: r.name });
    }
    if (!(byPair.get(key) ?? []).some((l) => covers(l, r.date)))
      b.issue('date', 'not_served_by_unit', 'the person was not served by the unit on this date');
  }
  return { newPersons, links: [...touched] };
}

export async function linkPersons(
  tx: Queryable,
  rows: readonly BatchRow[],
  units: ReadonlyMap<string, UnitInfo>,
  actor: ImportActor,
): Promise<LinkResult> {
  const pseudonyms = [...new Set(rows.map((b) => b.row.pseudonym))];
  const { known, byPair } = await loadState(tx, pseudonyms);
  const { newPersons, links } = planLinks(rows, units, actor, known, byPair);
  const at = actor.now.toISOString();
  const fresh = links.filter((l) => l.id === null);
  const moved = links.filter((l) => l.id !== null && l.moved);
  const newServiceIds: number[] = [];
  if (fresh.length) {
    // Links first: the person's INSERT policy only accepts a person served in scope.
    const inserted = await tx.query<{ id: number }>(
      `INSERT INTO person_service (person_pseudonym, unit_id, municipality_code, valid_from, created_at)
       SELECT l.pseudonym, l.unit_id, l.municipality_code, l.valid_from, $2
         FROM json_to_recordset($1::json) AS l(pseudonym text, unit_id uuid, municipality_code text, valid_from date)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        JSON.stringify(
          fresh.map((l) => ({
            pseudonym: l.pseudonym,
            unit_id: l.unitId,
            municipality_code: l.municipalityCode,
            valid_from: l.validFrom,
          })),
        ),
        at,
      ],
    );
    newServiceIds.push(...inserted.rows.map((r) => Number(r.id)));
  }
  if (moved.length)
    await tx.query(
      `UPDATE person_service s SET valid_from = m.valid_from, municipality_code = m.municipality_code
         FROM json_to_recordset($1::json) AS m(id bigint, valid_from date, municipality_code text)
        WHERE s.id = m.id`,
      [
        JSON.stringify(
          moved.map((l) => ({ id: l.id, valid_from: l.validFrom, municipality_code: l.municipalityCode })),
        ),
      ],
    );
  const personsCreated = await insertPersons(tx, newPersons, at);
  return {
    persons: known,
    newServiceIds,
    movedServiceIds: moved.map((l) => l.id as number),
    personsCreated,
    linksCreated: fresh.length,
  };
}

/** Writes new persons and their identities; checks the identities match (the pseudonym key). */
async function insertPersons(tx: Queryable, persons: readonly NewPerson[], at: string): Promise<number> {
  if (persons.length === 0) return 0;
  const json = JSON.stringify(
    persons.map((p) => ({
      pseudonym: p.pseudonym,
      birth_date: p.birthDate,
      sex: p.sex,
      number: p.number,
      name: p.name,
    })),
  );
  const created = await tx.query(
    `INSERT INTO person (pseudonym, birth_date, sex, created_at)
     SELECT p.pseudonym, p.birth_date, p.sex, $2 FROM json_to_recordset($1::json) AS p(pseudonym text, birth_date date, sex text)
     ON CONFLICT DO NOTHING`,
    [json, at],
  );
  await tx.query(
    `INSERT INTO person_identity (pseudonym, personnummer_12, name, created_at)
     SELECT p.pseudonym, p.number, p.name, $2 FROM json_to_recordset($1::json) AS p(pseudonym text, number text, name text)
     ON CONFLICT DO NOTHING`,
    [json, at],
  );
  // Same number, other pseudonym on file: the key is not the one the data was written with.
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*) AS n FROM json_to_recordset($1::json) AS p(pseudonym text, number text)
       JOIN person_identity i ON i.pseudonym = p.pseudonym AND i.personnummer_12 = p.number`,
    [json],
  );
  if (Number(rows[0]?.n) !== persons.length)
    throw new Error('person_identity does not match the pseudonym: was PSEUDONYM_KEY changed?');
  return created.affectedRows;
}
