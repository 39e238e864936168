import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { RELEASE_CADENCES, type ReleaseCadence } from '../domain/indicators/release.js';

/**
 * Configuration is read once at start from the environment and validated here;
 * everything else receives the parsed object and never touches process.env.
 */
const booleanFlag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'], { error: 'must be one of 0, 1, true, false, yes, no' })
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** One IPv4/IPv6 address or CIDR block, e.g. 10.0.0.0/8 or ::1. */
function isAddressOrCidr(v: string): boolean {
  const [addr, bits, ...rest] = v.split('/');
  if (rest.length > 0 || addr === undefined) return false;
  const family = isIP(addr);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

const addressList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== ''),
  )
  .refine((list) => list.every(isAddressOrCidr), {
    error: 'must be a comma-separated list of IP addresses or CIDR blocks (e.g. 10.0.0.0/8,::1)',
  });

const configSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  DATA_DIR: z.string().min(1, 'must not be empty').default('./var/db'),
  BACKUP_DIR: z.string().min(1, 'must not be empty').default('./var/backups'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_READ_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\/[^\s,]+(,postgres(ql)?:\/\/[^\s,]+)*$/,
      'must be postgres:// URLs separated by commas',
    )
    .optional(),
  READ_MAX_LAG_SECONDS: z.coerce
    .number({ error: 'must be a number' })
    .min(0, 'must be at least 0')
    .max(3600, 'must be at most 3600')
    .default(5),
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  REFERENCE_DATA_DIR: z.string().min(1, 'must not be empty').default('../shared/data'),
  DEMO: booleanFlag.optional(),
  DISCLOSURE_THRESHOLD: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(2, 'must be at least 2 (counts 1 to threshold−1 are suppressed)')
    .max(100, 'must be at most 100')
    .default(5),
  RELEASE_CADENCE: z
    .enum(RELEASE_CADENCES, { error: `must be one of ${RELEASE_CADENCES.join(', ')}` })
    .default('monthly'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  SESSION_IDLE_MINUTES: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 1440')
    .max(1440, 'must be between 1 and 1440')
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 168')
    .max(168, 'must be between 1 and 168')
    .default(12),
  COOKIE_SECURE: booleanFlag.optional(),
  PSEUDONYM_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  BREAK_GLASS_HOURS: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 24')
    .max(24, 'must be between 1 and 24')
    .default(3),
  TRUSTED_PROXIES: addressList.optional(),
  AUDIT_CHECKPOINT_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  AUDIT_CHECKPOINT_FILE: z.string().min(1, 'must not be empty').optional(),
  AUDIT_CHECKPOINT_SECONDS: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 86400')
    .max(86400, 'must be between 1 and 86400')
    .default(60),
  OIDC_ISSUER: z.url({ error: 'must be an http(s) URL' }).optional(),
  OIDC_CLIENT_ID: z.string().min(1, 'must not be empty').optional(),
  OIDC_CLIENT_SECRET: z.string().min(1, 'must not be empty').optional(),
  OIDC_REDIRECT_URL: z.url({ error: 'must be an http(s) URL' }).optional(),
});

