import type { ModuleRoutes } from './deps.js';
import { instrumentRoutes } from '../modules/instruments/routes.js';
import { orgRoutes } from '../modules/org/routes.js';
import { systemRoutes } from '../modules/system/routes.js';
import { indicatorRoutes } from '../modules/indicators/routes.js';

/** The HTTP routes of every capability, in one list. Add a module here to expose it. */
export const moduleRoutes: ModuleRoutes[] = [systemRoutes, orgRoutes, instrumentRoutes, indicatorRoutes];
