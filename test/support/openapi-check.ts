import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';

/**
 * Checks responses against the app's own OpenAPI description (/api/openapi.json): the path and
 * method are described, the status is documented, the content type is one the description names
 * and a JSON body matches its schema. openTestApp runs it on every `inject` response, so the
 * description cannot drift from what the server sends.
 *
 * Covered fully: the open data APIs (/api/kolada, /api/pxweb, /api/public), and every /api/v1
 * operation whose responses the document describes (src/modules/opendata/v1-responses.ts). An
 * /api/v1 operation that describes no response body yet is not checked (`uncheckedV1` lists them);
 * a /api/v1 path that no operation describes may only be refused. Pages, health and docs are not
 * API operations.
 */
export const CHECKED_PREFIXES = ['/api/kolada/', '/api/pxweb/', '/api/public/', '/api/v1/'] as const;

const describesBodies = (op: Operation) => Object.values(op.responses ?? {}).some((r) => r.content);

/** The /api/v1 operations of the document whose responses are not described (so not checked). */
export function uncheckedV1(doc: Document): string[] {
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/api/v1/'))
    .flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => !describesBodies(op))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
}

type Json = Record<string, unknown>;
interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: Json }> }>;
}
export interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Json> };
}

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

export class OpenApiCheck {
  private readonly ajv: Ajv;
  private readonly templates: Array<{ path: string; re: RegExp; params: number }>;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly doc: Document) {
    // OpenAPI 3.0 schemas: nullable, example and description are allowed keywords here.
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addKeyword('example');
    this.templates = Object.keys(doc.paths)
      .map((path) => ({
        path,
        re: new RegExp(`^${path.replace(/[.+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
        params: (path.match(/\{/g) ?? []).length,
      }))
      // The most literal path wins (/kpi_groups before /kpi/{id}).
      .sort((a, b) => a.params - b.params);
  }

  static covers(url: string): boolean {
    const path = url.split('?', 1)[0] ?? '';
    return CHECKED_PREFIXES.some((p) => path.startsWith(p));
  }

  /** The problems of one response, empty when it is as described. */
  problems(method: string, url: string, res: LightMyRequestResponse): string[] {
    const raw = (url.split('?', 1)[0] ?? '').replace(/(.)\/$/, '$1');
    let path = raw;
    try {
      path = decodeURIComponent(raw);
    } catch {
      // A malformed escape is matched as sent.
    }
    const template = this.templates.find((t) => t.re.test(path) && this.doc.paths[t.path]?.[method]);
    const where = `${method.toUpperCase()} ${url} → ${res.statusCode}`;
    if (!template) {
      // A path no operation describes may only be refused, as problem+json (a catch-all's 400/404).
      const refused = res.statusCode >= 400 && res.statusCode < 500;
      const problem = /^application\/problem\+json/.test(String(res.headers['content-type']));
      return refused && problem ? [] : [`${where}: no operation in /api/openapi.json`];
    }
    const op = this.doc.paths[template.path]?.[method] ?? {};
    if (template.path.startsWith('/api/v1/') && !describesBodies(op)) return []; // see uncheckedV1
    const documented = op.responses?.[String(res.statusCode)] ?? op.responses?.['default'];
    if (!documented) return [`${where}: status not documented for ${template.path}`];
    if (!documented.content) return res.body === '' ? [] : [`${where}: a body where none is documented`];
    const type =
      String(res.headers['content-type'] ?? '')
        .split(';', 1)[0]
        ?.trim() ?? '';
    const media = documented.content[type];
    if (!media)
      return [`${where}: content type ${type} not among ${Object.keys(documented.content).join(', ')}`];
    if (!/json/.test(type) || !media.schema) return [];
    const key = `${template.path} ${method} ${res.statusCode} ${type}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile({ ...media.schema, components: this.doc.components });
      this.compiled.set(key, validate);
    }
    if (validate(JSON.parse(res.body))) return [];
    return (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${where}: body ${e.instancePath || '/'} ${e.message ?? ''}`);
  }
}
