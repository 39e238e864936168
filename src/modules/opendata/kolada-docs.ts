import { MAX_IDS } from '../../domain/opendata/ids.js';
import { jsonResponse, notModified, pathParams, problemResponse, querySchema } from './docs-schema.js';
import { ID_PATTERN } from './kolada-schema.js';
import { dataQuery, kpiQuery, metaQuery, municipalityQuery, ouDataQuery, ouQuery } from './kolada-schema.js';

/** OpenAPI documentation of the Kolada-compatible routes. */
const TAG = 'Kolada v3';

const nullableString = { type: 'string', nullable: true } as const;

function envelopeOf(item: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      count: { type: 'integer', description: 'number of values on this page' },
      values: { type: 'array', items: item },
      next_url: nullableString,
      previous_url: nullableString,
      next_page: { ...nullableString, description: 'same as next_url (Kolada v2 clients)' },
      previous_page: { ...nullableString, description: 'same as previous_url (Kolada v2 clients)' },
    },
  };
}

const groupItem = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    members: {
      type: 'array',
      items: {
        type: 'object',
        properties: { member_id: { type: 'string' }, member_title: { type: 'string' } },
      },
    },
  },
};

const ITEMS: Record<string, { item: Record<string, unknown>; query: Record<string, unknown>; text: string }> =
  {
    kpi: {
      text:
        'Public indicators (openComparisons) with Kolada v3 KPI fields. Filters: id (comma list), title ' +
        '(part of it), municipality_type (K or L: KPIs with values for that type, A: for both), ' +
        'operating_area (part of it), publ_period (latest year), from_date (published since). ' +
        'Any other parameter is refused with 400 naming it.',
      query: querySchema(kpiQuery),
      item: {
        type: 'object',
        properties: {
          id: { type: 'string', example: 'K10001' },
          title: { type: 'string' },
          description: { type: 'string' },
          is_divided_by_gender: { type: 'boolean' },
          municipality_type: { type: 'string', enum: ['K', 'L', 'A'] },
          auspice: nullableString,
          operating_area: { type: 'string' },
          perspective: nullableString,
          prel_publication_date: nullableString,
          publication_date: nullableString,
          publ_period: nullableString,
          has_ou_data: { type: 'boolean' },
        },
      },
    },
    kpi_groups: {
      text: 'Indicator groups: quality areas and operating areas.',
      query: querySchema(metaQuery),
      item: groupItem,
    },
    municipality: {
      text:
        "The nation (0000), regions (00 + county code, type L, with Kolada's titles) and municipalities " +
        '(type K). Filters: id, title, type or region_type (K|L).',
      query: querySchema(municipalityQuery),
      item: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          type: { type: 'string', enum: ['K', 'L'] },
        },
      },
    },
    municipality_groups: {
      text: "SKR's municipality groups and Kolada's similar-municipality groups, with members.",
      query: querySchema(metaQuery),
      item: groupItem,
    },
    ou: {
      text: 'Organisational units (our units), with their municipality.',
      query: querySchema(ouQuery),
      item: {
        type: 'object',
        properties: { id: { type: 'string' }, municipality: { type: 'string' }, title: { type: 'string' } },
      },
    },
  };

const valueItem = (unit: 'municipality' | 'ou') => ({
  type: 'object',
  properties: {
    kpi: { type: 'string' },
    [unit]: { type: 'string' },
    period: { type: 'integer' },
    isdeleted: { type: 'boolean', description: 'only with from_date: true when every value is a tombstone' },
    values: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          gender: { type: 'string', enum: ['T', 'K', 'M'] },
          count: { type: 'integer', description: '1, or for a group the members that contributed' },
          status: {
            type: 'string',
            description: '"" published, ".." suppressed (disclosure control), "." cannot be stated',
          },
          value: { type: 'number', nullable: true, description: 'percentage, one decimal' },
          isdeleted: {
            type: 'boolean',
            description: 'true for a tombstone (a withdrawn value, only with from_date): value null, count 0',
          },
        },
      },
    },
  },
});

