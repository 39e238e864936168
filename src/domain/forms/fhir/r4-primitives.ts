import { z } from 'zod';

/**
 * FHIR R4 datatypes as zod schemas (hl7.org/fhir/R4/datatypes.html): the regexes of the
 * primitive types, Extension with its ext-1 invariant, Coding, and a helper for elements whose
 * primitives may carry `_name` extension siblings. Objects are strict: an unknown element name
 * is an error, which is what catches typos in our exports.
 */
export const fhirString = z.string().min(1, { message: 'a FHIR string must not be empty' });
export const fhirCode = z
  .string()
  .regex(/^[^\s]+( [^\s]+)*$/, { message: 'must be a FHIR code (no leading/trailing or double spaces)' });
export const fhirId = z
  .string()
  .regex(/^[A-Za-z0-9\-.]{1,64}$/, { message: 'must be a FHIR id: 1–64 of A–Z a–z 0–9 - .' });
export const fhirUri = z.string().regex(/^\S+$/, { message: 'must be a URI without whitespace' });
export const fhirBoolean = z.boolean();
export const fhirInteger = z.number().int().min(-2147483648).max(2147483647);
export const fhirDecimal = z.number();
export const fhirDate = z
  .string()
  .regex(
    /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?$/,
    {
      message: 'must be a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)',
    },
  );
export const fhirDateTime = z
  .string()
  .regex(
    /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$/,
    { message: 'must be a FHIR dateTime' },
  );
export const fhirTime = z
  .string()
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?$/, { message: 'must be a FHIR time' });

/** Complex types we accept but do not look into. */
export const opaque = z.record(z.string(), z.unknown());

const EXTENSION_BASE_KEYS = new Set(['url', 'id', 'extension']);

export const extensionSchema: z.ZodType<unknown> = z.lazy(() =>
  z
    .object({ url: fhirUri, id: fhirString.optional(), extension: z.array(extensionSchema).optional() })
    .catchall(z.unknown())
    .superRefine((ext, ctx) => {
      const keys = Object.keys(ext);
      const valueKeys = keys.filter((k) => /^value[A-Z][A-Za-z]*$/.test(k));
      const unknown = keys.filter((k) => !EXTENSION_BASE_KEYS.has(k) && !valueKeys.includes(k));
      if (unknown.length)
        ctx.addIssue({ code: 'custom', message: `unknown element(s) in Extension: ${unknown.join(', ')}` });
      if (valueKeys.length > 1)
        ctx.addIssue({
          code: 'custom',
          message: `an Extension has at most one value[x], got ${valueKeys.join(', ')}`,
        });
      const nested = (ext.extension?.length ?? 0) > 0;
      if (nested === (valueKeys.length === 1))
        ctx.addIssue({
          code: 'custom',
          message: 'ext-1: an Extension must have either extensions or a value[x], not both',
        });
    }),
);

const extensions = z.array(extensionSchema).min(1).optional();

/** The `_name` sibling of a primitive: extensions on that value. */
export const primitiveElement = z.strictObject({
  id: fhirString.optional(),
  extension: z.array(extensionSchema).min(1),
});

/** Base of every element: id and extension; `modifier` adds modifierExtension. */
export function elementBase(modifier = false) {
  return modifier
    ? { id: fhirString.optional(), extension: extensions, modifierExtension: extensions }
    : { id: fhirString.optional(), extension: extensions };
}

/** The `_x` siblings for the given primitive element names. */
export function primitiveSiblings<const K extends string>(
  names: readonly K[],
): Record<`_${K}`, z.ZodOptional<typeof primitiveElement>> {
  return Object.fromEntries(names.map((n) => [`_${n}`, primitiveElement.optional()])) as Record<
    `_${K}`,
    z.ZodOptional<typeof primitiveElement>
  >;
}

export const codingSchema = z.strictObject({
  ...elementBase(),
  system: fhirUri.optional(),
  version: fhirString.optional(),
  code: fhirCode.optional(),
  display: fhirString.optional(),
  userSelected: fhirBoolean.optional(),
  ...primitiveSiblings(['display']),
});

/** Adds an issue unless exactly one of the `prefix[X]` keys is present. */
export function exactlyOne(
  value: Record<string, unknown>,
  prefix: string,
  ctx: z.RefinementCtx,
  required = true,
): void {
  const present = Object.keys(value).filter(
    (k) => k.startsWith(prefix) && /^[A-Z]/.test(k.slice(prefix.length)),
  );
  if (present.length > 1)
    ctx.addIssue({
      code: 'custom',
      message: `${prefix}[x] is 0..1 but ${present.join(' and ')} are present`,
    });
  if (required && present.length === 0)
    ctx.addIssue({ code: 'custom', message: `${prefix}[x] is required (1..1)` });
}

export interface FhirIssue {
  path: string;
  message: string;
}

export type FhirValidation<T> = { ok: true; value: T } | { ok: false; issues: FhirIssue[] };

export function toFhirIssues(error: z.ZodError): FhirIssue[] {
  return error.issues.map((i) => ({
    path:
      i.path.map((p, n) => (typeof p === 'number' ? `[${p}]` : `${n ? '.' : ''}${String(p)}`)).join('') ||
      '(root)',
    message: i.message,
  }));
}
