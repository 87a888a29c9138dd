/** The workforce module's public face: its routes, and how its rows follow org moves. */
export { workforceRoutes } from './workforce.routes.js';
export { ORG_PATHS } from './org-paths.js';