/** The pattern of a comma list of ids as the server checks it (at most MAX_IDS). */
function idList(one: RegExp): string {
  const id = one.source.replace(/^\^/, '').replace(/\$$/, '');
  return `^(${id})(,(${id})){0,${MAX_IDS - 1}}$`;
}

const PATTERN_OF: Record<string, RegExp> = {
  kpi: ID_PATTERN.kpi,
  kpi_groups: ID_PATTERN.group,
  municipality: ID_PATTERN.municipality,
  municipality_groups: ID_PATTERN.group,
  ou: ID_PATTERN.ou,
};

const listText = `Comma lists take at most ${MAX_IDS} ids (400 beyond).`;

export const koladaDocs = {
  meta(entity: string) {
    const d = ITEMS[entity];
    const responses = {
      200: jsonResponse(envelopeOf(d?.item ?? {})),
      304: notModified,
      400: problemResponse(),
    };
    return {
      list: {
        tags: [TAG],
        summary: `/${entity}`,
        description: d?.text,
        querystring: d?.query,
        response: responses,
      },
      byId: {
        tags: [TAG],
        summary: `/${entity}/{id}`,
        description: `${d?.text ?? ''} ${listText}`,
        params: pathParams({
          id: {
            description: 'one id or a comma list',
            pattern: idList(PATTERN_OF[entity] ?? ID_PATTERN.group),
          },
        }),
        querystring: d?.query,
        response: responses,
      },
    };
  },
  dataQueryForm(unit: 'municipality' | 'ou') {
    const id = unit === 'ou' ? 'ou_id' : 'municipality_id';
    return {
      tags: [TAG],
      summary: `/${unit === 'ou' ? 'oudata' : 'data'}?kpi_id=…&${id}=…&year=…`,
      description:
        `The query form of the data paths (also with a trailing slash): at least two of kpi_id, ${id} ` +
        `and year, each one id or a comma list. ${listText}`,
      querystring: querySchema(unit === 'ou' ? ouDataQuery : dataQuery),
      response: { 200: jsonResponse(envelopeOf(valueItem(unit))), 304: notModified, 400: problemResponse() },
    };
  },
  dataForms(unit: 'municipality' | 'ou') {
    const u = unit;
    const forms = [
      { path: `kpi/:kpi/${u}/:${u}/year/:year`, params: ['kpi', u, 'year'] },
      { path: `kpi/:kpi/year/:year`, params: ['kpi', 'year'] },
      { path: `kpi/:kpi/${u}/:${u}`, params: ['kpi', u] },
      { path: `${u}/:${u}/year/:year`, params: [u, 'year'] },
    ];
    const text: Record<string, string> = {
      kpi: 'KPI ids (comma list)',
      municipality: 'municipality, region (00 + county), nation (0000) or group ids (comma list)',
      ou: 'unit ids (comma list)',
      year: 'years (comma list)',
    };
    return forms.map((f) => ({
      path: f.path,
      schema: {
        tags: [TAG],
        summary: `/${unit === 'ou' ? 'oudata' : 'data'}/${f.path.replace(/:(\w+)/g, '{$1}')}`,
        description:
          'Published values as percentages with gender T/K/M; suppressed values are null with status "..". ' +
          `A group id gives the unweighted mean of its members (count = members that contributed). ${listText}`,
        params: pathParams(
          Object.fromEntries(
            f.params.map((p) => [
              p,
              { description: text[p] ?? p, pattern: idList(ID_PATTERN[p as keyof typeof ID_PATTERN]) },
            ]),
          ),
        ),
        querystring: querySchema(unit === 'ou' ? ouDataQuery : dataQuery),
        response: {
          200: jsonResponse(envelopeOf(valueItem(unit))),
          304: notModified,
          400: problemResponse(),
        },
      },
    }));
  },
};
