import type { FastifyInstance } from 'fastify';
import { linkStagedAudit } from '../audit/link.js';
import type { Db } from '../../db/db.js';
import { createUnit } from '../org/service.js';
import { asUser, type LoggedIn } from '../../../test/support/auth.js';

/** Fixtures for the persons tests (not part of the build). */

/** Valid numbers (check digits computed with luhnCheckDigit). */
export const PERSONNUMMER = {
  /** Skatteverket's example, 1964-08-23, M. */
  anna: '19640823-3234',
  /** Skatteverket's example samordningsnummer, 1970-10-03, M. */
  bertil: '19701063-2391',
  /** 2000-02-29, M. */
  cecilia: '20000229-1235',
  /** 1964-08-23, K; never registered. */
  nobody: '19640823-3242',
} as const;

export interface AuditRow extends Record<string, unknown> {
  seq: number;
  actor_account_id: string | null;
  action: string;
  outcome: string;
  person_pseudonym: string | null;
  unit_id: string | null;
  break_glass: boolean;
  purpose: string | null;
  details: Record<string, unknown>;
}

/** The audit log as its owner sees it, optionally only one actor's entries. */
export async function auditRows(db: Db, actorId?: string): Promise<AuditRow[]> {
  await linkStagedAudit(db);
  const { rows } = await db.query<AuditRow>(
    `SELECT seq, actor_account_id, action, outcome, person_pseudonym, unit_id, break_glass, purpose, details
       FROM audit_log WHERE $1::uuid IS NULL OR actor_account_id = $1::uuid ORDER BY seq`,
    [actorId ?? null],
  );
  return rows;
}

export async function makeUnit(db: Db, name: string, municipalityCode: string): Promise<string> {
  const unit = await createUnit(db, {
    name,
    municipalityCode,
    providerType: 'municipal',
    operatingArea: 'elderly_care',
    unitType: 'home_care',
    validFrom: '2020-01-01',
  });
  return unit.unitId;
}

export interface Registered {
  status: number;
  pseudonym: string;
  body: Record<string, unknown>;
}

/** POST /api/v1/persons as the user; fails the test unless it answers 200 or 201. */
export async function register(
  app: FastifyInstance,
  user: LoggedIn,
  input: { personnummer: string; name: string; unitId: string; servedFrom?: string },
): Promise<Registered> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/persons',
    headers: asUser(user),
    payload: { servedFrom: '2024-01-01', ...input },
  });
  if (res.statusCode !== 200 && res.statusCode !== 201) {
    throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  }
  const body = res.json<{ person: { pseudonym: string } }>();
  return { status: res.statusCode, pseudonym: body.person.pseudonym, body: res.json() };
}
