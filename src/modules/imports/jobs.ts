import type { ImportJob, ImportStage, JobStatus } from '../../contracts/imports.js';
import type { Db, Queryable } from '../../db/db.js';
import type { RowIssue } from '../../domain/imports/issues.js';
import { storableText } from '../../domain/audit/chain.js';
import type { ImportReport } from './report.js';

/**
 * Import jobs: the import_job row (committed before the import's transaction starts) and the
 * live progress of jobs running in this process. On PostgreSQL progress is written to the row
 * from another pooled connection while the import's transaction runs; PGlite has one
 * connection, held by that transaction, so there progress lives in memory until the end.
 */

/** The part of a job's answer that moves while it runs. */
export type JobProgress = Pick<ImportJob, 'stage' | 'rowsRead' | 'bytesRead' | 'bytesTotal' | 'errorCount'>;

/** What a job starts with; `at` is when it starts. */
export type NewJob = Pick<
  ImportJob,
  'id' | 'register' | 'sourceSystem' | 'fileName' | 'format' | 'dryRun' | 'bytesTotal' | 'createdBy'
> & { at: Date };

interface LiveJob extends JobProgress {
  createdBy: string | null;
}

const live = new Map<string, LiveJob>();

export function startLive(job: NewJob): LiveJob {
  const entry: LiveJob = {
    stage: 'reading',
    rowsRead: 0,
    bytesRead: 0,
    bytesTotal: job.bytesTotal,
    errorCount: 0,
    createdBy: job.createdBy,
  };
  live.set(job.id, entry);
  return entry;
}

export function endLive(id: string): void {
  live.delete(id);
}

export function liveJob(id: string): Readonly<LiveJob> | undefined {
  return live.get(id);
}

/** Rows expected in the whole file, from the bytes read so far. */
export function rowsEstimate(p: JobProgress): number | null {
  if (p.bytesTotal === null || p.bytesRead === 0 || p.rowsRead === 0) return null;
  return Math.max(p.rowsRead, Math.round((p.rowsRead * p.bytesTotal) / p.bytesRead));
}

