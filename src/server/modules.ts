import type { ModuleRoutes } from './deps.js';
import { instrumentRoutes } from '../modules/instruments/routes.js';
import { orgRoutes } from '../modules/org/routes.js';
import { systemRoutes } from '../modules/system/routes.js';
import { indicatorRoutes } from '../modules/indicators/routes.js';
import { authRoutes } from '../modules/identity/routes.js';
import { adminAccountRoutes } from '../modules/identity/admin-routes.js';
import { personRoutes } from '../modules/persons/routes.js';
import { auditRoutes } from '../modules/audit/routes.js';
import { oidcRoutes } from '../modules/identity/oidc-routes.js';
import { registerRoutes } from '../modules/registers/routes.js';
import { registerConsequences } from '../modules/registers/consequences.js';
import { importRoutes } from '../modules/imports/routes.js';
import { opendataRoutes } from '../modules/opendata/routes.js';
import { libraryRoutes } from '../modules/library/routes.js';
import { agreementRoutes } from '../modules/agreements/routes.js';
import { surveyRoutes } from '../modules/surveys/routes.js';

/** The HTTP routes of every capability, in one list. Add a module here to expose it. */
export const moduleRoutes: ModuleRoutes[] = [
  opendataRoutes, // first: its OpenAPI description picks up the routes registered after it
  systemRoutes,
  authRoutes,
  oidcRoutes,
  adminAccountRoutes,
  auditRoutes,
  orgRoutes,
  instrumentRoutes,
  indicatorRoutes,
  personRoutes(registerConsequences), // persons tell registers of their changes through this
  registerRoutes,
  importRoutes,
  libraryRoutes,
  agreementRoutes,
  surveyRoutes,
];
