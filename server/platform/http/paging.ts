import { z } from 'zod';

/** Every list is paged; nobody loads a whole city into one response. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const paged = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number() });

/** Route ids: positive integers only. */
export const IdParams = z.object({ id: z.coerce.number().int().positive() });
