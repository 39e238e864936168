import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../domain/errors.js';
import { metadataDataset, type JsonStatMeta } from '../../domain/opendata/jsonstat.js';
import { parseInput } from '../../server/problem.js';
import type { LoadedTable, OpenDataCache, Snapshot } from './cache.js';
import { absolute, json, orderedJson, type ResponseCache } from './http.js';
import { SOURCE_NAME } from './labels.js';
import { pxwebDocs } from './pxweb-docs.js';
import {
  codeLists,
  DIM,
  LANGUAGES,
  pxTable,
  STATUS_NOTES,
  tableInfo,
  type Lang,
  type PxTable,
} from './pxweb-model.js';
import { OUTPUT_FORMATS, render } from './pxweb-output.js';
import { langQuery, outputQuery, selectionBody, splitQuery, tablesQuery } from './pxweb-schema.js';
import { cubeOf, defaultSelection, select, type VariableSelection } from './pxweb-select.js';

/** /api/pxweb/v2: a PxWeb API v2-compatible API, one table per public indicator. */
export const PXWEB_BASE = '/api/pxweb/v2';

export interface PxwebOptions {
  maxDataCells: number;
}

function findTable(snap: Snapshot, id: string, lang: Lang, base: string): PxTable {
  const def = snap.catalog.definitionById.get(id.toUpperCase());
  if (!def) throw new NotFoundError(`Table ${id}`);
  return pxTable(snap, def, lang, base);
}

function meta(req: FastifyRequest, t: PxTable, href: string): JsonStatMeta {
  return {
    label: t.label,
    source: SOURCE_NAME,
    updated: t.updated ? t.updated.toISOString() : null,
    href,
    role: { time: [DIM.time], geo: [DIM.region], metric: [DIM.contents] },
    extension: {
      px: {
        infofile: t.def.id,
        tableid: t.def.id,
        decimals: 1,
        'official-statistics': false,
        aggregallowed: false,
        language: t.lang,
        contents: t.def.title[t.lang],
        heading: [DIM.contents, DIM.time],
        stub: [DIM.region, DIM.sex],
        matrix: t.def.id,
        'subject-code': t.def.operatingArea,
      },
      indicatorVersion: t.def.version,
      // Notes as SCB's PxWeb 2 writes them: mandatory ones must be shown with the numbers.
      note: [
        ...STATUS_NOTES[t.lang].map((text) => ({ mandatory: true, text })),
        {
          mandatory: false,
          text: `${t.lang === 'sv' ? 'Indikatordefinition, version' : 'Indicator definition, version'} ${t.def.version}`,
        },
      ],
    },
    link: {
      describes: [{ type: 'application/json', href: absolute(req, `${PXWEB_BASE}/tables/${t.def.id}/data`) }],
    },
  };
}

