/**
 * The small rules the import page checks before it sends a file; the answers' shapes and the
 * `source` rule are the contract in src/contracts/imports.ts.
 */

/** The content type to send a file with: from its extension, else what the browser says. */
export function contentTypeOf(file: File, types: Record<string, string>): string | null {
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'csv' || ext === 'txt') return types['csv'] ?? 'text/csv';
  if (ext === 'xlsx') return types['xlsx'] ?? null;
  if (ext === 'json') return types['json'] ?? 'application/json';
  const known = Object.values(types);
  return known.includes(file.type) ? file.type : null;
}

/** A file size in kB/MB, in the page's language. */
export function sizeText(bytes: number, formatNumber: (n: number, digits?: number) => string): string {
  if (bytes < 1024) return `${formatNumber(bytes)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 1)} kB`;
  return `${formatNumber(bytes / (1024 * 1024), 1)} MB`;
}

export const POLL_MS = 400;

export const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
