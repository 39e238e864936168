import { findNodeAtLocation, parseTree, type Node, type ParseError } from 'jsonc-parser';

/**
 * The keys of the object at `path` in a raw JSON text, in the order they are written: what a
 * client that reads keys in order sees (JSON.parse would sort integer-like keys first).
 */
export function keysInText(text: string, path: ReadonlyArray<string | number>): string[] {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (!root || errors.length) throw new Error(`not valid JSON (first error at ${errors[0]?.offset ?? 0})`);
  const node = findNodeAtLocation(root, [...path]);
  if (!node) throw new Error(`nothing at ${path.join('.')}`);
  if (node.type !== 'object') throw new Error(`${path.join('.')} is a ${node.type}, not an object`);
  return (node.children ?? []).map((p: Node) => String(p.children?.[0]?.value));
}
