/**
 * Every text a page can show is loaded before it renders: the keys used by the modules of the
 * first load (main.tsx and what it imports, the staff pages aside) are in the first load's
 * catalogue, and those of each staff page's modules in the first load or in the areas that page
 * loads with it (pages/index.ts). Keys built from data (`audit.action.${a}`) count as every key
 * with that prefix. The compiler checks that a key exists; this checks that it is there in time.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { areaLoaders, type TextArea } from './areas';
import { isMessageKey } from './messages';

const WEB = path.resolve(import.meta.dirname, '..');
const PAGES_INDEX = path.join(WEB, 'pages/index.ts');
const LAZY_PAGE = /lazyPage\(\s*\[([^\]]*)\],\s*\(\)\s*=>\s*import\('([^']+)'\)/g;

function resolveModule(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const file of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (file.startsWith(WEB) && /\.tsx?$/.test(file) && fs.existsSync(file)) return file;
  }
  return null;
}

/** The web modules reachable from `root` (static and dynamic imports), the catalogues aside. */
function reachable(root: string, skip: (file: string, spec: string) => boolean): Set<string> {
  const seen = new Set<string>();
  const queue = [root];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file) || file.startsWith(path.join(WEB, 'i18n/messages')) || file.endsWith('areas.ts'))
      continue;
    seen.add(file);
    const source = fs.readFileSync(file, 'utf8');
    for (const m of source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
      const spec = m[1] ?? '';
      const target = resolveModule(file, spec);
      if (target && !skip(file, spec)) queue.push(target);
    }
  }
  return seen;
}

/** The keys a module may show: its literal keys, and every key under a prefix it completes. */
function keysUsed(file: string, allKeys: readonly string[]): Set<string> {
  const source = fs.readFileSync(file, 'utf8');
  const used = new Set<string>();
  for (const m of source.matchAll(/['"]([a-zA-Z][\w-]*(?:\.[\w-]+)+)['"]/g)) {
    const literal = m[1] ?? '';
    for (const key of [literal, `${literal}.one`, `${literal}.other`])
      if (allKeys.includes(key)) used.add(key);
  }
  for (const m of source.matchAll(/`([a-zA-Z]\w*(?:\.\w+)*\.)\$\{/g)) {
    for (const key of allKeys) if (key.startsWith(m[1] ?? '')) used.add(key);
  }
  return used;
}

const lazyPages = [...fs.readFileSync(PAGES_INDEX, 'utf8').matchAll(LAZY_PAGE)].map((m) => ({
  areas: [...(m[1] ?? '').matchAll(/'(\w+)'/g)].map((a) => a[1] as TextArea),
  module: resolveModule(PAGES_INDEX, m[2] ?? ''),
}));

test('every page finds its texts loaded: the first load its own, a staff page its areas too', async () => {
  const areaKeys = new Map<TextArea, Set<string>>();
  for (const [area, load] of Object.entries(areaLoaders) as [TextArea, () => Promise<{ sv: object }>][]) {
    areaKeys.set(area, new Set(Object.keys((await load()).sv)));
  }
  const allKeys = [...new Set([...areaKeys.values()].flatMap((keys) => [...keys]))];
  const firstLoad = (key: string) => isMessageKey(key);
  assert.ok(lazyPages.length >= 10, 'pages/index.ts declares its staff pages with lazyPage');

  const lazySpecs = new Set(lazyPages.map((p) => p.module));
  const entry = reachable(path.join(WEB, 'main.tsx'), (file, spec) => {
    return file === PAGES_INDEX && lazySpecs.has(resolveModule(file, spec));
  });
  const missing: string[] = [];
  const report = (where: string, file: string, keys: string[]) => {
    if (keys.length > 0)
      missing.push(
        `${where}: ${path.relative(WEB, file)} uses ${keys.slice(0, 3).join(', ')}${keys.length > 3 ? ` (+${keys.length - 3})` : ''}`,
      );
  };
  for (const file of entry)
    report(
      'first load',
      file,
      [...keysUsed(file, allKeys)].filter((k) => !firstLoad(k)),
    );
  for (const page of lazyPages) {
    assert.ok(page.module, 'a lazyPage import resolves to a module');
    const inAreas = (key: string) => page.areas.some((a) => areaKeys.get(a)?.has(key));
    const where = `${path.relative(WEB, page.module)} [${page.areas.join(', ')}]`;
    for (const file of reachable(page.module, () => false))
      report(
        where,
        file,
        [...keysUsed(file, allKeys)].filter((k) => !firstLoad(k) && !inAreas(k)),
      );
  }
  assert.deepEqual(missing, []);
});

test('no staff area repeats a key of the first load or of another area', async () => {
  const owner = new Map<string, string>();
  const repeated: string[] = [];
  for (const [area, load] of Object.entries(areaLoaders)) {
    for (const key of Object.keys((await load()).sv)) {
      if (isMessageKey(key) || owner.has(key))
        repeated.push(`${area}: ${key} (${owner.get(key) ?? 'first load'})`);
      owner.set(key, area);
    }
  }
  assert.deepEqual(repeated, []);
});
