import type { Queryable } from '../../db/db.js';
import type { LegalSex } from '../../domain/persons/personnummer.js';
import type { IndividualWriter } from '../../domain/policy/actor.js';
import type { PersonFacts } from '../../domain/registers/facts.js';
import { municipalityOn, type UnitInfo } from '../org/units.js';
import { insertPersons, insertServiceLinks, moveServiceLinks, type NewPersonRow } from './write.js';

/**
 * The one writer of persons and their service links, for a batch of claims "this person is
 * served by this unit from this day" (a registration over HTTP is a batch of one, an import a
 * batch of a thousand). The rules, each written once:
 * - a person not yet visible in the writer's scope is created, and needs a name;
 * - the day is not before the person's birth, and the unit exists on it (`unit_not_active`);
 * - the writer may write at the unit in its municipality on that day (`outside_scope`);
 * - a link already covering the day is left alone; otherwise a link starts on the day, unless a
 *   later link of the same person and unit exists (`overlaps_service`). A later link this
 *   transaction created itself is moved back instead, so an import need not be sorted.
 * The answers never depend on persons outside the writer's scope: a person on file elsewhere is
 * "new" to this writer, exactly as one never seen.
 */
export interface ServiceClaim {
  pseudonym: string;
  identity: { normalised: string; birthDate: string; legalSex: LegalSex };
  /** Required for a person not yet visible in scope. */
  name: string | null;
  unit: UnitInfo;
  servedFrom: string;
}

export interface ClaimIssue {
  field: 'name' | 'servedFrom' | 'unit';
  rule: string;
  message: string;
}

export interface LinkResult {
  /** Per claim, in order: its issue, or null when it holds. */
  issues: Array<ClaimIssue | null>;
  /** Per claim: whether it created or moved a link (false when one already covered the day). */
  linked: boolean[];
  /** The persons of the claims that hold, with the sex used in statistics. */
  persons: Map<string, PersonFacts>;
  /** Service links created, and links moved: their monthly "served" facts must be (re)computed. */
  newServiceIds: number[];
  movedServiceIds: number[];
  /** Persons that were not visible in the writer's scope before (new to its units). */
  personsCreated: number;
  linksCreated: number;
}

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

const covers = (l: Link, day: string) => l.validFrom <= day && (l.validTo === 'infinity' || day < l.validTo);

