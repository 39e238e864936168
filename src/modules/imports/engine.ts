import { randomUUID } from 'node:crypto';
import { pipeline, Readable } from 'node:stream';
import type { Db, Queryable } from '../../db/db.js';
import { inScope, setClock } from '../../db/scope.js';
import { swedishDate } from '../../domain/identity/session.js';
import { checkHeader } from '../../domain/imports/row.js';
import type { RowIssue } from '../../domain/imports/issues.js';
import type { EntryRegister } from '../../domain/registers/entries.js';
import type { PalliativeWindows } from '../../domain/registers/windows.js';
import { activeDefinitions } from '../indicators/engine.js';
import type { ImportActor } from './actor.js';
import { auditImport } from './audit.js';
import { NO_FACTS, writeBatch, type BatchContext } from './batch.js';
import { checkRecord, type CheckedRow, type CheckOptions } from './check.js';
import { endLive, finishJob, insertJob, ProgressWriter, startLive, type JobProgress } from './jobs.js';
import type { ImportStage } from '../../contracts/imports.js';
import {
  byteCounter,
  FileFormatError,
  FileTooLargeError,
  readItems,
  type ImportFormat,
  type ReadInfo,
} from './read/index.js';
import { ReportBuilder, type ImportReport } from './report.js';
import { FactLedger } from '../indicators/fact-ledger.js';
import { UnitCache } from '../org/units.js';

/**
 * The import engine behind the HTTP route and the command line. A file is read row by row and
 * written in batches inside ONE transaction in the actor's scope: all rows or none (a bad row,
 * an error or a killed process leaves nothing behind). A dry run goes through the same steps and
 * rolls back. Memory stays flat: one batch, the units named, the first errors.
 */
export interface ImportDeps {
  db: Db;
  key: Uint8Array;
  windows: PalliativeWindows;
}

export interface ImportRequest {
  register: EntryRegister;
  sourceSystem: string;
  fileName: string | null;
  format: ImportFormat;
  /** A charset the sender declared (CSV); otherwise the encoding is detected. */
  charset?: string | undefined;
  dryRun: boolean;
  /** The file's size when known (progress percentage). */
  bytesTotal: number | null;
  limitBytes?: number;
}

export interface ImportHooks {
  /** Use this job id (the HTTP route answers with it before the import ends). */
  jobId?: string;
  /** Called after every batch and at the end. */
  onProgress?: (p: Readonly<JobProgress>) => void;
  /** Called once the job is on file (GET /api/v1/imports/:id finds it). */
  onStarted?: () => void;
}

/**
 * The file to import: a stream read once, or a file the engine may open twice. A CSV or JSON file
 * that can be opened twice is first read for its syntax alone, so that a malformed file, wherever
 * its error, is refused before a single row is written (a 50 MB CSV broken on its last line was
 * otherwise checked and written row by row first).
 */
export type ImportSource = Readable | { open(): Readable };

export interface ImportOutcome {
  jobId: string;
  status: 'done' | 'rejected';
  report: ImportReport;
}

export const BATCH_ROWS = 1000;
export const DEFAULT_LIMIT_BYTES = 512 * 1024 * 1024;

/** Leaves the transaction without committing; the report goes out with it. */
class Rollback extends Error {
  constructor(readonly report: ImportReport) {
    super('rolled back');
  }
}

export async function runImport(
  deps: ImportDeps,
  actor: ImportActor,
  req: ImportRequest,
  source: ImportSource,
  hooks: ImportHooks = {},
): Promise<ImportOutcome> {
  const jobId = hooks.jobId ?? randomUUID();
  const job = {
    id: jobId,
    register: req.register,
    sourceSystem: req.sourceSystem,
    fileName: req.fileName,
    format: req.format,
    dryRun: req.dryRun,
    bytesTotal: req.bytesTotal,
    createdBy: actor.accountId,
    at: actor.now,
  };
  const progress = startLive(job);
  const writer = new ProgressWriter(deps.db, jobId);
  const builder = new ReportBuilder({
    jobId,
    register: req.register,
    sourceSystem: req.sourceSystem,
    fileName: req.fileName,
    format: req.format,
    dryRun: req.dryRun,
  });
  try {
    await insertJob(deps.db, job);
    hooks.onStarted?.();
    // A stream is read once (fs.ReadStream has an `open` method of its own: test for the class).
    const reopenable = !(source instanceof Readable);
    if (reopenable && req.format !== 'xlsx') {
      const syntax = await syntaxIssue(req, source.open());
      if (syntax) {
        builder.report.rowsRead = syntax.rowsRead;
        builder.addIssues([syntax.issue]);
        throw new Rollback(builder.finish());
      }
    }
    const input = reopenable ? source.open() : source;
    const report = await inScope(deps.db, actor.scope, async (tx) => {
      await setClock(tx, actor.now);
      const counted = pipeline(
        input,
        byteCounter((n) => (progress.bytesRead = n), req.limitBytes ?? DEFAULT_LIMIT_BYTES),
        () => undefined, // errors reach the reader through the last stream
      );
      await readAll(tx, deps, actor, req, counted, builder, (stage) => {
        const changed = stage !== progress.stage; // a new stage is written at once
        progress.stage = stage;
        progress.rowsRead = builder.report.rowsRead;
        progress.errorCount = builder.report.errorCount;
        writer.update(progress, changed);
        hooks.onProgress?.(progress);
      });
      await writer.drain();
      const done = builder.finish();
      if (req.dryRun || builder.hasErrors) throw new Rollback(done);
      done.imported = true;
      await finishJob(tx, jobId, 'done', done, actor.now);
      await auditImport(tx, actor, done, 'allowed'); // last: it locks the audit chain until commit
      return done;
    });
    return { jobId, status: 'done', report };
  } catch (err) {
    await writer.drain();
    if (!(err instanceof Rollback)) {
      await deps.db
        .transaction((tx) => finishJob(tx, jobId, 'failed', builder.finish(), new Date()))
        .catch(() => undefined);
      throw err;
    }
    const status = err.report.errorCount > 0 ? 'rejected' : 'done';
    const outside = err.report.errors.some((e) => e.rule === 'outside_scope');
    await deps.db.transaction(async (tx) => {
      await finishJob(tx, jobId, status, err.report, actor.now);
      await auditImport(tx, actor, err.report, status === 'done' ? 'allowed' : outside ? 'denied' : 'failed');
    });
    return { jobId, status, report: err.report };
  } finally {
    hooks.onProgress?.(progress);
    endLive(jobId);
  }
}

