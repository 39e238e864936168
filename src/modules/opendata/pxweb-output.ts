import ExcelJS from 'exceljs';
import type { Cube } from '../../domain/opendata/cube.js';
import { dataDataset, type JsonStatMeta } from '../../domain/opendata/jsonstat.js';
import { pivot, toCsv, type CsvOptions, type Labelling } from '../../domain/opendata/table.js';
import { orderedJson, type Rendered } from './http.js';
import { badRequest } from './pxweb-select.js';
import { DIM } from './pxweb-model.js';

/** The three output formats: JSON-stat 2.0 (default), CSV and XLSX, from one cube. */
export const OUTPUT_FORMATS = ['json-stat2', 'csv', 'xlsx'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const FORMAT_PARAMS = [
  'UseCodes',
  'UseTexts',
  'UseCodesAndTexts',
  'IncludeTitle',
  'SeparatorTab',
  'SeparatorSpace',
  'SeparatorSemicolon',
] as const;
export type FormatParam = (typeof FORMAT_PARAMS)[number];

export interface OutputRequest {
  format: OutputFormat;
  params: FormatParam[];
  heading?: string[];
  stub?: string[];
}

/** Stub variables: asked for, or everything but the heading, or PxWeb's usual Region and Kon. */
function stubOf(cube: Cube, o: OutputRequest): string[] {
  const ids = cube.dimensions.map((d) => d.id);
  const canon = (list: string[]) =>
    list.map((v) => {
      const id = ids.find((x) => x.toLowerCase() === v.toLowerCase());
      if (!id)
        throw badRequest('Non-existent variable', `placement names "${v}", which is not in the selection`);
      return id;
    });
  if (o.stub?.length) return canon(o.stub);
  if (o.heading?.length) {
    const heading = canon(o.heading);
    return ids.filter((id) => !heading.includes(id));
  }
  return ids.filter((id) => id === DIM.region || id === DIM.sex);
}

function labelling(params: readonly FormatParam[]): Labelling {
  if (params.includes('UseCodesAndTexts')) return 'codesAndTexts';
  return params.includes('UseTexts') ? 'texts' : 'codes';
}

function csvOptions(params: readonly FormatParam[], title: string): CsvOptions {
  const separator = params.includes('SeparatorSemicolon')
    ? ';'
    : params.includes('SeparatorTab')
      ? '\t'
      : params.includes('SeparatorSpace')
        ? ' '
        : ',';
  return {
    separator,
    decimalComma: separator === ';',
    ...(params.includes('IncludeTitle') ? { title } : {}),
  };
}

async function xlsx(cube: Cube, o: OutputRequest, title: string, source: string): Promise<Buffer> {
  const table = pivot(cube, stubOf(cube, o), labelling(o.params));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Data');
  if (o.params.includes('IncludeTitle')) ws.addRow([title]);
  ws.addRow(table.header).font = { bold: true };
  for (const row of table.rows) ws.addRow(row);
  ws.addRow([]);
  ws.addRow([`Källa: ${source}`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function render(
  cube: Cube,
  o: OutputRequest,
  meta: JsonStatMeta,
  fileName: string,
): Promise<Rendered> {
  if (o.format === 'json-stat2') return orderedJson(dataDataset(meta, cube));
  const disposition = { 'content-disposition': `attachment; filename="${fileName}.${o.format}"` };
  if (o.format === 'csv') {
    const text = toCsv(pivot(cube, stubOf(cube, o), labelling(o.params)), csvOptions(o.params, meta.label));
    // A byte-order mark, so Excel reads the UTF-8 (å, ä, ö) right.
    return { contentType: 'text/csv; charset=utf-8', body: `\uFEFF${text}`, headers: disposition };
  }
  return {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await xlsx(cube, o, meta.label, meta.source),
    headers: disposition,
  };
}
