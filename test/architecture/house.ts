import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Reads the house's rules off the source tree: which module's migrations create each table,
 * which files write which tables, and which module folders import which. Used by
 * house.test.ts; pure functions over file texts so the detectors themselves are tested.
 */
const CREATE_TABLE = /create\s+table\s+(?:if\s+not\s+exists\s+)?([a-z_][a-z0-9_]*)/gi;
const WRITE =
  /\b(?:insert\s+into|update|delete\s+from|truncate(?:\s+table)?|copy)\s+(?:only\s+)?([a-z_][a-z0-9_]*)/gi;
const READ = /\b(?:from|join)\s+(?:only\s+)?([a-z_][a-z0-9_]*)/gi;
const MODULE_IMPORT = /from\s+'\.\.\/([a-z-]+)\/[^']*'/g;

export function tablesCreatedBy(sql: string): string[] {
  return [...sql.matchAll(CREATE_TABLE)].map((m) => (m[1] ?? '').toLowerCase());
}

export function tablesWrittenBy(source: string): string[] {
  return [...new Set([...source.matchAll(WRITE)].map((m) => (m[1] ?? '').toLowerCase()))].sort();
}

/** Tables (or views) a file's SQL reads: whatever follows FROM or JOIN. */
export function tablesReadBy(source: string): string[] {
  return [...new Set([...source.matchAll(READ)].map((m) => (m[1] ?? '').toLowerCase()))].sort();
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

export function tableOwners(root: string): Map<string, string> {
  const owners = new Map<string, string>();
  const modules = path.join(root, 'src/modules');
  for (const file of filesUnder(modules, (n) => n.endsWith('.sql'))) {
    const module = path.relative(modules, file).split(path.sep)[0] ?? '';
    for (const table of tablesCreatedBy(readFileSync(file, 'utf8')))
      if (!owners.has(table)) owners.set(table, module);
  }
  return owners;
}

/** "file writes table (owned by module)" for every write outside the owning module. */
export function foreignWrites(root: string): string[] {
  return foreignUses(root, tablesWrittenBy, 'writes');
}

/** "file reads table (owned by module)" for every read of a table outside the owning module. */
export function foreignReads(root: string): string[] {
  return foreignUses(root, tablesReadBy, 'reads');
}

function foreignUses(root: string, tablesOf: (source: string) => string[], verb: string): string[] {
  const owners = tableOwners(root);
  const out: string[] = [];
  for (const file of filesUnder(path.join(root, 'src'), isProductionTs)) {
    const rel = path.relative(root, file);
    const parts = rel.split(path.sep);
    const module = parts[1] === 'modules' ? parts[2] : undefined;
    for (const table of tablesOf(readFileSync(file, 'utf8'))) {
      const owner = owners.get(table);
      if (owner && owner !== module) out.push(`${rel} ${verb} ${table} (owned by ${owner})`);
    }
  }
  return out.sort();
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