export function pxwebRoutes(
  app: FastifyInstance,
  cache: OpenDataCache,
  responses: ResponseCache,
  options: PxwebOptions,
): void {
  const base = (req: FastifyRequest) => absolute(req, PXWEB_BASE);
  const docs = pxwebDocs(options.maxDataCells);

  app.get(`${PXWEB_BASE}/config`, { schema: docs.config }, (req, reply) =>
    responses.send(req, reply, () =>
      json({
        apiVersion: '2.0',
        appVersion: '0.1.0',
        languages: LANGUAGES,
        defaultLanguage: 'sv',
        maxDataCells: options.maxDataCells,
        // 0: not in use (no rate limit is announced here).
        maxCallsPerTimeWindow: 0,
        timeWindow: 0,
        license: 'https://creativecommons.org/licenses/by/4.0/',
        sourceReferences: [
          { language: 'sv', text: `Källa: ${SOURCE_NAME}` },
          { language: 'en', text: `Source: ${SOURCE_NAME}` },
        ],
        defaultDataFormat: 'json-stat2',
        dataFormats: [...OUTPUT_FORMATS],
        features: [{ id: 'CORS', params: [{ key: 'enabled', value: 'True' }] }],
      }),
    ),
  );

  app.get(`${PXWEB_BASE}/tables`, { schema: docs.tables }, (req, reply) =>
    responses.send(req, reply, (snap) => {
      const q = parseInput(tablesQuery, splitQuery(req.query).named, 'query');
      const words = (q.query ?? '')
        .toLocaleLowerCase('sv')
        .split(/\s+/)
        .filter((w) => w !== '');
      const since = q.pastDays ? Date.now() - q.pastDays * 86_400_000 : null;
      const all = snap.catalog.definitions
        .map((d) => pxTable(snap, d, q.lang, base(req)))
        .filter((t) => {
          const text = `${t.def.id} ${t.label} ${t.def.description[q.lang]}`.toLocaleLowerCase('sv');
          return words.every((w) => text.includes(w.replace(/\*$/, '')));
        })
        .filter((t) => since === null || (t.updated !== null && t.updated.getTime() >= since));
      const totalPages = Math.max(1, Math.ceil(all.length / q.pageSize));
      const pageLink = (rel: string, n: number) => {
        const params = new URLSearchParams({
          lang: q.lang,
          pageNumber: String(n),
          pageSize: String(q.pageSize),
        });
        if (q.query) params.set('query', q.query);
        if (q.pastDays) params.set('pastDays', String(q.pastDays));
        return { rel, hreflang: q.lang, href: `${base(req)}/tables?${params.toString()}` };
      };
      return json({
        language: q.lang,
        tables: all
          .slice((q.pageNumber - 1) * q.pageSize, q.pageNumber * q.pageSize)
          .map((t) => tableInfo(t, base(req))),
        page: {
          pageNumber: q.pageNumber,
          pageSize: q.pageSize,
          totalElements: all.length,
          totalPages,
          links: [
            ...(q.pageNumber > 1 ? [pageLink('previous', q.pageNumber - 1)] : []),
            ...(q.pageNumber < totalPages ? [pageLink('next', q.pageNumber + 1)] : []),
          ],
        },
        links: [pageLink('self', q.pageNumber)],
      });
    }),
  );

  app.get<{ Params: { id: string } }>(
    `${PXWEB_BASE}/codelists/:id`,
    { schema: docs.codeList },
    (req, reply) =>
      responses.send(req, reply, (snap) => {
        const { lang } = parseInput(langQuery, splitQuery(req.query).named, 'query');
        const list = codeLists(snap, lang).find((c) => c.id.toLowerCase() === req.params.id.toLowerCase());
        if (!list) throw new NotFoundError(`Code list ${req.params.id}`);
        return json({
          id: list.id,
          label: list.label,
          language: lang,
          languages: LANGUAGES.map((l) => l.id),
          elimination: false,
          type: list.type,
          values: list.values,
          links: [{ rel: 'self', hreflang: lang, href: `${base(req)}/codelists/${list.id}?lang=${lang}` }],
        });
      }),
  );

  app.get<{ Params: { id: string } }>(`${PXWEB_BASE}/tables/:id`, { schema: docs.table }, (req, reply) =>
    responses.send(req, reply, (snap) => {
      const { lang } = parseInput(langQuery, splitQuery(req.query).named, 'query');
      const t = findTable(snap, req.params.id, lang, base(req));
      return json({ language: lang, ...tableInfo(t, base(req)) });
    }),
  );

  app.get<{ Params: { id: string } }>(
    `${PXWEB_BASE}/tables/:id/metadata`,
    { schema: docs.metadata },
    (req, reply) =>
      responses.send(req, reply, (snap) => {
        const { lang } = parseInput(langQuery, splitQuery(req.query).named, 'query');
        const t = findTable(snap, req.params.id, lang, base(req));
        return orderedJson(metadataDataset(meta(req, t, absolute(req, req.url)), t.dimensions));
      }),
  );

  app.get<{ Params: { id: string } }>(
    `${PXWEB_BASE}/tables/:id/defaultselection`,
    { schema: docs.defaultSelection },
    (req, reply) =>
      responses.send(req, reply, (snap) => {
        const { lang } = parseInput(langQuery, splitQuery(req.query).named, 'query');
        const t = findTable(snap, req.params.id, lang, base(req));
        return json({
          selection: defaultSelection(t),
          placement: { heading: [DIM.contents, DIM.time], stub: [DIM.region, DIM.sex] },
          language: lang,
          links: [{ rel: 'self', hreflang: lang, href: absolute(req, req.url) }],
        });
      }),
  );

  const data = async (
    req: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    selections: VariableSelection[] | null,
    placement: { heading?: string[]; stub?: string[] },
    bodyKey: string,
  ) => {
    const split = splitQuery(req.query);
    const q = parseInput(outputQuery, split.named, 'query');
    return responses.send(
      req,
      reply,
      async (snap) => {
        const t = findTable(snap, req.params.id, q.lang, base(req));
        const sel = select(t, selections ?? split.selections, options.maxDataCells, codeLists(snap, q.lang));
        const years = sel.dimensions.find((d) => d.id === DIM.time)?.codes ?? [];
        const tables = new Map<string, LoadedTable>();
        for (const y of years) {
          const table = await cache.table(snap, t.def.id, y);
          if (table) tables.set(y, table);
        }
        const out = { format: q.outputFormat, params: q.outputFormatParams, ...placement };
        return render(cubeOf(sel, tables), out, meta(req, t, absolute(req, req.url)), t.def.id);
      },
      bodyKey,
    );
  };

  app.get<{ Params: { id: string } }>(
    `${PXWEB_BASE}/tables/:id/data`,
    { schema: docs.dataGet },
    (req, reply) => {
      const q = parseInput(outputQuery, splitQuery(req.query).named, 'query');
      return data(req, reply, null, { heading: q.heading, stub: q.stub }, '');
    },
  );

  app.post<{ Params: { id: string } }>(
    `${PXWEB_BASE}/tables/:id/data`,
    { schema: docs.dataPost },
    (req, reply) => {
      const body = parseInput(selectionBody, req.body ?? {}, 'body');
      const selection = body.selection.map((sel) => ({
        variableCode: sel.variableCode,
        valueCodes: sel.valueCodes,
        ...((sel.codelist ?? sel.codeList) ? { codelist: sel.codelist ?? sel.codeList ?? '' } : {}),
      }));
      const q = parseInput(outputQuery, splitQuery(req.query).named, 'query');
      const placement = {
        heading: body.placement?.heading ?? q.heading,
        stub: body.placement?.stub ?? q.stub,
      };
      return data(req, reply, selection, placement, JSON.stringify(body));
    },
  );
}
