import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Read-your-writes across processes: after a write, the server hands the client the primary's
 * WAL position (LSN) in a cookie; a later read carrying it runs in this context and is served
 * only by a standby that has replayed at least that far (else by the primary).
 */
export const readAfter = new AsyncLocalStorage<{ lsn: bigint }>();

const LSN = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i;

/** PostgreSQL's 'X/Y' text form of a WAL position as one number; undefined when malformed. */
export function parseLsn(text: string | null | undefined): bigint | undefined {
  const m = text ? LSN.exec(text) : null;
  if (!m?.[1] || !m[2]) return undefined;
  return (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`);
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}
