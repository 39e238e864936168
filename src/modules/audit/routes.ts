import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { parseInput } from '../../server/problem.js';
import { auditReviewScope, type AuditReviewScope } from '../../domain/policy/policy.js';
import type { Principal } from '../../domain/policy/principal.js';
import { authorize, clockOf } from '../../server/authorize.js';
import { appendAudit } from './append.js';
import { csvHeader, csvRow } from './csv.js';
import type { AuditFilter } from './queries.js';
import { reviewPage, reviewStream } from './review.js';
import { auditFilterQuery, auditPageQuery, type AuditFilterQuery } from './schema.js';
import { anchorsOf } from './checkpoint.js';
import { VERIFY_BATCH_SIZE, verifyAuditChain } from './verify.js';
import { linkStagedAudit } from './link.js';

/**
 * /api/v1/audit: log review for unit managers (their units) and administrators (everything),
 * the CSV export (itself audited) and the chain verification for system administrators.
 */
export function auditRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const now = clockOf(deps);

  /** The reviewer's scope; a unit filter outside it is refused (403) rather than answered empty. */
  async function reviewScope(
    req: FastifyRequest,
    principal: Principal,
    unit: string | undefined,
  ): Promise<AuditReviewScope> {
    if (unit !== undefined) await authorize(req, 'audit.review', { unitId: unit }, deps);
    return auditReviewScope(principal);
  }

  app.get('/api/v1/audit', async (req) => {
    // Authorised before parsing: anonymous callers get 401 whatever their filters.
    const principal = await authorize(req, 'audit.review');
    const q = parseInput(auditPageQuery, req.query, 'query');
    const scope = await reviewScope(req, principal, q.unit);
    return reviewPage(db, filterOf(q), scope, {
      limit: q.limit,
      cursor: q.cursor,
      flaggedOnly: q.flagged ?? false,
    });
  });

  app.get('/api/v1/audit/export.csv', async (req, reply) => {
    const principal = await authorize(req, 'audit.review');
    const q = parseInput(auditFilterQuery, req.query, 'query');
    const scope = await reviewScope(req, principal, q.unit);
    const filter = filterOf(q);
    // Logged before the first byte leaves: an export that fails half-way was still attempted.
    await db.transaction((tx) =>
      appendAudit(
        tx,
        {
          actorUserId: principal.userId,
          action: 'audit_export',
          outcome: 'allowed',
          personPseudonym: q.person ?? null,
          unitId: q.unit ?? null,
          clientAddress: req.ip,
          details: { format: 'csv', filters: describeFilters(q), scope: scope.all ? 'all' : scope.unitIds },
        },
        now(),
      ),
    );
    async function* lines(): AsyncGenerator<string> {
      yield `\uFEFF${csvHeader()}`;
      for await (const e of reviewStream(db, filter, scope, q.flagged ?? false)) yield csvRow(e);
    }
    const day = now().toISOString().slice(0, 10);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-${day}.csv"`)
      .send(Readable.from(lines()));
  });

  app.get('/api/v1/audit/verify', async (req) => {
    await authorize(req, 'audit.verify');
    await linkStagedAudit(db);
    return verifyAuditChain(db, VERIFY_BATCH_SIZE, anchorsOf(deps.config));
  });
}

function filterOf(q: AuditFilterQuery): AuditFilter {
  return { user: q.user, person: q.person, unit: q.unit, from: q.from, to: q.to, action: q.action };
}

/** The filters as given, for the export's audit entry (dates as ISO instants). */
function describeFilters(q: AuditFilterQuery): Record<string, string | boolean> {
  const described: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(q)) {
    if (value instanceof Date) described[key] = value.toISOString();
    else if (typeof value === 'string' || typeof value === 'boolean') described[key] = value;
  }
  return described;
}
