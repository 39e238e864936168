/**
 * JSON with code-keyed objects in the order we give. JavaScript puts integer-like keys ("10",
 * "1060") before all others and sorts them numerically, so an object built from JSON-stat codes
 * ("00", "01", "0114", "1+2", "1", "2") would be written in the wrong order; clients that read the
 * keys in order (as JSON-stat allows) would then put values under the wrong categories.
 */
export class OrderedRecord<T = unknown> {
  constructor(readonly entries: ReadonlyArray<readonly [string, T]>) {}

  static of<T>(keys: readonly string[], valueOf: (key: string, index: number) => T): OrderedRecord<T> {
    return new OrderedRecord(keys.map((k, i) => [k, valueOf(k, i)] as const));
  }

  get(key: string): T | undefined {
    return this.entries.find(([k]) => k === key)?.[1];
  }

  get size(): number {
    return this.entries.length;
  }

  /** JSON.stringify would lose the order: fail loudly instead. */
  toJSON(): never {
    throw new Error('an OrderedRecord is written with stringifyOrdered, not JSON.stringify');
  }
}

function isPrimitive(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

/** JSON.stringify, but an OrderedRecord is written as an object with its entries in order. */
export function stringifyOrdered(value: unknown): string | undefined {
  if (value instanceof OrderedRecord) {
    const parts: string[] = [];
    for (const [k, v] of value.entries as ReadonlyArray<readonly [string, unknown]>) {
      const text = stringifyOrdered(v);
      if (text !== undefined) parts.push(`${JSON.stringify(k)}:${text}`);
    }
    return `{${parts.join(',')}}`;
  }
  if (isPrimitive(value)) return JSON.stringify(value);
  if (Array.isArray(value)) {
    const items: unknown[] = value;
    // The fast path for long value arrays.
    if (items.every(isPrimitive)) return JSON.stringify(items);
    return `[${items.map((v) => stringifyOrdered(v) ?? 'null').join(',')}]`;
  }
  if (value instanceof Date) return JSON.stringify(value);
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const text = stringifyOrdered(v);
    if (text !== undefined) parts.push(`${JSON.stringify(k)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}
