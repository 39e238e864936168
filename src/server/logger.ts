import pino, { type Logger } from 'pino';
import type { Config } from '../config/config.js';

/** Structured JSON logs; secrets and cookies never reach them. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'kunskapsnav' },
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
  });
}
