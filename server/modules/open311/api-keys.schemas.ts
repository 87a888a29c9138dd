import { z } from 'zod';

/** An Open311 key as the console lists it: only its prefix, never the secret. */
export const ApiKeyView = z.object({
  id: z.number(), name: z.string(), prefix: z.string(), orgId: z.number(), orgName: z.string(), createdAt: z.string(), revoked: z.boolean(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

export const IssueKeyBody = z.object({ name: z.string().trim().min(2).max(60), orgId: z.number().int().positive() });
export type IssueKeyBody = z.infer<typeof IssueKeyBody>;

/** The answer to issuing a key: the full key, shown this once. */
export const IssuedKey = ApiKeyView.extend({ key: z.string() });
export type IssuedKey = z.infer<typeof IssuedKey>;
