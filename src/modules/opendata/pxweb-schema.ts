import { z } from 'zod';
import { ValidationError } from '../../domain/errors.js';
import { splitValueList } from '../../domain/opendata/selection.js';
import type { VariableSelection } from './pxweb-select.js';
import { FORMAT_PARAMS, OUTPUT_FORMATS } from './pxweb-output.js';

/** Request input of the PxWeb-compatible API. Parameter names are case-insensitive, as in PxWeb. */
const lang = z.enum(['sv', 'en']).default('sv');

export const langQuery = z.object({ lang });

/** A boolean as PxWeb's ASP.NET server reads one: true or false in any case, spaces trimmed. */
const aspNetBoolean = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.enum(['true', 'false'], { error: 'true or false (any case)' }))
  .transform((s) => s === 'true');

export const tablesQuery = z.object({
  lang,
  query: z.string().trim().max(200).optional(),
  pastDays: z.coerce.number().int().min(1).max(100_000).optional(),
  includeDiscontinued: aspNetBoolean.optional(),
  pageNumber: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(20),
});

const list = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== ''),
);

const formatParam = z
  .string()
  .transform((s) => FORMAT_PARAMS.find((p) => p.toLowerCase() === s.trim().toLowerCase()) ?? s)
  .pipe(z.enum(FORMAT_PARAMS));

export const outputQuery = z.object({
  lang,
  outputFormat: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(OUTPUT_FORMATS))
    .default('json-stat2'),
  outputFormatParams: z
    .string()
    .transform((s) => s.split(',').filter((x) => x.trim() !== ''))
    .pipe(z.array(formatParam))
    .default([]),
  heading: list.optional(),
  stub: list.optional(),
});

export const selectionBody = z
  .object({
    selection: z
      .array(
        z.object({
          variableCode: z.string().min(1).max(100),
          valueCodes: z.array(z.string().max(200)).min(1).max(5000),
          codelist: z.string().max(100).nullish(),
          codeList: z.string().max(100).nullish(),
        }),
      )
      .max(10),
    placement: z
      .object({ heading: z.array(z.string()).optional(), stub: z.array(z.string()).optional() })
      .optional(),
  })
  .strict();

/**
 * Splits a GET query into the named parameters (keys in their canonical case, repeated values
 * joined with commas) and the valuecodes[VAR] selections.
 */
export function splitQuery(query: unknown): {
  named: Record<string, string>;
  selections: VariableSelection[];
} {
  const named: Record<string, string> = {};
  const selections: VariableSelection[] = [];
  const codelists = new Map<string, string>();
  const canonical = new Map(
    [
      'lang',
      'outputFormat',
      'outputFormatParams',
      'heading',
      'stub',
      'query',
      'pastDays',
      'includeDiscontinued',
      'pageNumber',
      'pageSize',
    ].map((k) => [k.toLowerCase(), k]),
  );
  for (const [key, raw] of Object.entries((query ?? {}) as Record<string, string | string[]>)) {
    const value = Array.isArray(raw) ? raw.join(',') : raw;
    const m = /^valuecodes\[(.+)\]$/i.exec(key);
    if (m) {
      selections.push({ variableCode: m[1] ?? '', valueCodes: splitValueList(value) });
      continue;
    }
    const codelist = /^codelist\[(.+)\]$/i.exec(key);
    if (codelist) {
      codelists.set((codelist[1] ?? '').toLowerCase(), value);
      continue;
    }
    const name = canonical.get(key.toLowerCase());
    if (name) named[name] = value;
  }
  for (const [variable, codelist] of codelists) {
    const sel = selections.find((x) => x.variableCode.toLowerCase() === variable);
    if (!sel)
      throw new ValidationError(
        [
          {
            field: `codelist[${variable}]`,
            rule: 'no_selection',
            message: 'a code list needs valuecodes of the same variable',
          },
        ],
        'query',
      );
    sel.codelist = codelist;
  }
  return { named, selections };
}
