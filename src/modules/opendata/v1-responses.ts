import { z } from 'zod';
import { jsonResponse, problemResponse } from './docs-schema.js';
import * as people from './v1-schemas-people.js';
import * as records from './v1-schemas-records.js';
import * as indicators from './v1-schemas-indicators.js';
import * as instruments from './v1-schemas-instruments.js';
import * as agreements from './v1-schemas-agreements.js';
import * as imports from './v1-schemas-imports.js';
import * as library from './v1-schemas-library.js';
import * as misc from './v1-schemas-misc.js';
import * as surveys from './v1-schemas-surveys.js';

/**
 * Response schemas of every /api/v1 operation that answers JSON, for /api/openapi.json (#12, item 5).
 * The contracts in src/contracts are TypeScript types; each schema here is checked against its
 * contract at compile time (`satisfies z.ZodType<Contract>`), and the integration tests check every
 * answer against the document (test/support/openapi-check.ts). Objects are closed: a field the
 * contract does not name (a personnummer in a summary) fails the check.
 */
function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const out = z.toJSONSchema(schema, {
    io: 'output',
    target: 'openapi-3.0',
  }) as Record<string, unknown>;
  delete out['$schema'];
  return nullableEnums(out) as Record<string, unknown>;
}

/**
 * A nullable enum lists null among its values: validators (ajv) check `enum` before `nullable`,
 * and @fastify/swagger folds an enum-or-null union into one nullable enum.
 */
function nullableEnums(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableEnums);
  if (typeof node !== 'object' || node === null) return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, nullableEnums(v)]));
  if (out['nullable'] === true && Array.isArray(out['enum']) && !out['enum'].includes(null))
    out['enum'] = [...(out['enum'] as unknown[]), null];
  return out;
}

/** The answers of one operation: the success schemas by status, every error as problem+json. */
const answers = (ok: Record<number, z.ZodType>) => () => ({
  ...Object.fromEntries(Object.entries(ok).map(([status, s]) => [status, jsonResponse(jsonSchemaOf(s))])),
  default: problemResponse(),
});

/** No body on success (204; `type: 'null'` makes @fastify/swagger describe no content). */
const noContent = () => () => ({
  204: { type: 'null', description: 'No content' },
  default: problemResponse(),
});

/** Issued survey codes: JSON, or the same as CSV or as printable letters (PDF). */
const codes = (schema: z.ZodType) => () => {
  const json = jsonResponse(jsonSchemaOf(schema)) as { content: Record<string, unknown> };
  return {
    200: {
      description: 'OK (format json, csv or pdf)',
      content: { ...json.content, 'text/csv': { schema: { type: 'string' } }, 'application/pdf': {} },
    },
    default: problemResponse(),
  };
};

/** A file download (CSV or PDF): its content type is checked, every error as problem+json. */
const file = (type: 'text/csv' | 'application/pdf') => () => ({
  200: { description: 'OK: a file', content: { [type]: { schema: { type: 'string' } } } },
  default: problemResponse(),
});

/** A browser step of OpenID Connect: a redirect (302 to the Location header) without a body. */
const redirect = () => () => ({
  302: { description: 'Found: the browser goes on to the Location header' },
  default: problemResponse(),
});

/** A FHIR resource (application/fhir+json), every error as problem+json. */
const fhir = (schema: Record<string, unknown>) => () => ({
  200: { description: 'OK', content: { 'application/fhir+json': { schema } } },
  default: problemResponse(),
});

