import type { Queryable } from '../../db/db.js';
import { toInt } from '../../db/db.js';
import { evidenceRank } from '../../domain/library/evidence.js';
import type { Status } from '../../domain/library/workflow.js';
import type { EntryKind } from '../../domain/library/vocabulary.js';
import type { EntryContent, EntryRow, EventRow, VersionRow } from './types.js';

/** SQL of the library's own tables; the only code that writes them. Batch-shaped writes. */
type Raw = Record<string, unknown>;

const str = (v: unknown): string | null => (v === null || v === undefined ? null : (v as string));

function entryOf(r: Raw): EntryRow {
  return {
    id: r['id'] as string,
    slug: r['slug'] as string,
    kind: r['kind'] as EntryKind,
    status: r['status'] as Status,
    headVersion: toInt(r['head_version']),
    publishedVersion: r['published_version'] === null ? null : toInt(r['published_version']),
    municipalityCode: str(r['municipality_code']),
    lastReviewed: str(r['last_reviewed']),
    reviewDue: str(r['review_due']),
    createdBy: str(r['created_by']),
  };
}

const ENTRY_COLUMNS =
  'id, slug, kind, status, head_version, published_version, municipality_code, last_reviewed, review_due, created_by';

export async function lockEntry(q: Queryable, id: string): Promise<EntryRow | null> {
  const { rows } = await q.query<Raw>(`SELECT ${ENTRY_COLUMNS} FROM library_entry WHERE id = $1 FOR UPDATE`, [
    id,
  ]);
  return rows[0] ? entryOf(rows[0]) : null;
}

export async function entryById(q: Queryable, id: string): Promise<EntryRow | null> {
  const { rows } = await q.query<Raw>(`SELECT ${ENTRY_COLUMNS} FROM library_entry WHERE id = $1`, [id]);
  return rows[0] ? entryOf(rows[0]) : null;
}

export async function entryBySlug(q: Queryable, slug: string): Promise<EntryRow | null> {
  const { rows } = await q.query<Raw>(`SELECT ${ENTRY_COLUMNS} FROM library_entry WHERE slug = $1`, [slug]);
  return rows[0] ? entryOf(rows[0]) : null;
}

/** Entries for the editors' list: all, or those one account created (a submitter's own). */
export async function listEntries(
  q: Queryable,
  f: { createdBy: string | null; status: Status | null; staleOn: string | null },
): Promise<Array<EntryRow & { title: string; updatedAt: Date }>> {
  const { rows } = await q.query<Raw>(
    `SELECT e.id, e.slug, e.kind, e.status, e.head_version, e.published_version, e.municipality_code,
            e.last_reviewed, e.review_due, e.created_by, e.updated_at, v.title
       FROM library_entry e JOIN library_entry_version v ON v.entry_id = e.id AND v.version = e.head_version
      WHERE ($1::uuid IS NULL OR e.created_by = $1)
        AND ($2::text IS NULL OR e.status = $2)
        AND ($3::date IS NULL OR (e.review_due < $3 AND e.status <> 'archived'))
      ORDER BY e.updated_at DESC, e.id
      LIMIT 500`,
    [f.createdBy, f.status, f.staleOn],
  );
  return rows.map((r) => ({
    ...entryOf(r),
    title: r['title'] as string,
    updatedAt: r['updated_at'] as Date,
  }));
}

export async function slugsTaken(q: Queryable, candidates: readonly string[]): Promise<Set<string>> {
  const { rows } = await q.query<Raw>('SELECT slug FROM library_entry WHERE slug = ANY($1::text[])', [
    [...candidates],
  ]);
  return new Set(rows.map((r) => r['slug'] as string));
}

export interface NewEntry {
  id: string;
  slug: string;
  kind: EntryKind;
  status: Status;
  municipalityCode: string | null;
  createdBy: string | null;
  at: Date;
}

export async function insertEntries(q: Queryable, entries: readonly NewEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await q.query(
    `INSERT INTO library_entry (id, slug, kind, status, head_version, municipality_code, created_by, created_at, updated_at)
     SELECT e.id, e.slug, e.kind, e.status, 1, e.municipality_code, e.created_by, e.at, e.at
       FROM json_to_recordset($1::json) AS e(id uuid, slug text, kind text, status text, municipality_code text,
            created_by uuid, at timestamptz)`,
    [
      JSON.stringify(
        entries.map((e) => ({
          id: e.id,
          slug: e.slug,
          kind: e.kind,
          status: e.status,
          municipality_code: e.municipalityCode,
          created_by: e.createdBy,
          at: e.at.toISOString(),
        })),
      ),
    ],
  );
}

export interface NewVersion {
  entryId: string;
  version: number;
  content: EntryContent;
  changeNote: string;
  changedBy: string | null;
  at: Date;
}

