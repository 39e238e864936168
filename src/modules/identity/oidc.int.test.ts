import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { Provider } from 'oidc-provider';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { openTestApp } from '../../../test/support/app.js';
import { openTestDb, silentLogger, testConfig, type TestDb } from '../../../test/support/db.js';
import { createAccount, disableAccount } from './accounts.js';
import { safeReturnTo } from './oidc.js';

/**
 * OpenID Connect login against a real oidc-provider running in-process on a loopback port, and
 * our app on a real listening server. The browser is played by fetch with manual redirects and
 * two cookie jars (provider, app); login and consent are completed through the provider's
 * interaction API, the way a provider's own login page would.
 */
const CLIENT_ID = 'kunskapsnav-test';
const CLIENT_SECRET = randomBytes(24).toString('base64url');
const CALLBACK_PATH = '/api/v1/auth/oidc/callback';

async function listen(server: http.Server | net.Server, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

/** A free loopback port: our redirect URL must be known before the app is built. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  const port = await listen(probe);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

interface RunningProvider {
  issuer: string;
  /** The `sub` of whoever logs in at the provider next. */
  user: { sub: string };
  close(): Promise<void>;
}

async function startProvider(redirectUri: string): Promise<RunningProvider> {
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handler(req, res));
  const issuer = `http://127.0.0.1:${await listen(server)}`;
  const user = { sub: '' };
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [redirectUri] }],
    findAccount: (_ctx, sub) => Promise.resolve({ accountId: sub, claims: () => Promise.resolve({ sub }) }),
    features: { devInteractions: { enabled: false } },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
  });
  // The provider's login page, reduced to its effect: `user.sub` logs in and consents to openid
  // (or, when `user.sub` is empty, the user cancels).
  provider.use(async (ctx, next) => {
    if (!ctx.path.startsWith('/interaction/')) return next();
    if (!user.sub) {
      ctx.respond = false;
      return provider.interactionFinished(ctx.req, ctx.res, { error: 'access_denied' });
    }
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const grant = new provider.Grant({ accountId: user.sub, clientId: String(details.params['client_id']) });
    grant.addOIDCScope('openid');
    const grantId = await grant.save();
    ctx.respond = false;
    await provider.interactionFinished(ctx.req, ctx.res, {
      login: { accountId: user.sub },
      consent: { grantId },
    });
  });
  handler = provider.callback();
  return {
    issuer,
    user,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface RunningApp {
  url: string;
  app: FastifyInstance;
  t: TestDb;
  /** Moves the app's clock (not openid-client's). */
  clock: { offsetMs: number };
  close(): Promise<void>;
}

/** Like startTestServer, with OIDC configured and a clock the test can move. */
async function startApp(port: number, issuer: string): Promise<RunningApp> {
  const url = `http://127.0.0.1:${port}`;
  const t = await openTestDb();
  const clock = { offsetMs: 0 };
  const config = testConfig({
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_REDIRECT_URL: `${url}${CALLBACK_PATH}`,
  });
  const now = (): Date => new Date(Date.now() + clock.offsetMs);
  const app = await buildApp({ db: t.db, config, now }, { logger: silentLogger, webDir: '/nonexistent' });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url,
    app,
    t,
    clock,
    async close() {
      await app.close();
      await t.close();
    },
  };
}

type Jar = Map<string, string>;

function cookieHeader(jar: Jar): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** Keeps what Set-Cookie says (paths ignored: each origin has its own jar). */
function store(jar: Jar, res: Response): void {
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(';')[0] ?? '';
    const at = pair.indexOf('=');
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    const expired = /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0\b/i.test(line);
    if (value === '' || expired) jar.delete(name);
    else jar.set(name, value);
  }
}

interface Hop {
  url: URL;
  status: number;
  location: string | null;
  contentType: string | null;
  body: string;
}

async function get(url: URL, jar: Jar): Promise<Hop> {
  const res = await fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader(jar) } });
  store(jar, res);
  const body = await res.text();
  const { status } = res;
  return {
    url,
    status,
    location: res.headers.get('location'),
    contentType: res.headers.get('content-type'),
    body,
  };
}

/**
 * Plays the browser from our start URL through the provider until our callback answers (or
 * something stops the chain). Returns the last hop; `appJar` then holds our cookies.
 */
