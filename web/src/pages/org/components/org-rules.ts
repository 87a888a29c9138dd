import { ORG_KINDS, type OrgKind } from '../../../services/types.js';

/** The server's rule for org codes: 6–24 digits. */
export const CODE_PATTERN = /^\d{6,24}$/;

/** Each level's child and parent kind: the tree is strictly city → county → … → unit. */
export const childKindOf = (kind: OrgKind): OrgKind | null => ORG_KINDS[ORG_KINDS.indexOf(kind) + 1] ?? null;
export const parentKindOf = (kind: OrgKind): OrgKind | null => ORG_KINDS[ORG_KINDS.indexOf(kind) - 1] ?? null;
