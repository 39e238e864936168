import { z } from 'zod';
import type { AuthMethods, SessionAnswer } from '../../contracts/identity.js';
import type {
  MunicipalityDetail,
  MunicipalityList,
  RegionList,
  UnitDetail,
  UnitPage,
} from '../../contracts/org.js';
import type { BreakGlassGrant, PersonDetail, PersonPage, PersonSummary } from '../../contracts/persons.js';
import type { Principal } from '../../domain/policy/principal.js';
import { ROLES } from '../../domain/policy/principal.js';
import { OPERATING_AREAS, PROVIDER_TYPES, UNIT_TYPES } from '../../domain/org/codes.js';

/**
 * Response schemas of the /api/v1 identity, org and persons operations (see v1-responses.ts).
 * Each is checked against its contract at compile time.
 */
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const sex = z.enum(['K', 'M']);

const scope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unit'), unitId: z.string() }),
  z.object({ kind: z.literal('municipality'), code: z.string() }),
  z.object({ kind: z.literal('region'), code: z.string() }),
  z.object({ kind: z.literal('nation') }),
]);

export const assignment = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  scope,
  validFrom: date,
  validTo: date.nullable(),
});

export const principal = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  authMethod: z.enum(['password', 'oidc']),
  sessionId: z.string(),
  assignments: z.array(assignment),
}) satisfies z.ZodType<Principal>;

export const session = z.object({ principal, csrfToken: z.string() }) satisfies z.ZodType<SessionAnswer>;
export const authMethods = z.object({
  password: z.boolean(),
  oidc: z.boolean(),
}) satisfies z.ZodType<AuthMethods>;

const region = z.object({
  code: z.string(),
  koladaId: z.string(),
  koladaTitle: z.string(),
  name: z.string(),
  shortName: z.string(),
  municipalityCount: z.number().int(),
});
const municipality = z.object({
  code: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  skrGroup: z.object({ id: z.string(), code: z.string(), title: z.string() }).nullable(),
  unitCount: z.number().int(),
});
const unitVersion = z.object({
  versionId: z.number().int(),
  unitId: z.string(),
  code: z.string(),
  synthetic: z.boolean(),
  name: z.string(),
  municipalityCode: z.string(),
  municipalityName: z.string(),
  regionCode: z.string(),
  providerType: z.enum(PROVIDER_TYPES),
  operatingArea: z.enum(OPERATING_AREAS),
  unitType: z.enum(UNIT_TYPES),
  validFrom: date,
  validTo: date.nullable(),
});
export const group = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(['skr', 'similar', 'other']),
  skrCode: z.string().nullable(),
  operatingArea: z.string().nullable(),
  referenceMunicipalityCode: z.string().nullable(),
  referenceYear: z.number().int().nullable(),
  members: z.array(z.string()),
});

export const regionList = z.object({ asOf: date, regions: z.array(region) }) satisfies z.ZodType<RegionList>;
export const municipalityList = z.object({
  asOf: date,
  municipalities: z.array(municipality),
}) satisfies z.ZodType<MunicipalityList>;
export const municipalityDetail = z.object({
  asOf: date,
  municipality,
  groups: z.array(group),
}) satisfies z.ZodType<MunicipalityDetail>;
export const unitPage = z.object({
  asOf: date,
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  units: z.array(unitVersion),
}) satisfies z.ZodType<UnitPage>;
export const unitDetail = z.object({
  unitId: z.string(),
  code: z.string(),
  synthetic: z.boolean(),
  current: unitVersion.nullable(),
  history: z.array(unitVersion),
}) satisfies z.ZodType<UnitDetail>;

export const servicePeriod = z.object({
  id: z.number().int(),
  unitId: z.string(),
  municipalityCode: z.string(),
  validFrom: date,
  validTo: date.nullable(),
});
export const personDetail = z.object({
  pseudonym: z.string(),
  personnummer: z.string().regex(/^\d{8}[-+]\d{4}$/),
  name: z.string(),
  birthDate: date,
  legalSex: sex,
  sex,
  sexOverride: z.object({ sex, reason: z.string() }).nullable(),
  services: z.array(servicePeriod),
  access: z.enum(['scope', 'break_glass']),
}) satisfies z.ZodType<PersonDetail>;
const personSummary = z.object({
  pseudonym: z.string(),
  birthYear: z.number().int(),
  sex,
  services: z.array(servicePeriod),
}) satisfies z.ZodType<PersonSummary>;
/** POST /api/v1/persons (200 when nothing changed, 201 when linked). */
export const registeredPerson = z.object({ person: personSummary, linked: z.boolean() });
export const personPage = z.object({
  persons: z.array(personSummary),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
}) satisfies z.ZodType<PersonPage>;
export const breakGlassGrant = z.object({
  pseudonym: z.string(),
  grantedAt: z.string(),
  expiresAt: z.string(),
}) satisfies z.ZodType<BreakGlassGrant>;