async function browse(app: RunningApp, startPath: string, appJar: Jar = new Map()): Promise<Hop> {
  const providerJar: Jar = new Map();
  let url = new URL(startPath, app.url);
  for (let hops = 0; hops < 12; hops++) {
    const ours = url.origin === app.url;
    const hop = await get(url, ours ? appJar : providerJar);
    const redirect = hop.status >= 300 && hop.status < 400 && hop.location !== null;
    if ((ours && url.pathname === CALLBACK_PATH) || !redirect || hop.location === null) return hop;
    url = new URL(hop.location, url);
  }
  throw new Error('too many redirects');
}

function assertProblem(hop: Hop, status: number, detail?: RegExp): void {
  assert.equal(hop.status, status, hop.body);
  assert.match(hop.contentType ?? '', /^application\/problem\+json/);
  if (detail) assert.match(String((JSON.parse(hop.body) as { detail?: string }).detail), detail);
}

interface LoginAudit {
  actor: string | null;
  method: string | null;
  reason: string | null;
}

async function loginAudit(app: RunningApp, outcome: 'allowed' | 'denied'): Promise<LoginAudit[]> {
  const { rows } = await app.t.db.query<Record<string, unknown>>(
    `SELECT actor_account_id, details->>'method' AS method, details->>'reason' AS reason
       FROM audit_log WHERE action = 'login' AND outcome = $1 ORDER BY seq`,
    [outcome],
  );
  return rows.map((r) => ({
    actor: (r['actor_account_id'] as string | null) ?? null,
    method: (r['method'] as string | null) ?? null,
    reason: (r['reason'] as string | null) ?? null,
  }));
}

