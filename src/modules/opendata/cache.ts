import type { Queryable } from '../../db/db.js';
import type { PublishedCell, Level, Sex } from '../../domain/opendata/codes.js';
import { loadCatalog, type Catalog } from './catalog.js';
import {
  dataVersion,
  publications,
  publishedTable,
  type PublicationRow,
  type ReleaseInfo,
  type WithdrawnCell,
} from './queries.js';

/**
 * In-memory copy of what the open data APIs serve: the latest release. Released tables are cached
 * per (indicator, period) and kept while the release is unchanged; a new release is noticed by
 * polling one small version row at most every `pollMs` (default 200 ms), so a public read costs
 * memory lookups and never runs the aggregation.
 */
export interface LoadedTable {
  indicatorId: string;
  period: string;
  publishedAt: Date;
  cells: PublishedCell[];
  get(level: Level, code: string, sex: Sex): PublishedCell | undefined;
  /** Values that were published in this table and withdrawn since (tombstones). */
  withdrawn: readonly WithdrawnCell[];
  withdrawnAt(level: Level, code: string, sex: Sex): Date | undefined;
}

export interface Snapshot {
  /** Changes whenever anything served may have changed; part of every ETag. */
  token: string;
  catalog: Catalog;
  publications: readonly PublicationRow[];
  /** The release every value of this snapshot comes from (null before the first release). */
  release: ReleaseInfo | null;
  publishedAt(indicatorId: string, period: string): Date | undefined;
}

const key = (indicatorId: string, period: string) => `${indicatorId}|${period}`;

function loaded(
  indicatorId: string,
  period: string,
  publishedAt: Date,
  cells: PublishedCell[],
  withdrawn: WithdrawnCell[],
): LoadedTable {
  const byKey = new Map(cells.map((c) => [`${c.level}|${c.code}|${c.sex}`, c]));
  const gone = new Map(withdrawn.map((w) => [`${w.level}|${w.code}|${w.sex}`, w.withdrawnAt]));
  return {
    indicatorId,
    period,
    publishedAt,
    cells,
    get: (l, c, s) => byKey.get(`${l}|${c}|${s}`),
    withdrawn,
    withdrawnAt: (l, c, s) => gone.get(`${l}|${c}|${s}`),
  };
}

export interface CacheOptions {
  pollMs?: number;
  now?: () => number;
  today?: () => string;
}

export class OpenDataCache {
  private readonly pollMs: number;
  private readonly now: () => number;
  private readonly today: () => string;
  private checkedAt = -Infinity;
  private checking: Promise<Snapshot> | null = null;
  private version: { publications: string; metadata: string } = { publications: '', metadata: '' };
  private current: Snapshot | null = null;
  private readonly tables = new Map<string, LoadedTable>();
  private readonly loading = new Map<string, Promise<LoadedTable | null>>();

  constructor(
    private readonly db: Queryable,
    options: CacheOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 200;
    this.now = options.now ?? Date.now;
    this.today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  }

  /** The current snapshot; checks the data version when the last check is older than pollMs. */
  async snapshot(): Promise<Snapshot> {
    if (this.current && this.now() - this.checkedAt < this.pollMs) return this.current;
    this.checking ??= this.refresh().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async refresh(): Promise<Snapshot> {
    const started = this.now();
    const v = await dataVersion(this.db);
    const prev = this.current;
    let catalog = prev?.catalog;
    let pubs = prev?.publications;
    if (!catalog || v.metadata !== this.version.metadata) catalog = await loadCatalog(this.db, this.today());
    if (!pubs || v.publications !== this.version.publications) {
      pubs = await publications(this.db, v.release);
      this.tables.clear(); // tables of an older release
    }
    const index = new Map(pubs.map((p) => [key(p.indicatorId, p.period), p.publishedAt]));
    this.version = { publications: v.publications, metadata: v.metadata };
    this.current = {
      token: `${v.publications}|${v.metadata}`,
      catalog,
      publications: pubs,
      release: v.release,
      publishedAt: (i, p) => index.get(key(i, p)),
    };
    this.checkedAt = started;
    return this.current;
  }

  /** A released table of the snapshot's release, loaded once per release. */
  async table(snap: Snapshot, indicatorId: string, period: string): Promise<LoadedTable | null> {
    const release = snap.release;
    const at = snap.publishedAt(indicatorId, period);
    if (!at || !release) return null;
    const k = `${release.id}|${key(indicatorId, period)}`;
    const have = this.tables.get(k);
    if (have) return have;
    let pending = this.loading.get(k);
    if (!pending) {
      pending = publishedTable(this.db, release, indicatorId, period)
        .then((t) => {
          if (!t) return null;
          const table = loaded(indicatorId, period, t.publishedAt, t.cells, t.withdrawn);
          this.tables.set(k, table);
          return table;
        })
        .finally(() => this.loading.delete(k));
      this.loading.set(k, pending);
    }
    return pending;
  }
}
