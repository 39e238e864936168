import type { FormDefinition, ItemDefinition } from './definition.js';

export interface IndexedItem {
  item: ItemDefinition;
  /** Id of the enclosing group, or null at the top level. */
  parent: string | null;
  /** Position in document order (depth first). */
  order: number;
}

export interface FormIndex {
  /** All items, groups and display items in document order. */
  all: IndexedItem[];
  byId: ReadonlyMap<string, IndexedItem>;
}

const cache = new WeakMap<FormDefinition, FormIndex>();

/** Flattens the item tree once per form object. Forms are immutable data, so caching is safe. */
export function indexForm(form: FormDefinition): FormIndex {
  const hit = cache.get(form);
  if (hit) return hit;
  const all: IndexedItem[] = [];
  const byId = new Map<string, IndexedItem>();
  const walk = (items: ItemDefinition[], parent: string | null): void => {
    for (const item of items) {
      const entry: IndexedItem = { item, parent, order: all.length };
      all.push(entry);
      if (!byId.has(item.id)) byId.set(item.id, entry);
      if (item.type === 'group') walk(item.items, item.id);
    }
  };
  walk(form.items, null);
  const index: FormIndex = { all, byId };
  cache.set(form, index);
  return index;
}

/** Every item in document order, groups before their children. */
export function flattenItems(items: ItemDefinition[]): ItemDefinition[] {
  return items.flatMap((item) => (item.type === 'group' ? [item, ...flattenItems(item.items)] : [item]));
}