describe('OpenID Connect login', () => {
  let provider: RunningProvider;
  let app: RunningApp;
  let anna: string;

  before(async () => {
    const port = await freePort();
    provider = await startProvider(`http://127.0.0.1:${port}${CALLBACK_PATH}`);
    app = await startApp(port, provider.issuer);
    const annaAccount = await createAccount(app.t.db, {
      username: 'oidc.anna',
      displayName: 'Anna OIDC',
      oidcSubject: 'sub-anna',
    });
    anna = annaAccount.id;
    const bertil = await createAccount(app.t.db, {
      username: 'oidc.bertil',
      displayName: 'Bertil OIDC',
      oidcSubject: 'sub-bertil',
    });
    await disableAccount(app.t.db, bertil.id);
  });
  after(async () => {
    await app?.close();
    await provider?.close();
  });

  it('logs a linked identity in, returns to the page asked for, and refuses a replay', async () => {
    provider.user.sub = 'sub-anna';
    const jar: Jar = new Map();
    const hop = await browse(
      app,
      `/api/v1/auth/oidc/start?returnTo=${encodeURIComponent('/org?tab=units')}`,
      jar,
    );
    assert.equal(hop.status, 302, hop.body);
    assert.equal(hop.location, '/org?tab=units');
    const session = jar.get('kn_session');
    assert.ok(session, 'kn_session cookie set');
    assert.equal(jar.has('kn_oidc_state'), false, 'the state cookie is cleared');

    const me = await get(new URL('/api/v1/auth/session', app.url), new Map([['kn_session', session]]));
    assert.equal(me.status, 200, me.body);
    const { principal } = JSON.parse(me.body) as { principal: { username: string; authMethod: string } };
    assert.equal(principal.username, 'oidc.anna');
    assert.equal(principal.authMethod, 'oidc');
    assert.deepEqual(await loginAudit(app, 'allowed'), [{ actor: anna, method: 'oidc', reason: null }]);

    // The same callback again, even with the state cookie: the request was used up.
    const state = hop.url.searchParams.get('state') ?? '';
    const replay = await get(hop.url, new Map([['kn_oidc_state', state]]));
    assertProblem(replay, 400, /state/);
  });

  it('refuses an unlinked identity, a disabled account and a cancelled login', async () => {
    provider.user.sub = 'sub-nobody';
    const jar: Jar = new Map();
    const unlinked = await browse(app, '/api/v1/auth/oidc/start', jar);
    assertProblem(unlinked, 403, /no account is linked to this identity/i);
    assert.equal(jar.has('kn_session'), false);

    provider.user.sub = 'sub-bertil';
    const disabled = await browse(app, '/api/v1/auth/oidc/start', jar);
    assertProblem(disabled, 403, /disabled/);
    assert.equal(jar.has('kn_session'), false);

    provider.user.sub = '';
    const cancelled = await browse(app, '/api/v1/auth/oidc/start', jar);
    assertProblem(cancelled, 401, /access_denied/);
    assert.equal(jar.has('kn_session'), false);
    assert.deepEqual(await loginAudit(app, 'denied'), [
      { actor: null, method: 'oidc', reason: 'unlinked' },
      { actor: null, method: 'oidc', reason: 'disabled' },
    ]);
  });

  it('answers 400 to an unknown state, a state this browser did not start, and an expired one', async () => {
    const unknown = 'x'.repeat(43);
    const callback = new URL(`${CALLBACK_PATH}?code=abc&state=${unknown}`, app.url);
    assertProblem(await get(callback, new Map([['kn_oidc_state', unknown]])), 400, /state/);
    assertProblem(await get(callback, new Map()), 400, /state/);

    // Started in one browser, finished in another: the state cookie is missing.
    provider.user.sub = 'sub-anna';
    const started = await get(new URL('/api/v1/auth/oidc/start', app.url), new Map());
    const state = new URL(started.location ?? '').searchParams.get('state') ?? '';
    assertProblem(await get(new URL(`${CALLBACK_PATH}?code=abc&state=${state}`, app.url), new Map()), 400);

    // Eleven minutes between start and callback.
    const jar: Jar = new Map();
    const fresh = await get(new URL('/api/v1/auth/oidc/start', app.url), jar);
    const providerJar: Jar = new Map();
    let hop = await get(new URL(fresh.location ?? ''), providerJar);
    while (hop.location && !hop.location.includes(CALLBACK_PATH)) {
      hop = await get(new URL(hop.location, hop.url), providerJar);
    }
    app.clock.offsetMs = 11 * 60_000;
    try {
      assertProblem(await get(new URL(hop.location ?? ''), jar), 400, /state/);
    } finally {
      app.clock.offsetMs = 0;
    }
  });

  it('ignores a return address that leaves the site', async () => {
    provider.user.sub = 'sub-anna';
    for (const returnTo of ['//evil.example', 'https://evil.example/', '/\\evil.example']) {
      const hop = await browse(app, `/api/v1/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`);
      assert.equal(hop.status, 302, hop.body);
      assert.equal(hop.location, '/', returnTo);
    }
  });

  it('offers both methods on /api/v1/auth/methods', async () => {
    const res = await app.app.inject('/api/v1/auth/methods');
    assert.deepEqual(res.json(), { password: true, oidc: true });
  });
});

describe('OpenID Connect login, not configured or unreachable', () => {
  it('answers 404 without OIDC_* and says oidc: false', async () => {
    const t = await openTestApp();
    try {
      for (const url of ['/api/v1/auth/oidc/start', `${CALLBACK_PATH}?code=a&state=b`]) {
        const res = await t.app.inject(url);
        assert.equal(res.statusCode, 404);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      }
      const methods = await t.app.inject('/api/v1/auth/methods');
      assert.deepEqual(methods.json(), { password: true, oidc: false });
    } finally {
      await t.close();
    }
  });

  it('answers 502 when the provider cannot be reached', async () => {
    const port = await freePort();
    const t = await openTestApp({
      env: {
        OIDC_ISSUER: `http://127.0.0.1:${port}`,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_CLIENT_SECRET: CLIENT_SECRET,
        OIDC_REDIRECT_URL: `http://127.0.0.1:1${CALLBACK_PATH}`,
      },
    });
    try {
      const res = await t.app.inject('/api/v1/auth/oidc/start');
      assert.equal(res.statusCode, 502, res.body);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    } finally {
      await t.close();
    }
  });
});

describe('safeReturnTo', () => {
  it('keeps same-origin paths and turns everything else into "/"', () => {
    assert.equal(safeReturnTo('/org/units?x=1#top'), '/org/units?x=1#top');
    for (const bad of [undefined, '', 'org', '//evil.example', '/\\evil.example', 'https://x', '/a\nb', 7]) {
      assert.equal(safeReturnTo(bad), '/', String(bad));
    }
  });
});
