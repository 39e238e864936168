import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Reads the house's rules off the source tree: which module's migrations create each table,
 * which files write which tables, and which module folders import which. Used by
 * house.test.ts; pure functions over file texts so the detectors themselves are tested.
 */
const CREATE_TABLE = /create\s+table\s+(?:if\s+not\s+exists\s+)?([a-z_][a-z0-9_]*)/gi;
const CREATE_VIEW = /create\s+(?:or\s+replace\s+)?view\s+([a-z_][a-z0-9_]*)/gi;
const WRITE =
  /\b(?:insert\s+into|update|delete\s+from|truncate(?:\s+table)?|copy)\s+(?:only\s+)?([a-z_][a-z0-9_]*)/gi;
/** A relation after FROM, JOIN, USING or a comma: ONLY, a schema and quotes allowed, then an alias. */
const NAME = '(?:"?[a-z_][a-z0-9_]*"?\\.)?"?[a-z_][a-z0-9_]*"?';
const NOT_ALIAS =
  '(?!(?:where|join|left|right|inner|full|cross|natural|on|using|order|group|having|limit|offset|union|except|intersect|window|for|returning|set)\\b)';
const ITEM = `(?!lateral\\b)(?:only\\s+)?${NAME}(?:\\s+(?:as\\s+)?${NOT_ALIAS}[a-z_][a-z0-9_]*)?`;
const READ = new RegExp(`\\b(?:from|join|using)\\s+(${ITEM}(?:\\s*,\\s*${ITEM})*)`, 'gi');
const MODULE_IMPORT = /from\s+'\.\.\/([a-z-]+)\/[^']*'/g;

export function tablesCreatedBy(sql: string): string[] {
  return [...sql.matchAll(CREATE_TABLE)].map((m) => (m[1] ?? '').toLowerCase());
}

/** Views a migration creates: the owner's published reads, which any module may read. */
export function viewsCreatedBy(sql: string): string[] {
  return [...sql.matchAll(CREATE_VIEW)].map((m) => (m[1] ?? '').toLowerCase());
}

export function tablesWrittenBy(source: string): string[] {
  return [...new Set([...source.matchAll(WRITE)].map((m) => (m[1] ?? '').toLowerCase()))].sort();
}

/** Tables (or views) a file's SQL reads: what follows FROM, JOIN or USING, and each of a comma list. */
export function tablesReadBy(source: string): string[] {
  const names = [...source.matchAll(READ)].flatMap((m) =>
    (m[1] ?? '').split(',').map((item) => {
      const relation =
        item
          .trim()
          .replace(/^only\s+/i, '')
          .split(/\s+/)[0] ?? '';
      return (relation.split('.').pop() ?? '').replaceAll('"', '').toLowerCase();
    }),
  );
  return [...new Set(names)].sort();
}

/** The other module folders a file in src/modules/<module>/ imports (one level up, then down). */
export function modulesImportedBy(source: string, module: string): string[] {
  return [...new Set([...source.matchAll(MODULE_IMPORT)].map((m) => m[1] ?? ''))].filter((m) => m !== module);
}

function filesUnder(dir: string, test: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Production source: not tests, not test helpers (testing.ts). */
const isProductionTs = (name: string) =>
  name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') && name !== 'testing.ts';

/** A source file by its path from the project root (`src/modules/org/sql/0001_x.sql`) and text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** The migrations and the production TypeScript of the tree at `root`. */
export function sourceFiles(root: string): SourceFile[] {
  const src = path.join(root, 'src');
  return filesUnder(src, (n) => n.endsWith('.sql') || isProductionTs(n)).map((file) => ({
    path: path.relative(root, file).split(path.sep).join('/'),
    text: readFileSync(file, 'utf8'),
  }));
}

/** The module folder a file sits in (src/modules/<module>/…), or undefined outside the modules. */
const moduleOf = (file: string): string | undefined => /^src\/modules\/([^/]+)\//.exec(file)?.[1];

/** Which module's migrations create each relation (first creation wins), tables or views. */
function ownersOf(files: readonly SourceFile[], created: (sql: string) => string[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const f of files) {
    const module = moduleOf(f.path);
    if (!module || !f.path.endsWith('.sql')) continue;
    for (const name of created(f.text)) if (!owners.has(name)) owners.set(name, module);
  }
  return owners;
}

export function tableOwners(root: string): Map<string, string> {
  return ownersOf(sourceFiles(root), tablesCreatedBy);
}

/**
 * Every use of another module's relation by a production TypeScript file, as "file verb relation
 * (owned by module)". Writes count for tables and views alike (a plain view writes through);
 * reads only for tables, because a module's views are the reads it publishes.
 */
export function foreignUsesIn(files: readonly SourceFile[]): { writes: string[]; reads: string[] } {
  const tables = ownersOf(files, tablesCreatedBy);
  const relations = new Map([...ownersOf(files, viewsCreatedBy), ...tables]);
  const writes: string[] = [];
  const reads: string[] = [];
  for (const f of files) {
    if (!f.path.endsWith('.ts')) continue;
    const module = moduleOf(f.path);
    const foreign = (owners: Map<string, string>, names: string[], verb: string, out: string[]) => {
      for (const name of names) {
        const owner = owners.get(name);
        if (owner && owner !== module) out.push(`${f.path} ${verb} ${name} (owned by ${owner})`);
      }
    };
    foreign(relations, tablesWrittenBy(f.text), 'writes', writes);
    foreign(tables, tablesReadBy(f.text), 'reads', reads);
  }
  return { writes: writes.sort(), reads: reads.sort() };
}

/** "file writes table (owned by module)" for every write outside the owning module. */
export function foreignWrites(root: string): string[] {
  return foreignUsesIn(sourceFiles(root)).writes;
}

/** "file reads table (owned by module)" for every read of a table outside the owning module. */
export function foreignReads(root: string): string[] {
  return foreignUsesIn(sourceFiles(root)).reads;
}

/** Which module folders each module folder imports, from production files. */
export function moduleGraph(root: string): Map<string, Set<string>> {
  const modules = path.join(root, 'src/modules');
  const graph = new Map<string, Set<string>>();
  for (const file of filesUnder(modules, isProductionTs)) {
    const module = path.relative(modules, file).split(path.sep)[0] ?? '';
    const edges = graph.get(module) ?? new Set<string>();
    for (const m of modulesImportedBy(readFileSync(file, 'utf8'), module)) edges.add(m);
    graph.set(module, edges);
  }
  return graph;
}

/** Every cycle between module folders, each as a path "a -> b -> a" (empty when there is none). */
export function cyclesOf(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const cycles = new Set<string>();
  const visit = (node: string, trail: string[]) => {
    const at = trail.indexOf(node);
    if (at >= 0) {
      const loop = trail.slice(at);
      // One name per cycle whatever node it was entered from: start at the smallest.
      const start = loop.indexOf([...loop].sort()[0] ?? '');
      const turned = [...loop.slice(start), ...loop.slice(0, start)];
      cycles.add([...turned, turned[0]].join(' -> '));
      return;
    }
    for (const next of graph.get(node) ?? []) visit(next, [...trail, node]);
  };
  for (const node of graph.keys()) visit(node, []);
  return [...cycles].sort();
}
