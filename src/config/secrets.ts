import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from './config.js';

/**
 * Secrets kept outside the database: the pseudonym key, and key files in DATA_DIR for others
 * (the audit checkpoint key). Where the pseudonym key comes from (DESIGN.md: secrets from the environment in server mode;
 * embedded mode generates them once into DATA_DIR with file mode 0600). The key is never written
 * to the database: whoever holds a database copy alone cannot turn numbers into pseudonyms.
 */
export const PSEUDONYM_KEY_FILE = 'pseudonym.key';
const MIN_KEY_LENGTH = 32;

export function loadPseudonymKey(config: Config): Buffer {
  if (config.pseudonymKey !== undefined) return Buffer.from(config.pseudonymKey, 'utf8');
  if (config.engine === 'postgres' && !config.demo) {
    throw new ConfigError(
      'PSEUDONYM_KEY',
      'must be set in server mode (DATABASE_URL): at least 32 characters, kept outside the database',
    );
  }
  return Buffer.from(
    readOrCreateKeyFile(path.join(config.dataDir, PSEUDONYM_KEY_FILE), 'PSEUDONYM_KEY'),
    'utf8',
  );
}

/**
 * Reads the key file, creating it with 32 random bytes (mode 0600) when it does not exist;
 * `variable` names the setting that would replace it in an error.
 */
export function readOrCreateKeyFile(file: string, variable: string): string {
  if (!fs.existsSync(file)) createKeyFile(file);
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
    throw new ConfigError(variable, `file ${file} must be readable by its owner only (chmod 600)`);
  }
  const key = fs.readFileSync(file, 'utf8').trim();
  if (key.length < MIN_KEY_LENGTH) {
    throw new ConfigError(variable, `file ${file} must hold at least ${MIN_KEY_LENGTH} characters`);
  }
  return key;
}

/**
 * Writes a temporary file and links it into place, so a concurrent start never reads a half-written
 * key and the first writer wins (link fails when the file already exists).
 */
function createKeyFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(temporary, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${randomBytes(32).toString('base64url')}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(temporary, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.unlinkSync(temporary);
  }
}