export async function insertVersions(q: Queryable, versions: readonly NewVersion[]): Promise<void> {
  if (versions.length === 0) return;
  await q.query(
    `INSERT INTO library_entry_version (entry_id, version, title, summary, body, ksi_code, instrument_id, target_groups,
       operating_areas, problems, evidence, outcome_indicators, refs, example, review_due, sample_written_on,
       change_note, changed_by, changed_at)
     SELECT v.entry_id, v.version, v.title, v.summary, v.body, v.ksi_code, v.instrument_id,
            ARRAY(SELECT json_array_elements_text(v.target_groups)), ARRAY(SELECT json_array_elements_text(v.operating_areas)),
            ARRAY(SELECT json_array_elements_text(v.problems)), v.evidence,
            ARRAY(SELECT json_array_elements_text(v.outcome_indicators)), v.refs::jsonb, v.example::jsonb, v.review_due,
            v.sample_written_on, v.change_note, v.changed_by, v.at
       FROM json_to_recordset($1::json) AS v(entry_id uuid, version integer, title text, summary text, body text,
            ksi_code text, instrument_id text, target_groups json, operating_areas json, problems json, evidence text,
            outcome_indicators json, refs json, example json, review_due date, sample_written_on date,
            change_note text, changed_by uuid, at timestamptz)`,
    [
      JSON.stringify(
        versions.map((v) => ({
          entry_id: v.entryId,
          version: v.version,
          title: v.content.title,
          summary: v.content.summary,
          body: v.content.body,
          ksi_code: v.content.ksiCode,
          instrument_id: v.content.instrumentId,
          target_groups: v.content.targetGroups,
          operating_areas: v.content.operatingAreas,
          problems: v.content.problems,
          evidence: v.content.evidence,
          outcome_indicators: v.content.outcomeIndicators,
          refs: v.content.references,
          example: v.content.example,
          review_due: v.content.reviewDue,
          sample_written_on: v.content.sampleWrittenOn,
          change_note: v.changeNote,
          changed_by: v.changedBy,
          at: v.at.toISOString(),
        })),
      ),
    ],
  );
}

export interface NewEvent {
  entryId: string;
  version: number;
  action: 'create' | 'edit' | 'submit' | 'publish' | 'return' | 'archive';
  fromStatus: Status | null;
  toStatus: Status;
  note: string;
  actor: string | null;
  at: Date;
}

export async function insertEvents(q: Queryable, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await q.query(
    `INSERT INTO library_entry_event (entry_id, version, action, from_status, to_status, note, actor, at)
     SELECT e.entry_id, e.version, e.action, e.from_status, e.to_status, e.note, e.actor, e.at
       FROM json_to_recordset($1::json) AS e(entry_id uuid, version integer, action text, from_status text,
            to_status text, note text, actor uuid, at timestamptz)`,
    [
      JSON.stringify(
        events.map((e) => ({
          entry_id: e.entryId,
          version: e.version,
          action: e.action,
          from_status: e.fromStatus,
          to_status: e.toStatus,
          note: e.note,
          actor: e.actor,
          at: e.at.toISOString(),
        })),
      ),
    ],
  );
}

export async function updateEntry(
  q: Queryable,
  id: string,
  set: {
    status: Status;
    headVersion: number;
    publishedVersion: number | null;
    lastReviewed: string | null;
    reviewDue: string | null;
    at: Date;
  },
): Promise<void> {
  await q.query(
    `UPDATE library_entry SET status = $2, head_version = $3, published_version = $4, last_reviewed = $5,
       review_due = $6, updated_at = $7 WHERE id = $1`,
    [id, set.status, set.headVersion, set.publishedVersion, set.lastReviewed, set.reviewDue, set.at],
  );
}

function versionOf(r: Raw): VersionRow {
  return {
    entryId: r['entry_id'] as string,
    version: toInt(r['version']),
    title: r['title'] as string,
    summary: r['summary'] as string,
    body: r['body'] as string,
    ksiCode: str(r['ksi_code']),
    instrumentId: str(r['instrument_id']),
    targetGroups: r['target_groups'] as VersionRow['targetGroups'],
    operatingAreas: r['operating_areas'] as VersionRow['operatingAreas'],
    problems: r['problems'] as VersionRow['problems'],
    evidence: r['evidence'] as VersionRow['evidence'],
    outcomeIndicators: r['outcome_indicators'] as string[],
    references: r['refs'] as VersionRow['references'],
    example: (r['example'] ?? null) as VersionRow['example'],
    reviewDue: str(r['review_due']),
    sampleWrittenOn: str(r['sample_written_on']),
    changeNote: r['change_note'] as string,
    changedBy: str(r['changed_by']),
    changedByName: str(r['changed_by_name']),
    changedAt: r['changed_at'] as Date,
  };
}

const VERSION_SELECT = `SELECT v.*, a.display_name AS changed_by_name
  FROM library_entry_version v LEFT JOIN identity_account_name a ON a.id = v.changed_by`;

export async function version(q: Queryable, entryId: string, v: number): Promise<VersionRow | null> {
  const { rows } = await q.query<Raw>(`${VERSION_SELECT} WHERE v.entry_id = $1 AND v.version = $2`, [
    entryId,
    v,
  ]);
  return rows[0] ? versionOf(rows[0]) : null;
}

