import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ImportFormats } from '../../contracts/imports.js';
import type { AppDeps } from '../../server/deps.js';
import { parseInput, PROBLEM_CONTENT_TYPE } from '../../server/problem.js';
import { NotFoundError } from '../../domain/errors.js';
import {
  COMMON_COLUMNS,
  IMPORT_REGISTERS,
  KIND_COLUMNS,
  registerOfName,
} from '../../domain/imports/columns.js';
import { DEFAULT_PALLIATIVE_WINDOWS } from '../../domain/registers/windows.js';
import { authorize, clockOf, requirePrincipal } from '../../server/authorize.js';
import { loadPseudonymKey } from '../../config/secrets.js';
import { principalActor } from './actor.js';
import { DEFAULT_LIMIT_BYTES, runImport, type ImportDeps, type ImportOutcome } from './engine.js';
import { findJob, jobAnswer } from './jobs.js';
import { CONTENT_TYPES, charsetOf, FileTooLargeError, formatOfContentType } from './read/index.js';
import { importQuery, jobParams } from './schema.js';
import { spoolToFile } from './spool.js';

/**
 * POST /api/v1/imports: the file is the raw request body (CSV, XLSX or JSON), streamed into the
 * import engine without being parsed or buffered by Fastify. By default the request waits for
 * the result; with `Prefer: respond-async` the file is received, the job starts and the answer is
 * 202 with its Location, where GET /api/v1/imports/:id shows the progress.
 */
const STALE_AFTER_MS = 120_000;

function rejected(reply: FastifyReply, req: FastifyRequest, outcome: ImportOutcome): FastifyReply {
  const r = outcome.report;
  return reply
    .status(422)
    .type(PROBLEM_CONTENT_TYPE)
    .header('location', `/api/v1/imports/${outcome.jobId}`)
    .send({
      type: 'about:blank',
      title: 'Unprocessable content',
      status: 422,
      detail:
        `Filen avvisades: ${r.rowsBad} felaktiga rader av ${r.rowsRead}; inget sparades. / ` +
        `The file was rejected: ${r.rowsBad} bad rows of ${r.rowsRead}; nothing was saved.`,
      instance: req.url,
      errors: r.errors.map((e) => ({
        field: e.row === 0 ? `header.${e.column}` : `row.${e.row}.${e.column}`,
        rule: e.rule,
        message: e.message,
      })),
      jobId: outcome.jobId,
      report: r,
    });
}

function tooLarge(reply: FastifyReply): FastifyReply {
  return reply.status(413).type(PROBLEM_CONTENT_TYPE).send({
    type: 'about:blank',
    title: 'Content too large',
    status: 413,
    detail: 'Filen är större än 512 MiB. / The file is larger than 512 MiB.',
  });
}

/** A file type the import does not read: 415 problem+json naming the header and the types it reads. */
function unsupportedType(reply: FastifyReply): FastifyReply {
  const types = Object.values(CONTENT_TYPES).join(', ');
  return reply
    .status(415)
    .type(PROBLEM_CONTENT_TYPE)
    .send({
      type: 'about:blank',
      title: 'Unsupported media type',
      status: 415,
      detail: `Filtypen läses inte. / The file type is not read: ${types}.`,
      errors: [{ field: 'content-type', rule: 'unsupported_media_type', message: `must be one of ${types}` }],
    });
}

export async function importRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const now = clockOf(deps);
  const importDeps: ImportDeps = {
    db: deps.db,
    key: loadPseudonymKey(deps.config),
    windows: DEFAULT_PALLIATIVE_WINDOWS,
  };

  app.get('/api/v1/imports/formats', (): ImportFormats => ({
    registers: Object.keys(IMPORT_REGISTERS),
    commonColumns: COMMON_COLUMNS,
    kinds: Object.fromEntries(
      Object.entries(IMPORT_REGISTERS).map(([name, register]) => [
        name,
        Object.fromEntries(
          Object.entries(KIND_COLUMNS[register]).map(([k, cols]) => [k, cols.map((c) => c.column)]),
        ),
      ]),
    ),
    contentTypes: CONTENT_TYPES,
  }));

  app.get('/api/v1/imports/:id', async (req) => {
    const principal = requirePrincipal(req);
    const { id } = parseInput(jobParams, req.params, 'params');
    const job = await findJob(deps.db, id, STALE_AFTER_MS);
    // Someone else's job does not exist for you.
    if (!job || job.createdBy !== principal.userId) throw new NotFoundError('Importjobbet / The import job');
    return jobAnswer(job);
  });

  // Encapsulated: these parsers hand the body stream through, for this route only.
  await app.register((scope, _options, registered) => {
    scope.removeContentTypeParser(['application/json', 'text/plain']);
    scope.addContentTypeParser(
      ['text/csv', 'application/csv', 'text/plain', CONTENT_TYPES.xlsx, 'application/json'],
      (_req, payload, done) => done(null, payload),
    );
    scope.post('/api/v1/imports', { bodyLimit: DEFAULT_LIMIT_BYTES }, async (req, reply) => {
      const principal = await authorize(req, 'individual.write');
      const q = parseInput(importQuery, req.query, 'query');
      const contentType = req.headers['content-type'];
      const format = formatOfContentType(contentType);
      const input = req.body as Readable;
      const length = Number(req.headers['content-length']);
      if (!format) return unsupportedType(reply);
      if (length > DEFAULT_LIMIT_BYTES) return tooLarge(reply);
      const actor = principalActor(principal, req.ip, now());
      const request = {
        register: registerOfName(q.register) ?? 'senior_alert',
        sourceSystem: q.source,
        fileName: q.fileName ?? null,
        format,
        charset: charsetOf(contentType),
        dryRun: q.dryRun,
        bytesTotal: Number.isFinite(length) && length > 0 ? length : null,
      } as const;
      // The file goes to a private temporary file first, so the engine can read it twice: its
      // syntax, then its rows (a malformed file is refused before anything is written).
      const spooled = await spoolToFile(input, DEFAULT_LIMIT_BYTES).catch((err: unknown) => {
        if (err instanceof FileTooLargeError) return null;
        throw err;
      });
      if (!spooled) return tooLarge(reply);
      const source = {
        open: () => fs.createReadStream('', { fd: spooled.fd, start: 0, autoClose: false }),
      };
      const spooledRequest = { ...request, bytesTotal: spooled.size };
      if (/respond-async/i.test(String(req.headers['prefer'] ?? ''))) {
        const jobId = randomUUID();
        const started = new Promise<void>((resolve) => {
          runImport(importDeps, actor, spooledRequest, source, { jobId, onStarted: resolve })
            .catch((err: unknown) => req.log.error({ err, jobId }, 'import failed'))
            .finally(() => {
              spooled.stream.destroy();
              resolve();
            });
        });
        await started;
        return reply
          .status(202)
          .header('location', `/api/v1/imports/${jobId}`)
          .header('preference-applied', 'respond-async')
          .send({ id: jobId, status: 'running' });
      }
      const outcome = await runImport(importDeps, actor, spooledRequest, source).finally(() =>
        spooled.stream.destroy(),
      );
      if (outcome.status === 'rejected' && !q.dryRun) return rejected(reply, req, outcome);
      return reply
        .header('location', `/api/v1/imports/${outcome.jobId}`)
        .send({ id: outcome.jobId, status: outcome.status, report: outcome.report });
    });
    registered();
  });
}
