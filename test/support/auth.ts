import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/db.js';
import type { Role, Scope } from '../../src/domain/policy/principal.js';
import { addAssignment, createAccount } from '../../src/modules/identity/accounts.js';
import { createUnit } from '../../src/modules/org/service.js';
import { dbOf, type TestApp } from './app.js';

export interface LoggedIn {
  /** The Cookie header value, e.g. `kn_session=…`. */
  cookie: string;
  csrfToken: string;
  userId: string;
}

/** A unit for roles that need one: the first unit on file, or a new one in 0180. */
async function someUnit(db: Db): Promise<string> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM org_unit ORDER BY code LIMIT 1');
  if (rows[0]) return rows[0].id;
  const unit = await createUnit(db, {
    name: 'Testgården särskilt boende',
    municipalityCode: '0180',
    providerType: 'municipal',
    operatingArea: 'elderly_care',
    unitType: 'special_housing',
    validFrom: '2020-01-01',
  });
  return unit.unitId;
}

async function defaultScope(db: Db, role: Role): Promise<Scope> {
  switch (role) {
    case 'caseworker':
    case 'unit_manager':
      return { kind: 'unit', unitId: await someUnit(db) };
    case 'municipal_analyst':
      return { kind: 'municipality', code: '0180' };
    case 'regional_development_leader':
      return { kind: 'region', code: '01' };
    default:
      return { kind: 'nation' };
  }
}

/**
 * Creates an account holding one role assignment (through the identity service) and logs in
 * through `POST /api/v1/auth/login`. Use the result in `app.inject`:
 * `headers: { cookie, 'x-csrf-token': csrfToken }`.
 */
export async function loginAs(app: FastifyInstance | TestApp, role: Role, scope?: Scope): Promise<LoggedIn> {
  const fastify = 'inject' in app ? app : app.app;
  const db = dbOf(fastify);
  const username = `test-${role.replace(/_/g, '-')}-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(18).toString('base64url');
  const account = await createAccount(db, { username, displayName: `Test ${role}`, password });
  await addAssignment(
    db,
    account.id,
    { role, scope: scope ?? (await defaultScope(db, role)), validFrom: '2000-01-01' },
    new Date(),
  );
  const res = await fastify.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login as ${role} failed: ${res.statusCode} ${res.body}`);
  const session = res.cookies.find((c) => c.name === 'kn_session');
  if (!session) throw new Error('login set no kn_session cookie');
  const { csrfToken } = res.json<{ csrfToken: string }>();
  return { cookie: `kn_session=${session.value}`, csrfToken, userId: account.id };
}

/** Headers for a write as the logged-in user. */
export function asUser(u: LoggedIn): Record<string, string> {
  return { cookie: u.cookie, 'x-csrf-token': u.csrfToken };
}