export type DatabaseEngine = 'pglite' | 'postgres';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Where a running embedded server writes its backups (POST /api/v1/admin/backups); never inside DATA_DIR. */
  backupDir: string;
  databaseUrl: string | undefined;
  /** Streaming standbys for public and aggregated reads (src/db/replicas.ts); empty: none. */
  readUrls: string[];
  /** A standby further behind than this is skipped. */
  readMaxLagSeconds: number;
  /** Bearer token for /metrics from anywhere; undefined: /metrics answers loopback clients only. */
  metricsToken: string | undefined;
  engine: DatabaseEngine;
  referenceDataDir: string;
  /** Demo data loads by default in embedded mode only (DESIGN.md: never in server mode unless asked). */
  demo: boolean;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  /** Published counts from 1 to threshold−1 are suppressed (DOMAIN.md §8: no national rule; 5 is SKR's). */
  disclosureThreshold: number;
  /** How often the public values change: a release per month (default), week or day, or only on demand. */
  releaseCadence: ReleaseCadence;
  /** Sessions end after this much inactivity, and in any case this long after login. */
  session: { idleMinutes: number; absoluteHours: number };
  /** Secure cookies: on in server mode unless COOKIE_SECURE=0, off in embedded mode unless COOKIE_SECURE=1. */
  cookieSecure: boolean;
  /** OpenID Connect login; undefined unless all four OIDC_* variables are set. */
  oidc: OidcConfig | undefined;
  /**
   * Key of the person pseudonyms (HMAC). Required in server mode; embedded or demo mode without it
   * uses DATA_DIR/pseudonym.key (src/config/secrets.ts). Never stored in the database.
   */
  pseudonymKey: string | undefined;
  /** How long a break-the-glass grant to a person outside one's scope lasts. */
  breakGlassHours: number;
  /**
   * Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR blocks); the client
   * address is then the first one not in this list. Empty: the peer address is the client's.
   */
  trustedProxies: string[];
  /**
   * HMAC key of the audit chain's signed checkpoints, kept outside the database
   * (src/modules/audit/README.md). Embedded mode without it uses DATA_DIR/audit-checkpoint.key;
   * server mode without it writes no checkpoints.
   */
  auditCheckpointKey: string | undefined;
  /** Where checkpoints are appended besides the log and the database; undefined: nowhere else. */
  auditCheckpointFile: string | undefined;
  /** How often the server signs the chain head when it has moved. */
  auditCheckpointSeconds: number;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
}

const OIDC_VARS = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL'] as const;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly rule: string,
  ) {
    super(`Invalid configuration: ${variable} ${rule}`);
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset, the way shells and .env files usually mean them. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = configSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(variable, issue?.message ?? 'is invalid');
  }
  const c = parsed.data;
  const oidcSet = OIDC_VARS.filter((v) => c[v] !== undefined);
  if (oidcSet.length > 0 && oidcSet.length < OIDC_VARS.length) {
    const missing = OIDC_VARS.find((v) => c[v] === undefined) ?? 'OIDC_ISSUER';
    throw new ConfigError(missing, 'must be set when any OIDC_* variable is set');
  }
  if (c.DATABASE_READ_URL && !c.DATABASE_URL)
    throw new ConfigError('DATABASE_READ_URL', 'needs DATABASE_URL (the primary the standbys follow)');
  const engine: DatabaseEngine = c.DATABASE_URL ? 'postgres' : 'pglite';
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(cwd, c.DATA_DIR),
    backupDir: path.resolve(cwd, c.BACKUP_DIR),
    databaseUrl: c.DATABASE_URL,
    readUrls: c.DATABASE_READ_URL?.split(',') ?? [],
    readMaxLagSeconds: c.READ_MAX_LAG_SECONDS,
    metricsToken: c.METRICS_TOKEN,
    engine,
    referenceDataDir: path.resolve(cwd, c.REFERENCE_DATA_DIR),
    demo: c.DEMO ?? engine === 'pglite',
    logLevel: c.LOG_LEVEL,
    disclosureThreshold: c.DISCLOSURE_THRESHOLD,
    releaseCadence: c.RELEASE_CADENCE,
    session: { idleMinutes: c.SESSION_IDLE_MINUTES, absoluteHours: c.SESSION_ABSOLUTE_HOURS },
    cookieSecure: c.COOKIE_SECURE ?? engine === 'postgres',
    oidc:
      c.OIDC_ISSUER && c.OIDC_CLIENT_ID && c.OIDC_CLIENT_SECRET && c.OIDC_REDIRECT_URL
        ? {
            issuer: c.OIDC_ISSUER,
            clientId: c.OIDC_CLIENT_ID,
            clientSecret: c.OIDC_CLIENT_SECRET,
            redirectUrl: c.OIDC_REDIRECT_URL,
          }
        : undefined,
    pseudonymKey: c.PSEUDONYM_KEY,
    breakGlassHours: c.BREAK_GLASS_HOURS,
    trustedProxies: c.TRUSTED_PROXIES ?? [],
    auditCheckpointKey: c.AUDIT_CHECKPOINT_KEY,
    auditCheckpointFile: c.AUDIT_CHECKPOINT_FILE ? path.resolve(cwd, c.AUDIT_CHECKPOINT_FILE) : undefined,
    auditCheckpointSeconds: c.AUDIT_CHECKPOINT_SECONDS,
  };
}
