import type { Queryable } from '../../db/db.js';
import type { Fact, FactAttribute } from '../../domain/facts/fact.js';
import { factsOfServedSpan, type ServedSpan } from '../../domain/registers/facts.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import type { CountDelta } from '../../domain/indicators/membership.js';
import { REQUEUE_TAKEN } from './publish-queries.js';

/** SQL of the indicator engine. Bulk statements take JSON arrays so a batch is one round trip. */

export interface FactSource {
  type: string;
  id: string;
}

/** A (person, unit, year) whose memberships must be recomputed. */
export interface Slice {
  person: string;
  unitId: string;
  year: number;
}

type Raw = Record<string, unknown>;

/**
 * What the counting reads: the stored facts and the served spans, a fact a month
 * (sql/0240_served_span.sql). Writes go to the two tables, reads of facts to this view.
 */
export const COUNTED_FACTS = 'indicator_fact_counted';

/**
 * A query of a few slices or sources, once per fact table (aliased f, with f.row_xmin), joined
 * UNION ALL: joined to the UNION ALL view the planner scanned every fact instead of the indexes.
 */
export function perFactTable(select: (table: string) => string): string {
  return [select('(SELECT *, xmin AS row_xmin FROM indicator_fact)'), select('indicator_served_fact')].join(
    '\nUNION ALL\n',
  );
}

export async function upsertDefinitions(q: Queryable, defs: readonly IndicatorDefinition[]): Promise<void> {
  await q.query(
    `INSERT INTO indicator_definition (id, version, definition)
     SELECT d.id, d.version, d.definition FROM json_to_recordset($1::json) AS d(id text, version integer, definition jsonb)
     ON CONFLICT (id, version) DO NOTHING`,
    [JSON.stringify(defs.map((d) => ({ id: d.id, version: d.version, definition: d })))],
  );
}

export async function activeDefinitionJson(q: Queryable): Promise<unknown[]> {
  const { rows } = await q.query<{ definition: unknown }>(
    'SELECT definition FROM indicator_definition WHERE active ORDER BY id',
  );
  return rows.map((r) => r.definition);
}

const SOURCES_JSON = 'json_to_recordset($1::json) AS s(type text, id text)';

/** The slices the current facts of the sources lie in. */
export async function slicesOfSources(q: Queryable, sources: readonly FactSource[]): Promise<Slice[]> {
  if (sources.length === 0) return [];
  const { rows } = await q.query<Raw>(
    `SELECT DISTINCT * FROM (${perFactTable(
      (t) => `SELECT f.person, f.unit_id, extract(year FROM f.fact_date)::int AS year
       FROM ${SOURCES_JSON} JOIN ${t} f ON f.source_type = s.type AND f.source_id = s.id`,
    )}) touched`,
    [JSON.stringify(sources)],
  );
  return rows.map(sliceOfRow);
}

const sliceOfRow = (r: Raw): Slice => ({
  person: r['person'] as string,
  unitId: r['unit_id'] as string,
  year: Number(r['year']),
});

/**
 * Inserts the facts of many sources in one statement (and their served spans in another): an
 * item with a span stores the span, its facts are the span's months.
 */
