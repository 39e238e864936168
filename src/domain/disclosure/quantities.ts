/**
 * Names of the quantities a table's cells hold, so that the same quantity in two tables gets the
 * same name (joint.ts). A unit × sex cell is named by its caller (in a release: the cell key and
 * the true count, which together identify the record set); a total is named by the names of its
 * parts, so two totals are the same quantity exactly when they sum the same unit × sex cells.
 * Names are interned to short tokens, shared by every table named through one instance.
 */
import { childrenOf } from './table.js';
import type { CellKey, ParentMap } from './table.js';

export class QuantityNames {
  private readonly tokens = new Map<string, string>();

  private intern(name: string): string {
    let token = this.tokens.get(name);
    if (token === undefined) {
      token = `q${this.tokens.size}`;
      this.tokens.set(name, token);
    }
    return token;
  }

  /**
   * A name for every cell of one table. `leaf` names a unit × sex cell (K or M of a node without
   * children); a leaf it does not name is a structural zero of that node.
   */
  of(
    parents: ParentMap,
    cells: readonly CellKey[],
    leaf: (node: string, sex: 'K' | 'M') => string | undefined,
  ): string[] {
    const children = childrenOf(parents);
    const memo = new Map<string, string>();
    const name = (node: string, sex: CellKey['sex']): string => {
      const key = `${sex}:${node}`;
      const known = memo.get(key);
      if (known !== undefined) return known;
      const kids = children.get(node) ?? [];
      let out: string;
      if (sex === 'T') out = this.intern(`T(${name(node, 'K')},${name(node, 'M')})`);
      else if (kids.length === 0) out = this.intern(leaf(node, sex) ?? `zero:${node}/${sex}`);
      else
        out = this.intern(
          `${sex}[${kids
            .map((k) => name(k, sex))
            .sort()
            .join(',')}]`,
        );
      memo.set(key, out);
      return out;
    };
    return cells.map((c) => name(c.node, c.sex));
  }
}
