import { jsonResponse, notModified, pathParams, problemResponse, querySchema } from './docs-schema.js';
import { langQuery, outputQuery, tablesQuery } from './pxweb-schema.js';

/** OpenAPI documentation of the PxWeb-compatible routes. */
const TAG = 'PxWeb v2';
const id = pathParams({
  id: { description: 'table id = indicator id, e.g. K10001 (any case)', pattern: '^[A-Za-z][0-9]{5}$' },
});
const open = { type: 'object', additionalProperties: true } as const;

const selectionText =
  'Value codes or expressions: `*`, wildcards (`01*`, `??`), `TOP(n)`, `TOP(n,offset)` (newest years), ' +
  '`BOTTOM(n)`, `FROM(x)`, `TO(x)`, `RANGE(x,y)`. In a GET value an expression with a comma goes in ' +
  'brackets: `valuecodes[Tid]=[RANGE(2022,2024)]`. Region and Kon may be left out (eliminated to 00 and 1+2); ' +
  'ContentsCode and Tid may not. Suppressed cells are null with JSON-stat status "..".';

export function pxwebDocs(maxDataCells: number) {
  const errors = {
    304: notModified,
    400: problemResponse(),
    403: problemResponse(`more than ${maxDataCells} cells selected`),
    404: problemResponse(),
  };
  const dataResponses = {
    200: {
      description: 'JSON-stat 2.0 dataset, CSV (UTF-8 with BOM) or XLSX, by outputFormat',
      content: {
        'application/json': { schema: open },
        'text/csv': { schema: { type: 'string' } },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: { type: 'string', format: 'binary' },
        },
      },
    },
    ...errors,
  };
  const outputParams = querySchema(outputQuery);
  return {
    config: {
      tags: [TAG],
      summary: 'API configuration',
      response: { 200: jsonResponse(open), 304: notModified },
    },
    tables: {
      tags: [TAG],
      summary: 'Tables: search and paging',
      querystring: querySchema(tablesQuery),
      response: { 200: jsonResponse(open), 304: notModified, 400: problemResponse() },
    },
    codeList: {
      tags: [TAG],
      summary: 'A code list (value set) of a variable: vs_RegionRiketLan, vs_RegionKommun',
      description:
        'Select with it by GET `codelist[Region]=vs_RegionKommun&valuecodes[Region]=*` or by POST ' +
        '`{"variableCode":"Region","codelist":"vs_RegionKommun","valueCodes":["*"]}`.',
      params: pathParams({ id: { description: 'code list id', pattern: '^[A-Za-z0-9_]{1,100}$' } }),
      querystring: querySchema(langQuery),
      response: { 200: jsonResponse(open), 304: notModified, 400: problemResponse(), 404: problemResponse() },
    },
    table: {
      tags: [TAG],
      summary: 'One table',
      params: id,
      querystring: querySchema(langQuery),
      response: { 200: jsonResponse(open), 304: notModified, 400: problemResponse(), 404: problemResponse() },
    },
    metadata: {
      tags: [TAG],
      summary: 'Metadata as JSON-stat 2.0 (all categories, no values)',
      params: id,
      querystring: querySchema(langQuery),
      response: { 200: jsonResponse(open), 304: notModified, 400: problemResponse(), 404: problemResponse() },
    },
    defaultSelection: {
      tags: [TAG],
      summary: 'The selection used when none is given',
      params: id,
      querystring: querySchema(langQuery),
      response: { 200: jsonResponse(open), 304: notModified, 400: problemResponse(), 404: problemResponse() },
    },
    dataGet: {
      tags: [TAG],
      summary: 'Data by GET with valuecodes[VARIABLE]=…',
      description: `${selectionText} Example: \`valuecodes[Region]=00,0180&valuecodes[Tid]=TOP(3)&valuecodes[ContentsCode]=*\`.`,
      params: id,
      querystring: outputParams,
      response: dataResponses,
    },
    dataPost: {
      tags: [TAG],
      summary: 'Data by POST with a selection',
      description: selectionText,
      params: id,
      querystring: outputParams,
      body: {
        type: 'object',
        required: ['selection'],
        properties: {
          selection: {
            type: 'array',
            items: {
              type: 'object',
              required: ['variableCode', 'valueCodes'],
              properties: {
                variableCode: { type: 'string' },
                valueCodes: { type: 'array', items: { type: 'string' } },
              },
            },
          },
          placement: {
            type: 'object',
            properties: {
              heading: { type: 'array', items: { type: 'string' } },
              stub: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
      response: { ...dataResponses, 422: problemResponse() },
    },
  };
}
