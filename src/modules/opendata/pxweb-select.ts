import {
  NOT_STATED,
  SEX_OF_PXWEB,
  SUPPRESSED,
  nodeOfPxwebRegion,
  rateSymbol,
} from '../../domain/opendata/codes.js';
import { cellCount, type Cube, type CubeCell, type CubeDimension } from '../../domain/opendata/cube.js';
import { resolveSelection } from '../../domain/opendata/selection.js';
import type { LoadedTable } from './cache.js';
import { ApiProblem } from './http.js';
import { DIM, type CodeList, type PxTable } from './pxweb-model.js';

/**
 * From a PxWeb selection to a cube over the cached published tables. A variable left out is
 * eliminated when it may be (Region → 00, Kon → 1+2) and refused when it is mandatory
 * (ContentsCode, Tid); no selection at all means the default selection.
 */
export interface VariableSelection {
  variableCode: string;
  valueCodes: string[];
  /** A code list of the variable: the values are chosen among its codes. */
  codelist?: string;
}

export function badRequest(title: string, detail: string): ApiProblem {
  return new ApiProblem(400, title, detail);
}

/** The default selection: every region, both sexes together, all contents, the latest year. */
export function defaultSelection(t: PxTable): VariableSelection[] {
  return t.dimensions.map((d) => ({
    variableCode: d.id,
    valueCodes: d.id === DIM.sex ? ['1+2'] : d.id === DIM.time ? d.codes.slice(-1) : [...d.codes],
  }));
}

export interface Selected {
  dimensions: CubeDimension[];
  /** Eliminated variables and the value they stand at. */
  fixed: Record<string, string>;
}

export function select(
  t: PxTable,
  given: readonly VariableSelection[] | null,
  maxCells: number,
  lists: readonly CodeList[] = [],
): Selected {
  const selections = given && given.length ? given : defaultSelection(t);
  const byId = new Map(t.dimensions.map((d) => [d.id.toLowerCase(), d]));
  const chosen = new Map<string, string[]>();
  for (const s of selections) {
    const d = byId.get(s.variableCode.toLowerCase());
    if (!d) throw badRequest('Non-existent variable', `${t.def.id} has no variable "${s.variableCode}"`);
    let codes = d.codes;
    if (s.codelist) {
      const list = lists.find((c) => c.id.toLowerCase() === s.codelist?.toLowerCase() && c.variable === d.id);
      if (!list) throw badRequest('Non-existent codelist', `${d.id} has no code list "${s.codelist}"`);
      codes = list.values.map((v) => v.code);
    }
    const r = resolveSelection(codes, s.valueCodes, { time: d.id === DIM.time });
    if (!r.ok) throw badRequest('Non-existent value', `${d.id}: ${r.message}`);
    if (r.codes.length === 0)
      throw badRequest('No values selected', `${d.id}: the selection matches no value`);
    chosen.set(d.id, r.codes);
  }
  const dimensions: CubeDimension[] = [];
  const fixed: Record<string, string> = {};
  for (const d of t.dimensions) {
    const codes = chosen.get(d.id);
    if (codes) {
      dimensions.push({ ...d, codes });
      continue;
    }
    const elimination = d.extension?.['eliminationValueCode'];
    if (typeof elimination !== 'string')
      throw badRequest('Missing selection for mandatory variable', `select at least one value of ${d.id}`);
    fixed[d.id] = elimination;
  }
  const cells = cellCount(dimensions);
  if (cells > maxCells) {
    throw new ApiProblem(
      403,
      'Too many cells selected',
      `the selection has ${cells} cells; at most ${maxCells} may be fetched in one call`,
    );
  }
  return { dimensions, fixed };
}

function cellOf(table: LoadedTable | undefined, region: string, sex: string, contents: string): CubeCell {
  const node = nodeOfPxwebRegion(region);
  const s = SEX_OF_PXWEB[sex];
  const cell = table && node && s ? table.get(node.level, node.code, s) : undefined;
  if (!cell) return { value: null, status: NOT_STATED };
  if (contents === 'rate') {
    const { value, status } = rateSymbol(cell);
    return status ? { value: null, status } : { value };
  }
  if (cell.status === 'suppressed') return { value: null, status: SUPPRESSED };
  const n = contents === 'numerator' ? cell.numerator : cell.denominator;
  return n === null ? { value: null, status: NOT_STATED } : { value: n };
}

export function cubeOf(sel: Selected, tables: ReadonlyMap<string, LoadedTable>): Cube {
  const pos = (id: string) => sel.dimensions.findIndex((d) => d.id === id);
  const at = (codes: readonly string[], id: string) => {
    const i = pos(id);
    return i >= 0 ? (codes[i] ?? '') : (sel.fixed[id] ?? '');
  };
  return {
    dimensions: sel.dimensions,
    cell: (codes) =>
      cellOf(
        tables.get(at(codes, DIM.time)),
        at(codes, DIM.region),
        at(codes, DIM.sex),
        at(codes, DIM.contents),
      ),
  };
}