async function loadState(tx: Queryable, pseudonyms: string[]) {
  const persons = await tx.query<{ pseudonym: string; birth_date: string; sex: 'K' | 'M' }>(
    `SELECT pseudonym, birth_date, coalesce(sex_override, sex) AS sex FROM person WHERE pseudonym = ANY($1::text[])`,
    [pseudonyms],
  );
  // xmin = this transaction: the link was created by this writer (see the module comment).
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

/** Decides, claim by claim, what to create or move; the issue of a claim that fails. */
function planLinks(
  claims: readonly ServiceClaim[],
  writer: IndividualWriter,
  known: Map<string, PersonFacts>,
  byPair: Map<string, Link[]>,
) {
  const newPersons: NewPersonRow[] = [];
  const touched = new Set<Link>();
  const issues: Array<ClaimIssue | null> = [];
  const linked: boolean[] = [];
  const persons = new Map<string, PersonFacts>();
  for (const c of claims) {
    const fail = (field: ClaimIssue['field'], rule: string, message: string) => {
      issues.push({ field, rule, message });
      linked.push(false);
    };
    // A new person is kept only once one of their claims got a link (the INSERT policy needs one).
    let person = known.get(c.pseudonym);
    const isNew = !person;
    if (!person) {
      if (!c.name) {
        fail('name', 'required_for_new_person', 'is required for a person not yet registered at your units');
        continue;
      }
      person = { pseudonym: c.pseudonym, birthDate: c.identity.birthDate, sex: c.identity.legalSex };
    }
    if (c.servedFrom < person.birthDate) {
      fail('servedFrom', 'before_birth', 'must not be before the date of birth');
      continue;
    }
    // The writer must be able to write at the unit on the day, whether or not a link covers it.
    const municipalityCode = municipalityOn(c.unit, c.servedFrom);
    if (municipalityCode === undefined) {
      fail('servedFrom', 'unit_not_active', 'must be a date on which the unit exists');
      continue;
    }
    if (!writer.mayWrite({ unitId: c.unit.id, municipalityCode })) {
      fail('unit', 'outside_scope', 'the unit is outside your scope');
      continue;
    }
    const key = `${c.pseudonym}|${c.unit.id}`;
    const links = byPair.get(key) ?? [];
    let linkedHere = false;
    if (!links.some((l) => covers(l, c.servedFrom))) {
      const later = links
        .filter((l) => l.validFrom > c.servedFrom)
        .sort((a, b) => a.validFrom.localeCompare(b.validFrom))[0];
      if (later && !later.createdHere) {
        fail(
          'servedFrom',
          'overlaps_service',
          `must not be before ${later.validFrom}, when the unit's service began`,
        );
        continue;
      }
      const link = later ?? {
        id: null,
        pseudonym: c.pseudonym,
        unitId: c.unit.id,
        validFrom: c.servedFrom,
        validTo: 'infinity',
        municipalityCode,
        createdHere: true,
        moved: false,
      };
      if (later)
        Object.assign(later, { validFrom: c.servedFrom, municipalityCode, moved: later.id !== null });
      else byPair.set(key, [...links, link]);
      touched.add(link);
      linkedHere = true;
    }
    if (isNew && c.name) {
      known.set(c.pseudonym, person);
      newPersons.push({ ...person, number: c.identity.normalised, name: c.name });
    }
    persons.set(c.pseudonym, person);
    issues.push(null);
    linked.push(linkedHere);
  }
  return { newPersons, links: [...touched], issues, linked, persons };
}

export async function linkPersons(
  tx: Queryable,
  writer: IndividualWriter,
  claims: readonly ServiceClaim[],
): Promise<LinkResult> {
  const { known, byPair } = await loadState(tx, [...new Set(claims.map((c) => c.pseudonym))]);
  const plan = planLinks(claims, writer, known, byPair);
  const fresh = plan.links.filter((l) => l.id === null);
  const moved = plan.links.filter((l) => l.id !== null && l.moved);
  // Links first: the person's INSERT policy only accepts a person served in scope.
  const newServiceIds = (await insertServiceLinks(tx, fresh, writer.now)).filter(
    (id): id is number => id !== null,
  );
  await moveServiceLinks(
    tx,
    moved.map((l) => ({ id: l.id as number, validFrom: l.validFrom, municipalityCode: l.municipalityCode })),
  );
  await insertPersons(tx, plan.newPersons, writer.now);
  return {
    issues: plan.issues,
    linked: plan.linked,
    persons: plan.persons,
    newServiceIds,
    movedServiceIds: moved.map((l) => l.id as number),
    personsCreated: plan.newPersons.length,
    linksCreated: fresh.length,
  };
}

/** Per check, whether the person's visible service at the unit covers the day. */
export async function servedOn(
  tx: Queryable,
  checks: ReadonlyArray<{ pseudonym: string; unitId: string; day: string }>,
): Promise<boolean[]> {
  if (checks.length === 0) return [];
  const { rows } = await tx.query<{ n: number; served: boolean }>(
    `SELECT c.n, EXISTS (SELECT 1 FROM person_service s
                          WHERE s.person_pseudonym = c.pseudonym AND s.unit_id = c.unit_id
                            AND s.valid_from <= c.day AND c.day < s.valid_to) AS served
       FROM json_to_recordset($1::json) AS c(n integer, pseudonym text, unit_id uuid, day date)`,
    [JSON.stringify(checks.map((c, n) => ({ n, pseudonym: c.pseudonym, unit_id: c.unitId, day: c.day })))],
  );
  const out = checks.map(() => false);
  for (const r of rows) out[Number(r.n)] = r.served;
  return out;
}
