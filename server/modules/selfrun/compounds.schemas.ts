import { z } from 'zod';
import { PhoneNumber } from '../../platform/pii/phone.js';
import { revealBody } from '../../platform/pii/reveal-reason-schema.js';

const id = z.number().int().positive();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD');
const text = (max: number, what: string) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过${max}字`);

export const Mode = z.enum(['self_run', 'unit_managed', 'none', 'company']);
export const StoredMode = z.enum(['self_run', 'unit_managed', 'none'], { message: '管理模式只能是居民自办、单位自管或无人管理' });
export const FIVE_HAVE_ITEMS = ['party_org', 'venue', 'member_ledger', 'contact', 'emergency_plan'] as const;
export const FiveHaveItem = z.enum(FIVE_HAVE_ITEMS, { message: '五有事项不正确' });

export const ListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  mode: Mode.optional(),
  name: z.string().trim().max(40).optional(),
});

export const CompoundRow = z.object({
  id: z.number(), name: z.string(), community: z.string(), mode: Mode, modeSince: z.string().nullable(),
  company: z.string().nullable(), households: z.number(), units: z.number(), areaM2: z.number(), owners: z.number(),
  committeeMembers: z.number(), fiveHaves: z.number(), fiveHavesMissing: z.boolean(),
});
export const CompoundList = z.object({ items: z.array(CompoundRow), total: z.number() });

export const Figures = z.object({
  byMode: z.array(z.object({ mode: Mode, compounds: z.number() })),
  byStreet: z.array(z.object({ streetId: z.number(), street: z.string(), selfRun: z.number(), fiveHavesMissing: z.number() })),
});

export const SetMode = z.object({ mode: StoredMode, since: day, reason: text(200, '变更理由') });

export const UnitRow = z.object({
  id: z.number(), label: z.string(), areaM2: z.number(), developerUnsold: z.boolean(), householdId: z.number().nullable(),
  owners: z.array(z.object({ id: z.number(), name: z.string(), idNumberMask: z.string().nullable(), phoneMask: z.string().nullable(), inRegister: z.boolean() })),
});
export const UnitList = z.object({ items: z.array(UnitRow), total: z.number() });
export const UnitQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

const area = z.number({ message: '面积应为数字' }).positive('面积应大于0').max(100000, '面积过大');
export const AddUnit = z.object({ label: text(60, '房号'), areaM2: area, developerUnsold: z.boolean().default(false) });
export const SetArea = z.object({ areaM2: area });

/** A new owner: a resident from the register, or name + ID number (+ phone). */
export const AddOwner = z.object({
  residentId: id.optional(),
  name: z.string().trim().max(40, '姓名不能超过40字').optional(),
  idNumber: z.string().trim().max(18).optional(),
  phone: PhoneNumber.optional(),
  since: day.optional(),
});
export const OwnerParams = z.object({ id: z.coerce.number().int().positive(), ownerId: z.coerce.number().int().positive() });
export const UnitParams = z.object({ id: z.coerce.number().int().positive(), unitId: z.coerce.number().int().positive() });

export const Committee = z.enum(['owners', 'management'], { message: '委员会只能是业委会或物管会' });
export const CommitteeView = z.object({
  committee: Committee.nullable(),
  members: z.array(z.object({
    id: z.number(), committee: Committee, kind: z.enum(['street', 'residents_committee', 'housing_department', 'owner']),
    role: z.enum(['chair', 'vice_chair', 'member']), name: z.string(), residentId: z.number().nullable(), termFrom: z.string(), termTo: z.string(),
  })),
  problems: z.array(z.string()),
  valid: z.boolean(),
});
export const AddMember = z.object({
  committee: Committee,
  kind: z.enum(['street', 'residents_committee', 'housing_department', 'owner'], { message: '成员类别不正确' }),
  role: z.enum(['chair', 'vice_chair', 'member'], { message: '职务不正确' }),
  name: text(40, '姓名'),
  residentId: id.optional(),
  termFrom: day,
  termTo: day,
});
export const MemberParams = z.object({ id: z.coerce.number().int().positive(), memberId: z.coerce.number().int().positive() });

export const FiveHavesView = z.object({
  items: z.array(z.object({
    item: FiveHaveItem, done: z.boolean(), note: z.string().nullable(), recordedAt: z.string().nullable(),
    photos: z.array(z.object({ id: z.number(), url: z.string() })),
  })),
  missing: z.array(FiveHaveItem),
});
export const RecordFiveHave = z.object({ note: text(500, '说明'), photoIds: z.array(id).max(9, '最多9张照片').default([]) });
export const FiveHaveParams = z.object({ id: z.coerce.number().int().positive(), item: FiveHaveItem });

export const Ok = z.object({ ok: z.literal(true) });

export const ImportQuery = z.object({ apply: z.enum(['true', 'false']).default('false') });
export const ImportPreview = z.object({
  total: z.number(), errorCount: z.number(), applied: z.boolean(),
  rows: z.array(z.object({ row: z.number(), label: z.string(), areaM2: z.number().nullable(), name: z.string(), idNumberMask: z.string().nullable(), errors: z.array(z.string()) })),
});

/** 查看业主完整证件号或手机号: a field and the reason (recorded in the audit log). */
export const RevealOwner = revealBody({ field: z.enum(['idNumber', 'phone'], { message: '只能查看证件号或手机号' }) });
export const Revealed = z.object({ value: z.string() });