/**
 * The first error in the file's syntax (or its size), and the rows read before it; null when the
 * whole file reads. Rows are not checked here: a row's own errors are found, and reported all
 * together, by the real pass.
 */
async function syntaxIssue(
  req: ImportRequest,
  input: Readable,
): Promise<{ issue: RowIssue; rowsRead: number } | null> {
  let rowsRead = 0;
  const counted = pipeline(
    input,
    byteCounter(() => undefined, req.limitBytes ?? DEFAULT_LIMIT_BYTES),
    () => undefined,
  );
  try {
    for await (const item of readItems(req.format, counted, {}, req.charset))
      if (item.type !== 'header') rowsRead++;
    return null;
  } catch (err) {
    if (!(err instanceof FileFormatError || err instanceof FileTooLargeError)) throw err;
    const rule = err instanceof FileFormatError ? err.rule : 'too_large';
    const line = err instanceof FileFormatError ? err.line : null;
    return { issue: { row: rowsRead + 1, line, column: '(file)', rule, message: err.message }, rowsRead };
  } finally {
    counted.destroy();
  }
}

/** Reads every item of the file, checking rows at once and writing them batch by batch. */
async function readAll(
  tx: Queryable,
  deps: ImportDeps,
  actor: ImportActor,
  req: ImportRequest,
  input: Readable,
  builder: ReportBuilder,
  /** After every batch, and while counting (which also keeps the job from looking stopped). */
  progressed: (stage: ImportStage) => void,
): Promise<void> {
  const today = swedishDate(actor.now);
  const ctx: BatchContext = {
    tx,
    register: req.register,
    sourceSystem: req.sourceSystem,
    actor,
    windows: deps.windows,
    units: new UnitCache(),
    facts: NO_FACTS,
    today,
  };
  const ledger = new FactLedger();
  const report = builder.report;
  let batch: CheckedRow[] = [];
  const recordIds = new Set<string>();
  // The database writes a batch while the next one is read and checked: one batch in flight at a
  // time, in file order. The handler attached at once keeps a failed write from going unhandled
  // until it is awaited.
  let writing: Promise<void> = Promise.resolve();
  const write = async (rows: CheckedRow[], writeFacts: boolean) => {
    const out = await writeBatch({ ...ctx, facts: writeFacts ? ledger : NO_FACTS }, rows);
    for (const issues of out.badRows) builder.addRow(issues);
    report.created += out.created;
    report.unchanged += out.unchanged;
    report.corrected += out.corrected;
    report.personsCreated += out.personsCreated;
    report.serviceLinksCreated += out.linksCreated;
    progressed('reading');
  };
  const flush = async () => {
    await writing;
    if (batch.length) {
      // After the first bad row the file is lost anyway: keep checking rows, skip the counting.
      writing = write(batch, !req.dryRun && !builder.hasErrors);
      writing.catch(() => undefined);
      batch = [];
      recordIds.clear();
    } else progressed('reading');
  };
  const check: CheckOptions = {
    register: req.register,
    today,
    key: deps.key,
    checkColumns: req.format === 'json',
    pseudonyms: new Map(),
  };
  const info: ReadInfo = {};
  const items = readItems(req.format, input, info, req.charset);
  try {
    for await (const item of items) {
      if (item.type === 'header') {
        const issues = checkHeader(req.register, item.columns);
        builder.addIssues(issues);
        if (issues.length) break; // every row would fail the same way
        continue;
      }
      report.rowsRead++;
      if (item.type === 'bad') {
        builder.addRow([item.issue]);
        continue;
      }
      const checked = checkRecord(item.record, check);
      if (!checked.ok) {
        builder.addRow(checked.issues);
        continue;
      }
      // A record sent twice in one file: the later row corrects the earlier, so not in one batch.
      if (recordIds.has(checked.row.recordId)) await flush();
      batch.push(checked.row);
      recordIds.add(checked.row.recordId);
      if (batch.length >= BATCH_ROWS) await flush();
    }
    await flush();
    await writing;
    if (!req.dryRun && !builder.hasErrors) {
      progressed('counting');
      await ledger.settle(tx, await activeDefinitions(tx), () => progressed('counting'));
    }
  } catch (err) {
    // A write in flight ends before the transaction does; its own error outranks the file's.
    await writing;
    if (!(err instanceof FileFormatError || err instanceof FileTooLargeError)) throw err;
    const rule = err instanceof FileFormatError ? err.rule : 'too_large';
    const line = err instanceof FileFormatError ? err.line : null;
    builder.addIssues([{ row: report.rowsRead + 1, line, column: '(file)', rule, message: err.message }]);
  } finally {
    report.encoding = info.encoding ?? null;
    report.delimiter = info.delimiter ?? null;
    input.resume(); // whatever is left of the file is not needed
  }
}
