/**
 * A selected cube: dimensions with their chosen codes and a cell lookup. Values are laid out
 * row-major (the last dimension varies fastest), as JSON-stat and PxWeb expect.
 */
export interface CubeDimension {
  id: string;
  label: string;
  codes: readonly string[];
  labels: Readonly<Record<string, string>>;
  unit?: Readonly<Record<string, { base: string; decimals: number }>>;
  extension?: Readonly<Record<string, unknown>>;
}

export interface CubeCell {
  value: number | null;
  /** A value symbol (".." suppressed, "." cannot be stated); the value is then null. */
  status?: string;
}

export interface Cube {
  dimensions: readonly CubeDimension[];
  /** codes[i] is a code of dimensions[i]. */
  cell(codes: readonly string[]): CubeCell;
}

export function cellCount(dimensions: readonly { codes: readonly unknown[] }[]): number {
  return dimensions.reduce((n, d) => n * d.codes.length, 1);
}

/** Calls fn for every combination of codes in row-major order. */
export function forEachCombination(
  dimensions: readonly { codes: readonly string[] }[],
  fn: (codes: string[], index: number) => void,
): void {
  const total = cellCount(dimensions);
  const current = new Array<string>(dimensions.length);
  for (let index = 0; index < total; index++) {
    let rest = index;
    for (let d = dimensions.length - 1; d >= 0; d--) {
      const codes = dimensions[d]?.codes ?? [];
      current[d] = codes[rest % codes.length] ?? '';
      rest = Math.floor(rest / codes.length);
    }
    fn(current, index);
  }
}

export function cubeValues(cube: Cube): { value: (number | null)[]; status: Record<string, string> } {
  const value: (number | null)[] = [];
  const status: Record<string, string> = {};
  forEachCombination(cube.dimensions, (codes, index) => {
    const c = cube.cell(codes);
    value.push(c.status ? null : c.value);
    if (c.status) status[String(index)] = c.status;
  });
  return { value, status };
}
