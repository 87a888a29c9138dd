import { z } from 'zod';
import { PageQuery } from '../../platform/http/paging.js';
import { Day } from './supervision.schemas.js';

const id = z.number().int().positive();
const text = (max: number, what: string) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过${max}字`);

export const ItemBody = z.object({
  name: text(60, '证明事项名称'),
  issuable: z.boolean(),
  basis: z.string().trim().max(200, '依据不能超过200字').optional(),
  referTo: z.string().trim().max(200, '指引不能超过200字').optional(),
});
export type ItemBody = z.infer<typeof ItemBody>;
export const ItemsQuery = PageQuery.extend({ q: z.string().trim().max(30).optional() });
export const Item = z.object({ id: z.number(), name: z.string(), issuable: z.boolean(), basis: z.string().nullable(), referTo: z.string().nullable(), orgName: z.string() });

export const RequestBody = z.object({
  /** A certificate on the list; absent: asked for something the list does not hold. */
  itemId: id.optional(),
  askedFor: z.string().trim().max(60, '所需证明不能超过60字').optional(),
  applicantName: text(30, '申请人姓名'),
  purpose: z.string().trim().max(100, '用途不能超过100字').optional(),
});
export type RequestBody = z.infer<typeof RequestBody>;
export const RequestResult = z.object({
  id: z.number(), outcome: z.enum(['issued', 'refused']), referTo: z.string().nullable(),
  /** The certificate to print: only in this answer, to the worker who just typed the name. */
  certificate: z.object({
    number: z.string(), title: z.string(), communityName: z.string(), applicantName: z.string(), purpose: z.string().nullable(), basis: z.string().nullable(), issuedOn: z.string(),
  }).nullable(),
});
export const RequestsQuery = PageQuery.extend({ outcome: z.enum(['issued', 'refused']).optional() });
export const RequestItem = z.object({
  id: z.number(), communityName: z.string(), askedFor: z.string(), outcome: z.enum(['issued', 'refused']), referTo: z.string().nullable(),
  number: z.string().nullable(), applicantName: z.string(), purpose: z.string().nullable(), recordedAt: z.string(),
});

export const RemovalBody = z.object({
  placeId: id,
  kind: z.enum(['sign', 'duty']),
  what: text(100, '清理的牌子或事项'),
  removedOn: Day,
  removedBy: text(60, '清理单位'),
});
export type RemovalBody = z.infer<typeof RemovalBody>;
export const RemovalsQuery = PageQuery.extend({ kind: z.enum(['sign', 'duty']).optional() });
export const Removal = z.object({ id: z.number(), placeName: z.string(), kind: z.enum(['sign', 'duty']), what: z.string(), removedOn: z.string(), removedBy: z.string() });

export const ReliefFigures = z.object({
  issued: z.number(), refused: z.number(), signs: z.number(), duties: z.number(),
  communities: z.array(z.object({ name: z.string(), issued: z.number(), refused: z.number() })),
  refusedTop: z.array(z.object({ askedFor: z.string(), n: z.number() })),
});
