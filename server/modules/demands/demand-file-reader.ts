import type { AttachmentReader } from '../../platform/files/attachment.service.js';
import type { DemandDeps } from './demand-deps.js';
import { visible } from './demand-read.service.js';

/**
 * For files attached to demands (platform/files asks before serving one): the caller may read
 * the file when the demands module's own read rule lets them read one of those demands.
 */
export function demandFileReader(deps: DemandDeps): AttachmentReader {
  return async (actor, scope, ids) => {
    const hit = await (await visible(deps.db, actor, scope)).clearSelect().select('d.id').where('d.id', 'in', ids).limit(1).executeTakeFirst();
    return !!hit;
  };
}
