/** The audit module's public face: reading the audit log (writing it is the platform's writeAudit). */
import type { LinliModule } from '../../platform/module.js';
import { auditRoutes } from './audit.routes.js';

export const auditModule: LinliModule = { name: 'audit', apiRoutes: auditRoutes };
