import { z } from 'zod';

const id = z.number().int().positive();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD');
const text = (max: number, what: string) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过${max}字`);

export const StepKey = z.enum(['motion', 'consultation', 'vote', 'vote_notice', 'filing', 'open_account',
  'finance_rules', 'service_agreement', 'disclosure', 'service_review']);
export const Reached = z.enum([...StepKey.options, 'done']);
export const Mode = z.enum(['self_run', 'unit_managed', 'none', 'company']);

export const StepParams = z.object({ id: z.coerce.number().int().positive(), step: StepKey });

/** One body for every step; each step's own fields are checked by the service against the step's table row. */
export const StepBody = z.object({
  note: text(1000, '办理情况'),
  proposer: z.string().trim().max(100, '动议人不能超过100字').optional(),
  dateFrom: day.optional(),
  dateTo: day.optional(),
  voteId: id.optional(),
  bank: z.string().trim().max(60, '开户行不能超过60字').optional(),
  accountName: z.string().trim().max(60, '户名不能超过60字').optional(),
  accountLast4: z.string().regex(/^\d{4}$/, '只填写账号后四位数字').optional(),
  /** Photos of the step's documents, uploaded through /api/files first. */
  photoIds: z.array(id).max(9, '最多9张照片').default([]),
});
export type StepBody = z.infer<typeof StepBody>;

export const BoardQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  step: Reached.optional(),
  name: z.string().trim().max(40).optional(),
  /** '1': only compounds handed over by 重新选聘/清退 and awaiting the community's decision. */
  awaiting: z.enum(['1']).optional(),
});

/** A compound left without a company by 重新选聘/清退, awaiting the community's decision (compound_handover). */
export const Handover = z.object({
  cause: z.enum(['reselect', 'exit']), companyName: z.string(), reselectTo: z.enum(['new_company', 'self_run']).nullable(), since: z.string(),
});

export const BoardRow = z.object({
  compoundId: z.number(), name: z.string(), community: z.string(), mode: Mode, step: Reached.nullable(),
  startedAt: z.string().nullable(), updatedAt: z.string().nullable(),
  /** Awaiting a decision since a sanction ended the company's contract (重新选聘/清退); null otherwise. */
  handover: Handover.nullable(),
});
export const Board = z.object({ items: z.array(BoardRow), total: z.number() });

export const Figures = z.object({
  /** Compounds in scope by step reached; self-run compounds recorded without a process count as done. */
  byStep: z.array(z.object({ step: Reached, compounds: z.number() })),
  byStreet: z.array(z.object({ streetId: z.number(), street: z.string(), inProgress: z.number(), done: z.number() })),
});

const Photo = z.object({ id: z.number(), url: z.string() });
export const StepRecord = z.object({
  step: StepKey, note: z.string(), proposer: z.string().nullable(), dateFrom: z.string().nullable(), dateTo: z.string().nullable(),
  voteId: z.number().nullable(), voteTitle: z.string().nullable(), bank: z.string().nullable(), accountName: z.string().nullable(),
  accountLast4: z.string().nullable(), completedBy: z.string(), completedAs: z.enum(['staff', 'committee']), completedAt: z.string(),
  photos: z.array(Photo),
});
export const StepInfo = z.object({
  step: StepKey, label: z.string(), by: z.enum(['staff', 'committee']), condition: z.string(),
  needs: z.array(z.enum(['proposer', 'dates', 'vote', 'account', 'photos'])),
});
export const ProcessView = z.object({
  compound: z.object({ id: z.number(), name: z.string(), community: z.string(), mode: Mode }),
  started: z.boolean(),
  /** Why a process cannot be started here, when it cannot. */
  startRefusal: z.string().nullable(),
  /** Awaiting the community's decision since a sanction ended the company's contract; null otherwise. */
  handover: Handover.nullable(),
  step: Reached.nullable(),
  startedAt: z.string().nullable(),
  steps: z.array(StepInfo),
  records: z.array(StepRecord),
  /** The next step's own condition on other records, checked now: null when met. */
  blocked: z.string().nullable(),
  /** Closed or published votes of this compound with a passed 自办 matter, for 投票表决. */
  votes: z.array(z.object({ id: z.number(), title: z.string(), status: z.string(), publishedAt: z.string().nullable() })),
  /** The caller may complete the next step from here. */
  mayAct: z.boolean(),
});
export const MyCommittee = z.object({
  member: z.boolean(),
  compounds: z.array(ProcessView.extend({ committee: z.enum(['owners', 'management']), role: z.enum(['chair', 'vice_chair', 'member']) })),
});
export const Ok = z.object({ ok: z.literal(true), step: Reached });
