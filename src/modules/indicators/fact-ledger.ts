import type { Queryable } from '../../db/db.js';
import type { Fact } from '../../domain/facts/fact.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { CountDeltaSum } from '../../domain/indicators/membership.js';
import { applyCountChange, sumFactChange } from './engine.js';
import type { FactItem, FactSink } from './fact-writer.js';
import {
  factOfRow,
  factsOfSlicesWrittenHere,
  inSlice,
  insertFactsOfSources,
  perFactTable,
  deleteFactsOfSources,
  SLICE_JSON,
  slicesJson,
  type Slice,
} from './queries.js';

/**
 * Facts of a long write (an import), written batch by batch, counted once at the end. A registration derives
 * the counts of the (person, unit, year) slices it touches from their facts before and after the
 * change; an import touches the same slice again and again (a person's rows are spread over the
 * file), so it keeps, in temporary tables of its transaction, which slices it touched and which
 * facts from before the import it removed (facts it added itself carry its transaction id), and
 * settles each slice once: before = facts not added here + facts removed, after = facts now.
 * The counts end up exactly as with one registration after another.
 */
const HERE = 'row_xmin = pg_current_xact_id()::xid';
const SETTLE_SLICES = 2000;
const COUNTS_PER_STATEMENT = 10_000;

interface SettleChunk {
  /** The last slice of the chunk: the next chunk starts after it. */
  last: Slice;
  current: Array<{ fact: Fact; writtenHere: boolean }>;
  removed: Fact[];
}

export class FactLedger implements FactSink {
  private created = false;

  private async tables(tx: Queryable): Promise<void> {
    if (this.created) return;
    await tx.query(
      `CREATE TEMP TABLE import_slice (person text, unit_id uuid, year integer, PRIMARY KEY (person, unit_id, year))
         ON COMMIT DROP`,
    );
    await tx.query(
      `CREATE TEMP TABLE import_removed_fact ON COMMIT DROP AS
         SELECT register, kind, person, unit_id, fact_date, sex, age, attributes FROM indicator_fact WITH NO DATA`,
    );
    await tx.query('CREATE INDEX ON import_removed_fact (person, unit_id, fact_date)');
    this.created = true;
  }

  /** Replaces the facts of the sources, remembering what the counts must be settled for. */
  async replace(tx: Queryable, items: readonly FactItem[]): Promise<void> {
    if (items.length === 0) return;
    await this.tables(tx);
    const old = JSON.stringify(items.filter((i) => !i.fresh).map((i) => i.source));
    if (old !== '[]') {
      const sources = (t: string) => `json_to_recordset($1::json) AS s(type text, id text)
        JOIN ${t} f ON f.source_type = s.type AND f.source_id = s.id`;
      await tx.query(
        `INSERT INTO import_removed_fact ${perFactTable(
          (t) => `SELECT f.register, f.kind, f.person, f.unit_id, f.fact_date, f.sex, f.age,
           f.attributes FROM ${sources(t)} WHERE NOT f.${HERE}`,
        )}`,
        [old],
      );
      await tx.query(
        `INSERT INTO import_slice SELECT DISTINCT * FROM (${perFactTable(
          (t) => `SELECT f.person, f.unit_id, extract(year FROM f.fact_date)::int FROM ${sources(t)}`,
        )}) touched ON CONFLICT DO NOTHING`,
        [old],
      );
      await deleteFactsOfSources(
        tx,
        items.filter((i) => !i.fresh).map((i) => i.source),
      );
    }
    const slices = new Map<string, { person: string; unit_id: string; year: number }>();
    for (const f of items.flatMap((i) => i.facts)) {
      const year = Number(f.date.slice(0, 4));
      slices.set(`${f.person}|${f.unitId}|${year}`, { person: f.person, unit_id: f.unitId, year });
    }
    if (slices.size)
      await tx.query(
        `INSERT INTO import_slice SELECT s.person, s.unit_id, s.year
           FROM json_to_recordset($1::json) AS s(person text, unit_id uuid, year integer) ON CONFLICT DO NOTHING`,
        [JSON.stringify([...slices.values()])],
      );
    await insertFactsOfSources(tx, items);
  }

  /** The facts of the next chunk of touched slices after `after`, or null past the last. */
  private async nextChunk(tx: Queryable, after: Slice): Promise<SettleChunk | null> {
    const { rows } = await tx.query<{ person: string; unit_id: string; year: number }>(
      `SELECT person, unit_id, year FROM import_slice WHERE (person, unit_id, year) > ($1, $2::uuid, $3)
        ORDER BY person, unit_id, year LIMIT $4`,
      [after.person, after.unitId, after.year, SETTLE_SLICES],
    );
    const slices = rows.map((r) => ({ person: r.person, unitId: r.unit_id, year: Number(r.year) }));
    const last = slices[slices.length - 1];
    if (!last) return null;
    const removed = await tx.query<Record<string, unknown>>(
      `SELECT r.* FROM ${SLICE_JSON} JOIN import_removed_fact r ON ${inSlice('r')}`,
      [slicesJson(slices)],
    );
    return {
      last,
      current: await factsOfSlicesWrittenHere(tx, slices),
      removed: removed.rows.map(factOfRow),
    };
  }

  /**
   * Settles the counts of every slice touched, a chunk of slices at a time; the database reads
   * the next chunk while this one is counted. The deltas of all chunks are summed and written
   * once: written per chunk, the same count rows were updated again and again, and each update in
   * one transaction leaves one more row version to step over.
   */
  async settle(
    tx: Queryable,
    definitions: readonly IndicatorDefinition[],
    afterChunk: () => void,
  ): Promise<void> {
    if (!this.created) return;
    // Temporary tables have no statistics until analysed: without them each chunk's range scan
    // of import_slice became a sort of the whole table.
    await tx.query('ANALYZE import_slice');
    await tx.query('ANALYZE import_removed_fact');
    const sum = new CountDeltaSum();
    let next = this.nextChunk(tx, { person: '', unitId: '00000000-0000-0000-0000-000000000000', year: 0 });
    for (let chunk = await next; chunk; chunk = await next) {
      next = this.nextChunk(tx, chunk.last);
      next.catch(() => undefined); // awaited on the next turn; a failure is not unhandled meanwhile
      const { current, removed } = chunk;
      const before = [...current.filter((c) => !c.writtenHere).map((c) => c.fact), ...removed];
      sumFactChange(
        sum,
        definitions,
        before,
        current.map((c) => c.fact),
      );
      afterChunk();
    }
    const deltas = sum.nonZero();
    for (let i = 0; i < deltas.length; i += COUNTS_PER_STATEMENT)
      await applyCountChange(tx, definitions, deltas.slice(i, i + COUNTS_PER_STATEMENT));
  }
}