/** "METHOD /path/{param}" → its responses (fastify route `response` as @fastify/swagger reads it). */
export const V1_RESPONSES: Readonly<Record<string, () => Record<string, unknown>>> = {
  'POST /api/v1/auth/login': answers({ 200: people.session }),
  'GET /api/v1/auth/session': answers({ 200: people.session }),
  'GET /api/v1/auth/me': answers({ 200: people.principal }),
  'GET /api/v1/auth/methods': answers({ 200: people.authMethods }),
  'GET /api/v1/org/regions': answers({ 200: people.regionList }),
  'GET /api/v1/org/municipalities': answers({ 200: people.municipalityList }),
  'GET /api/v1/org/municipalities/{code}': answers({ 200: people.municipalityDetail }),
  'GET /api/v1/org/units': answers({ 200: people.unitPage }),
  'GET /api/v1/org/units/{id}': answers({ 200: people.unitDetail }),
  'POST /api/v1/org/units': answers({ 201: people.unitDetail }),
  'POST /api/v1/org/units/{id}/versions': answers({ 201: people.unitDetail }),
  'PATCH /api/v1/org/units/{id}': answers({ 200: people.unitDetail }),
  'POST /api/v1/org/units/{id}/close': answers({ 200: people.unitDetail }),
  'POST /api/v1/persons': answers({ 200: people.registeredPerson, 201: people.registeredPerson }),
  'GET /api/v1/persons': answers({ 200: people.personPage }),
  'GET /api/v1/persons/{pseudonym}': answers({ 200: people.personDetail }),
  'POST /api/v1/persons/lookup': answers({ 200: people.personDetail }),
  'POST /api/v1/persons/break-glass': answers({ 201: people.breakGlassGrant }),
  'GET /api/v1/persons/{pseudonym}/entries': answers({ 200: records.timeline }),
  'POST /api/v1/persons/{pseudonym}/entries': answers({ 201: records.entry }),
  'POST /api/v1/entries/{id}/corrections': answers({ 200: records.entry }),
  'GET /api/v1/entries/{id}/versions': answers({ 200: records.entryVersions }),
  'GET /api/v1/audit': answers({ 200: records.reviewPage }),
  'GET /api/v1/admin/accounts': answers({ 200: records.accountList }),
  'POST /api/v1/admin/accounts': answers({ 201: records.account }),
  'POST /api/v1/admin/accounts/{id}/disable': answers({ 200: records.account }),
  'GET /api/v1/imports/formats': answers({ 200: records.importFormats }),
  'GET /api/v1/analytics': answers({ 200: indicators.analytics }),
  'GET /api/v1/indicators': answers({ 200: indicators.indicatorList }),
  'POST /api/v1/releases': answers({ 201: indicators.releaseMade }),
  'GET /api/v1/instruments': answers({ 200: instruments.instrumentList }),
  'GET /api/v1/instruments/{id}': answers({ 200: instruments.instrumentDetail }),
  'GET /api/v1/instruments/{id}/fhir': fhir(instruments.questionnaireSchema),
  'POST /api/v1/instruments/{id}/score': answers({ 200: instruments.scoreAnswer }),
  'POST /api/v1/forms/import/fhir': answers({ 200: instruments.fhirImport }),
  'GET /api/v1/meta': answers({ 200: misc.meta }),
  'POST /api/v1/admin/backups': answers({ 201: misc.backupMade }),
  'POST /api/v1/auth/logout': noContent(),
  'POST /api/v1/auth/logout-everywhere': answers({ 200: misc.logoutEverywhere }),
  'POST /api/v1/admin/accounts/{id}/roles': answers({ 201: people.assignment }),
  'DELETE /api/v1/admin/accounts/{id}/roles/{assignmentId}': noContent(),
  'GET /api/v1/org/groups': answers({ 200: misc.groupList }),
  'PUT /api/v1/persons/{pseudonym}/sex-override': answers({ 200: misc.personSex }),
  'DELETE /api/v1/persons/{pseudonym}/sex-override': answers({ 200: misc.personSex }),
  'POST /api/v1/persons/{pseudonym}/services/{serviceId}/end': answers({ 200: misc.endService }),
  'GET /api/v1/imports/{id}': answers({ 200: imports.importJob }),
  'POST /api/v1/imports': answers({ 200: imports.importDone, 202: imports.importRunning }),
  'GET /api/v1/audit/verify': answers({ 200: imports.chainVerification }),
  'GET /api/v1/audit/export.csv': file('text/csv'),
  'GET /api/v1/persons/export.csv': file('text/csv'),
  'GET /api/v1/agreements/years/{year}/follow-up.pdf': file('application/pdf'),
  'GET /api/v1/auth/oidc/start': redirect(),
  'GET /api/v1/auth/oidc/callback': redirect(),
  'GET /api/v1/registers/kinds': answers({ 200: imports.registerKinds }),
  'POST /api/v1/agreements/years/{year}/versions': answers({ 201: agreements.agreementVersion }),
  'POST /api/v1/agreements/years/{year}/versions/{version}/sign': answers({
    200: agreements.agreementVersion,
  }),
  'POST /api/v1/agreements/years/{year}/proposals': answers({ 201: agreements.proposal }),
  'POST /api/v1/agreements/proposals/{id}/status': answers({ 200: agreements.proposal }),
  'PUT /api/v1/agreements/years/{year}/cofinancing': answers({ 200: agreements.cofinancing }),
  'GET /api/v1/agreements/rules': answers({ 200: agreements.grantRuleList }),
  'POST /api/v1/agreements/rules/{ruleKey}/versions': answers({ 201: agreements.grantRule }),
  'GET /api/v1/agreements/years/{year}': answers({ 200: agreements.year }),
  'GET /api/v1/agreements/years/{year}/follow-up': answers({ 200: agreements.followUp }),
  'POST /api/v1/agreements/decisions': answers({ 201: agreements.decision }),
  'GET /api/v1/agreements/decisions/{id}': answers({ 200: agreements.decisionAnswer }),
  'GET /api/v1/surveys/templates': answers({ 200: surveys.templateList }),
  'POST /api/v1/surveys/rounds': answers({ 201: surveys.round }),
  'GET /api/v1/surveys/rounds': answers({ 200: surveys.roundList }),
  'POST /api/v1/surveys/rounds/{id}/codes': codes(surveys.issuedCodes),
  'GET /api/v1/surveys/rounds/{id}/form': answers({ 200: surveys.surveyForm }),
  'POST /api/v1/surveys/rounds/{id}/answers': noContent(),
  'POST /api/v1/surveys/rounds/{id}/paper': noContent(),
  'GET /api/v1/surveys/rounds/{id}/results': answers({ 200: surveys.results }),
  'GET /api/v1/surveys/rounds/{id}/units': answers({ 200: surveys.roundUnits }),
  'GET /api/v1/surveys/units/{unitId}/overview': answers({ 200: surveys.unitOverview }),
  'GET /api/v1/library/search': answers({ 200: library.searchResult }),
  'GET /api/v1/library/published/{slug}': answers({ 200: library.entryPage }),
  'GET /api/v1/library/indicators/{id}': answers({ 200: library.indicatorEntries }),
  'GET /api/v1/library/related': answers({ 200: library.relatedEntries }),
  'GET /api/v1/library/entries': answers({ 200: library.editorialList }),
  'POST /api/v1/library/entries': answers({ 201: library.editorialEntry }),
  'GET /api/v1/library/entries/{id}': answers({ 200: library.entryForEditing }),
  'POST /api/v1/library/entries/{id}/versions': answers({ 201: library.editorialEntry }),
  'POST /api/v1/library/entries/{id}/transitions': answers({ 200: library.editorialEntry }),
};