export async function versions(q: Queryable, entryId: string): Promise<VersionRow[]> {
  const { rows } = await q.query<Raw>(`${VERSION_SELECT} WHERE v.entry_id = $1 ORDER BY v.version`, [
    entryId,
  ]);
  return rows.map(versionOf);
}

export async function events(q: Queryable, entryId: string): Promise<EventRow[]> {
  const { rows } = await q.query<Raw>(
    `SELECT e.version, e.action, e.from_status, e.to_status, e.note, e.actor, a.display_name AS actor_name, e.at
       FROM library_entry_event e LEFT JOIN identity_account_name a ON a.id = e.actor
      WHERE e.entry_id = $1 ORDER BY e.id`,
    [entryId],
  );
  return rows.map((r) => ({
    version: toInt(r['version']),
    action: r['action'] as string,
    fromStatus: (r['from_status'] ?? null) as Status | null,
    toStatus: r['to_status'] as Status,
    note: r['note'] as string,
    actor: str(r['actor']),
    actorName: str(r['actor_name']),
    at: r['at'] as Date,
  }));
}

export interface SearchRowInput {
  entryId: string;
  version: number;
  slug: string;
  kind: EntryKind;
  content: EntryContent;
  municipalityCode: string | null;
  lastReviewed: string | null;
  reviewDue: string | null;
  /** Extra words for the document (target groups in Swedish, codes). */
  extra: string;
}

/** Puts published versions into the search table (replacing earlier ones) with their document. */
export async function upsertSearch(q: Queryable, rows: readonly SearchRowInput[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO library_search (entry_id, version, slug, kind, title, summary, body, ksi_code, instrument_id,
       target_groups, operating_areas, problems, evidence, evidence_rank, outcome_indicators, municipality_code,
       is_sample, last_reviewed, review_due, document)
     SELECT s.entry_id, s.version, s.slug, s.kind, s.title, s.summary, s.body, s.ksi_code, s.instrument_id,
            ARRAY(SELECT json_array_elements_text(s.target_groups)), ARRAY(SELECT json_array_elements_text(s.operating_areas)),
            ARRAY(SELECT json_array_elements_text(s.problems)), s.evidence, s.evidence_rank,
            ARRAY(SELECT json_array_elements_text(s.outcome_indicators)), s.municipality_code, s.is_sample,
            s.last_reviewed, s.review_due,
            setweight(to_tsvector('swedish', s.title), 'A') || setweight(to_tsvector('swedish', s.summary), 'B') ||
            setweight(to_tsvector('swedish', s.body || ' ' || s.extra), 'C')
       FROM json_to_recordset($1::json) AS s(entry_id uuid, version integer, slug text, kind text, title text,
            summary text, body text, ksi_code text, instrument_id text, target_groups json, operating_areas json,
            problems json, evidence text, evidence_rank integer, outcome_indicators json, municipality_code text,
            is_sample boolean, last_reviewed date, review_due date, extra text)
     ON CONFLICT (entry_id) DO UPDATE SET version = EXCLUDED.version, slug = EXCLUDED.slug, kind = EXCLUDED.kind,
       title = EXCLUDED.title, summary = EXCLUDED.summary, body = EXCLUDED.body, ksi_code = EXCLUDED.ksi_code,
       instrument_id = EXCLUDED.instrument_id, target_groups = EXCLUDED.target_groups,
       operating_areas = EXCLUDED.operating_areas, problems = EXCLUDED.problems, evidence = EXCLUDED.evidence,
       evidence_rank = EXCLUDED.evidence_rank, outcome_indicators = EXCLUDED.outcome_indicators,
       municipality_code = EXCLUDED.municipality_code, is_sample = EXCLUDED.is_sample,
       last_reviewed = EXCLUDED.last_reviewed, review_due = EXCLUDED.review_due, document = EXCLUDED.document`,
    [
      JSON.stringify(
        rows.map((s) => ({
          entry_id: s.entryId,
          version: s.version,
          slug: s.slug,
          kind: s.kind,
          title: s.content.title,
          summary: s.content.summary,
          body: s.content.body,
          ksi_code: s.content.ksiCode,
          instrument_id: s.content.instrumentId,
          target_groups: s.content.targetGroups,
          operating_areas: s.content.operatingAreas,
          problems: s.content.problems,
          evidence: s.content.evidence,
          evidence_rank: evidenceRank(s.content.evidence),
          outcome_indicators: s.content.outcomeIndicators,
          municipality_code: s.municipalityCode,
          is_sample: s.content.sampleWrittenOn !== null,
          last_reviewed: s.lastReviewed,
          review_due: s.reviewDue,
          extra: s.extra,
        })),
      ),
    ],
  );
}

export async function removeFromSearch(q: Queryable, entryId: string): Promise<void> {
  await q.query('DELETE FROM library_search WHERE entry_id = $1', [entryId]);
}

export async function insertWords(q: Queryable, words: readonly string[]): Promise<void> {
  if (words.length === 0) return;
  await q.query(
    'INSERT INTO library_word (word) SELECT DISTINCT unnest($1::text[]) ON CONFLICT (word) DO NOTHING',
    [[...words]],
  );
}