export async function insertFactsOfSources(
  q: Queryable,
  items: ReadonlyArray<{ source: FactSource; facts: readonly Fact[]; span?: ServedSpan | null }>,
): Promise<void> {
  await insertServedSpans(
    q,
    items.flatMap((i) => (i.span ? [{ source: i.source, span: i.span }] : [])),
  );
  const rows = items.flatMap(({ source, facts, span }) =>
    (span === undefined ? facts : []).map((f) => ({
      register: f.register,
      kind: f.kind,
      person: f.person,
      unit_id: f.unitId,
      fact_date: f.date,
      sex: f.sex,
      age: f.age,
      attributes: f.attributes,
      source_type: source.type,
      source_id: source.id,
    })),
  );
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO indicator_fact (register, kind, person, unit_id, fact_date, sex, age, attributes, source_type, source_id)
     SELECT f.register, f.kind, f.person, f.unit_id, f.fact_date, f.sex, f.age, f.attributes, f.source_type, f.source_id
     FROM json_to_recordset($1::json) AS f(register text, kind text, person text, unit_id uuid, fact_date date,
       sex text, age integer, attributes jsonb, source_type text, source_id text)`,
    [JSON.stringify(rows)],
  );
}

async function insertServedSpans(
  q: Queryable,
  spans: ReadonlyArray<{ source: FactSource; span: ServedSpan }>,
): Promise<void> {
  if (spans.length === 0) return;
  await q.query(
    `INSERT INTO indicator_served_span (person, unit_id, first_day, last_day, sex, birth_date, source_type, source_id)
     SELECT s.person, s.unit_id, s.first_day, s.last_day, s.sex, s.birth_date, s.source_type, s.source_id
     FROM json_to_recordset($1::json) AS s(person text, unit_id uuid, first_day date, last_day date, sex text,
       birth_date date, source_type text, source_id text)`,
    [
      JSON.stringify(
        spans.map(({ source, span }) => ({
          person: span.person,
          unit_id: span.unitId,
          first_day: span.firstDay,
          last_day: span.lastDay,
          sex: span.sex,
          birth_date: span.birthDate,
          source_type: source.type,
          source_id: source.id,
        })),
      ),
    ],
  );
}

export async function deleteFactsOfSources(q: Queryable, sources: readonly FactSource[]): Promise<void> {
  if (sources.length === 0) return;
  for (const table of ['indicator_fact', 'indicator_served_span'])
    await q.query(
      `DELETE FROM ${table} f USING ${SOURCES_JSON} WHERE f.source_type = s.type AND f.source_id = s.id`,
      [JSON.stringify(sources)],
    );
}

/** Slices holding facts of the person labelled with another sex than `sex`. */
export async function slicesOfPersonWithOtherSex(
  q: Queryable,
  pseudonym: string,
  sex: string,
): Promise<Slice[]> {
  const { rows } = await q.query<Raw>(
    `SELECT DISTINCT person, unit_id, extract(year FROM fact_date)::int AS year
       FROM ${COUNTED_FACTS} WHERE person = $1 AND sex <> $2`,
    [pseudonym, sex],
  );
  return rows.map(sliceOfRow);
}

export async function setSexOfFacts(q: Queryable, pseudonym: string, sex: string): Promise<void> {
  await q.query('UPDATE indicator_fact SET sex = $2 WHERE person = $1 AND sex <> $2', [pseudonym, sex]);
  await q.query('UPDATE indicator_served_span SET sex = $2 WHERE person = $1 AND sex <> $2', [
    pseudonym,
    sex,
  ]);
}

/** Deletes every fact of the persons (the synthetic nation's --replace; counts are rebuilt after). */
export async function deleteFactsOfPersons(q: Queryable, pseudonyms: readonly string[]): Promise<void> {
  await q.query('DELETE FROM indicator_fact WHERE person = ANY($1::text[])', [pseudonyms]);
  await q.query('DELETE FROM indicator_served_span WHERE person = ANY($1::text[])', [pseudonyms]);
}

/** A fact as read from indicator_fact (the columns of factsOfSlices). */
export function factOfRow(r: Raw): Fact {
  return {
    register: r['register'] as Fact['register'],
    kind: r['kind'] as Fact['kind'],
    person: r['person'] as string,
    unitId: r['unit_id'] as string,
    date: r['fact_date'] as string,
    sex: r['sex'] as 'K' | 'M',
    age: Number(r['age']),
    attributes: r['attributes'] as Record<string, FactAttribute>,
  };
}

/** Slices (person, unit_id, year) as a JSON parameter $1, and the join of a fact table to them. */
export const SLICE_JSON = `json_to_recordset($1::json) AS s(person text, unit_id uuid, year integer)`;
export const inSlice = (t: string): string => `${t}.person = s.person AND ${t}.unit_id = s.unit_id
  AND ${t}.fact_date >= make_date(s.year, 1, 1) AND ${t}.fact_date < make_date(s.year + 1, 1, 1)`;

/** The columns factOfRow reads, of a fact table aliased f. */
const FACT_COLUMNS = 'f.register, f.kind, f.person, f.unit_id, f.fact_date, f.sex, f.age, f.attributes';

export async function factsOfSlices(q: Queryable, slices: readonly Slice[]): Promise<Fact[]> {
  const { rows } = await q.query<Raw>(
    perFactTable((t) => `SELECT ${FACT_COLUMNS} FROM ${SLICE_JSON} JOIN ${t} f ON ${inSlice('f')}`),
    [slicesJson(slices)],
  );
  return rows.map(factOfRow);
}

/**
 * The facts of the slices, each marked when this transaction wrote it: an import settles its
 * slices once at the end, and the facts from before it are the ones it did not write. Served spans
 * are read as spans and expanded here with the function that made their facts (factsOfServedSpan):
 * expanded by the view, they were seven of every ten rows an import's settlement read.
 */
export async function factsOfSlicesWrittenHere(
  q: Queryable,
  slices: readonly Slice[],
): Promise<Array<{ fact: Fact; writtenHere: boolean }>> {
  const json = [slicesJson(slices)];
  const stored = await q.query<Raw>(
    `SELECT ${FACT_COLUMNS}, f.xmin = pg_current_xact_id()::xid AS written_here
       FROM ${SLICE_JSON} JOIN indicator_fact f ON ${inSlice('f')}`,
    json,
  );
  const out = stored.rows.map((r) => ({ fact: factOfRow(r), writtenHere: r['written_here'] === true }));
  const spans = await q.query<Raw>(
    `SELECT s.year, p.person, p.unit_id, p.first_day, p.last_day, p.sex, p.birth_date,
            p.xmin = pg_current_xact_id()::xid AS written_here
       FROM ${SLICE_JSON} JOIN indicator_served_span p ON p.person = s.person AND p.unit_id = s.unit_id
        AND p.first_day < make_date(s.year + 1, 1, 1) AND p.last_day >= make_date(s.year, 1, 1)`,
    json,
  );
  for (const r of spans.rows) {
    const year = String(r['year']);
    const facts = factsOfServedSpan({
      person: r['person'] as string,
      unitId: r['unit_id'] as string,
      firstDay: r['first_day'] as string,
      lastDay: r['last_day'] as string,
      sex: r['sex'] as 'K' | 'M',
      birthDate: r['birth_date'] as string,
    });
    const writtenHere = r['written_here'] === true;
    for (const fact of facts) if (fact.date.startsWith(year)) out.push({ fact, writtenHere });
  }
  return out;
}

/** Slices as the JSON parameter of SLICE_JSON. */
export function slicesJson(slices: readonly Slice[]): string {
  return JSON.stringify(slices.map((s) => ({ person: s.person, unit_id: s.unitId, year: s.year })));
}

/** Adds deltas to the counts; a cell that reaches 0/0 is removed, as a rebuild would not create it. */
export async function applyCountDeltas(q: Queryable, deltas: readonly CountDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const json = JSON.stringify(
    deltas.map((d) => ({
      indicator_id: d.indicatorId,
      version: d.version,
      period: d.period,
      unit_id: d.unitId,
      sex: d.sex,
      numerator: d.numerator,
      denominator: d.denominator,
    })),
  );
  await q.query(
    `INSERT INTO indicator_count AS c (indicator_id, version, period, unit_id, sex, numerator, denominator)
     SELECT d.indicator_id, d.version, d.period, d.unit_id, d.sex, d.numerator, d.denominator
     FROM json_to_recordset($1::json) AS d(indicator_id text, version integer, period text, unit_id uuid,
       sex text, numerator integer, denominator integer)
     ON CONFLICT (indicator_id, version, period, unit_id, sex) DO UPDATE
       SET numerator = c.numerator + EXCLUDED.numerator,
           denominator = c.denominator + EXCLUDED.denominator,
           computed_at = now()`,
    [json],
  );
  await q.query(
    `DELETE FROM indicator_count c USING json_to_recordset($1::json) AS d(indicator_id text, version integer,
       period text, unit_id uuid, sex text)
      WHERE c.indicator_id = d.indicator_id AND c.version = d.version AND c.period = d.period
        AND c.unit_id = d.unit_id AND c.sex = d.sex AND c.denominator = 0`,
    [json],
  );
}

export interface CountRow {
  indicatorId: string;
  version: number;
  period: string;
  unitId: string;
  sex: 'K' | 'M';
  numerator: number;
  denominator: number;
}

export async function allCounts(q: Queryable): Promise<CountRow[]> {
  const { rows } = await q.query<Raw>(
    `SELECT indicator_id, version, period, unit_id, sex, numerator, denominator FROM indicator_count
      ORDER BY indicator_id, version, period, unit_id, sex`,
  );
  return rows.map((r) => ({
    indicatorId: r['indicator_id'] as string,
    version: Number(r['version']),
    period: r['period'] as string,
    unitId: r['unit_id'] as string,
    sex: r['sex'] as 'K' | 'M',
    numerator: Number(r['numerator']),
    denominator: Number(r['denominator']),
  }));
}

export async function insertCountsSelect(q: Queryable, select: string): Promise<number> {
  const r = await q.query(
    `INSERT INTO indicator_count (indicator_id, version, period, unit_id, sex, numerator, denominator) ${select}`,
  );
  return r.affectedRows;
}

/** Before a rebuild: every published table is republished, even one that ends up empty. */
export async function enqueueAllPublished(q: Queryable): Promise<void> {
  await q.query(
    `INSERT INTO publication_queue (indicator_id, period)
     SELECT DISTINCT indicator_id, period FROM published_value
     ${REQUEUE_TAKEN}`,
  );
}

/** After a rebuild every table with counts is published again. */
export async function enqueueAllCounted(q: Queryable): Promise<void> {
  await q.query(
    `INSERT INTO publication_queue (indicator_id, period)
     SELECT DISTINCT indicator_id, period FROM indicator_count
     ${REQUEUE_TAKEN}`,
  );
}