export async function insertJob(db: Db, j: NewJob): Promise<void> {
  await db.query(
    `INSERT INTO import_job (id, register, source_system, file_name, format, dry_run, bytes_total, created_by,
       created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
    [
      j.id,
      j.register,
      j.sourceSystem,
      j.fileName === null ? null : storableText(j.fileName),
      j.format,
      j.dryRun,
      j.bytesTotal,
      j.createdBy,
      j.at.toISOString(),
    ],
  );
}

/**
 * Writes progress from outside the import's transaction, at most every `everyMs`, one write at a
 * time; a write that fails is dropped (the next one carries the newer numbers).
 */
export class ProgressWriter {
  private chain: Promise<void> = Promise.resolve();
  private last = 0;
  private pending = false;
  /** A forced update (a new stage) that came while a write was on its way: written next. */
  private forced: JobProgress | null = null;

  constructor(
    private readonly db: Db,
    private readonly id: string,
    private readonly everyMs = 250,
  ) {}

  update(p: JobProgress, force = false): void {
    // PGlite: the import's transaction holds the only connection; the write would wait for it.
    if (this.db.engine === 'pglite') return;
    if (this.pending) {
      if (force) this.forced = { ...p };
      return;
    }
    const now = Date.now();
    if (!force && now - this.last < this.everyMs) return;
    this.last = now;
    this.pending = true;
    const values = [
      this.id,
      p.rowsRead,
      rowsEstimate(p),
      p.bytesRead,
      p.errorCount,
      new Date().toISOString(),
      p.stage,
    ];
    this.chain = this.chain
      .then(() =>
        this.db.query(
          `UPDATE import_job SET rows_read = $2, rows_total_estimate = $3, bytes_read = $4, error_count = $5,
                  updated_at = $6, stage = $7
            WHERE id = $1 AND status = 'running'`,
          values,
        ),
      )
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.pending = false;
        const forced = this.forced;
        this.forced = null;
        if (forced) this.update(forced, true);
      });
  }

  async drain(): Promise<void> {
    // A forced update may chain one more write when the one awaited ends.
    for (let chain = this.chain; ; chain = this.chain) {
      await chain;
      if (chain === this.chain) return;
    }
  }
}

/**
 * JSON PostgreSQL can store: jsonb refuses NUL (\u0000) and lone surrogates, and a refused report
 * would leave the job "running" forever. A file's column names and values can hold both.
 */
function storableJsonText(value: ImportReport | RowIssue[]): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? storableText(v) : v));
}

export async function finishJob(
  q: Queryable,
  id: string,
  status: Exclude<JobStatus, 'running' | 'interrupted'>,
  report: ImportReport,
  at: Date,
): Promise<void> {
  await q.query(
    `UPDATE import_job SET status = $2, rows_read = $3, rows_total_estimate = $3, error_count = $4, errors = $5::jsonb,
            report = $6::jsonb, updated_at = $7, finished_at = $7
      WHERE id = $1`,
    [
      id,
      status,
      report.rowsRead,
      report.errorCount,
      storableJsonText(report.errors),
      storableJsonText(report),
      at.toISOString(),
    ],
  );
}

/** A job as the server holds it; GET /api/v1/imports/{id} answers it as an ImportJob (jobAnswer). */
export type JobView = Omit<ImportJob, 'createdAt' | 'updatedAt' | 'finishedAt'> & {
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
};

export function jobAnswer(job: JobView): ImportJob {
  return {
    ...job,
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/** A job with live progress when it runs in this process. */
export async function findJob(db: Db, id: string, staleAfterMs: number): Promise<JobView | null> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT id, register, source_system, file_name, format, dry_run, status, stage, rows_read, rows_total_estimate,
            bytes_read, bytes_total, error_count, errors, report, created_by, created_at, updated_at, finished_at
       FROM import_job WHERE id = $1`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  const running = live.get(id);
  const progress: JobProgress = running ?? {
    stage: r['stage'] as ImportStage,
    rowsRead: Number(r['rows_read']),
    bytesRead: Number(r['bytes_read']),
    bytesTotal: r['bytes_total'] === null ? null : Number(r['bytes_total']),
    errorCount: Number(r['error_count']),
  };
  let status = r['status'] as JobStatus;
  const updatedAt = r['updated_at'] as Date;
  // Running but not here: on PGlite (one process per data directory) its process is gone; on
  // PostgreSQL, another server may run it, so only a long silence means it stopped.
  if (
    status === 'running' &&
    !running &&
    (db.engine === 'pglite' || Date.now() - updatedAt.getTime() > staleAfterMs)
  )
    status = 'interrupted';
  const finished = status !== 'running' && status !== 'interrupted';
  return {
    id,
    register: r['register'] as string,
    sourceSystem: r['source_system'] as string,
    fileName: (r['file_name'] as string | null) ?? null,
    format: r['format'] as string,
    dryRun: r['dry_run'] as boolean,
    status,
    stage: progress.stage,
    rowsRead: progress.rowsRead,
    rowsTotalEstimate: finished ? progress.rowsRead : rowsEstimate(progress),
    bytesRead: progress.bytesRead,
    bytesTotal: progress.bytesTotal,
    percent: finished
      ? 100
      : progress.bytesTotal
        ? Math.min(99, Math.floor((100 * progress.bytesRead) / progress.bytesTotal))
        : null,
    errorCount: progress.errorCount,
    errors: r['errors'] as RowIssue[],
    report: (r['report'] as ImportReport | null) ?? null,
    createdBy: (r['created_by'] as string | null) ?? null,
    createdAt: r['created_at'] as Date,
    updatedAt,
    finishedAt: (r['finished_at'] as Date | null) ?? null,
  };
}
