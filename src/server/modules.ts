import type { ModuleRoutes } from './deps.js';
import { instrumentRoutes } from '../modules/instruments/routes.js';
import { orgRoutes } from '../modules/org/routes.js';
import { systemRoutes } from '../modules/system/routes.js';
import { indicatorRoutes } from '../modules/indicators/routes.js';
import { authRoutes } from '../modules/identity/routes.js';
import { adminAccountRoutes } from '../modules/identity/admin-routes.js';
import { oidcRoutes } from '../modules/identity/oidc-routes.js';

/** The HTTP routes of every capability, in one list. Add a module here to expose it. */
export const moduleRoutes: ModuleRoutes[] = [
  systemRoutes,
  authRoutes,
  oidcRoutes,
  adminAccountRoutes,
  orgRoutes,
  instrumentRoutes,
  indicatorRoutes,
];
