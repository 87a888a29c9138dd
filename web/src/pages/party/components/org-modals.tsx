import { Alert, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CHILD_KIND, PARENT_KIND, SECRETARY_MEMBER_KIND } from '../../../../../server/modules/party/party.policy.js';
import { FormModal } from '../../../components/form-modal.js';
import { orgKindLabel } from '../../../components/labels.js';
import { useLoad } from '../../../components/use-load.js';
import * as api from '../../../services/api.js';
import * as partyApi from '../../../services/party-api.js';
import type { Household, OrgUnit, PartyMember, PartyOrg, SecretaryKind } from '../../../services/types.js';

interface Base {
  org: PartyOrg;
  open: boolean;
  onClose: () => void;
}

/** Org units below the party org's own unit: where a child party org may be attached. */
function useUnitsBelow(orgId: number, open: boolean): OrgUnit[] {
  const { t } = useTranslation();
  const { data } = useLoad(open ? `${orgId}` : null, () => api.listOrgChildren(orgId), t('error.unknown'));
  return (data?.items ?? []).filter((u) => !u.dissolvedAt);
}

interface CreateValues {
  name: string;
  orgId: number;
  householdId?: number;
}

export function CreateChildModal({ org, open, onClose, onDone }: Base & { onDone: (o: PartyOrg) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateValues>();
  const kind = CHILD_KIND[org.kind]!;
  const units = useUnitsBelow(org.orgId, open);
  const unitId = Form.useWatch('orgId', form);
  const households: Household[] = useLoad(
    kind === 'member_household' && unitId ? `${unitId}` : null,
    () => api.listHouseholds({ orgId: unitId, page: 1, pageSize: 200 }),
    t('error.unknown'),
  ).data?.items ?? [];
  return (
    <FormModal<CreateValues>
      open={open}
      title={t('partyUpkeep.create.title', { parent: org.name, kind: t(`partyKind.${kind}`) })}
      form={form}
      onClose={onClose}
      onSubmit={async (v) => onDone(await partyApi.createPartyOrg({ parentId: org.id, kind, name: v.name.trim(), orgId: v.orgId, householdId: v.householdId }))}
    >
      <Form.Item name="name" label={t('partyUpkeep.field.name')} rules={[{ required: true, whitespace: true, message: t('partyUpkeep.rule.name') }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="orgId" label={t('partyUpkeep.field.unit')} extra={t('partyUpkeep.create.unitHelp')} rules={[{ required: true, message: t('partyUpkeep.rule.unit') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={units.map((u) => ({ value: u.id, label: t('partyUpkeep.withNote', { name: u.name, note: orgKindLabel(t, u.kind) }) }))}
          notFoundContent={t('partyUpkeep.create.noUnits')}
        />
      </Form.Item>
      {kind === 'member_household' && (
        <Form.Item name="householdId" label={t('partyUpkeep.field.household')} rules={[{ required: true, message: t('partyUpkeep.rule.household') }]}>
          <Select options={households.map((h) => ({ value: h.id, label: h.address }))} />
        </Form.Item>
      )}
    </FormModal>
  );
}

export function RenamePartyOrgModal({ org, open, onClose, onDone }: Base & { onDone: (o: PartyOrg) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string }>();
  return (
    <FormModal<{ name: string }>
      open={open}
      title={t('partyUpkeep.rename.title', { name: org.name })}
      form={form}
      initialValues={{ name: org.name }}
      onClose={onClose}
      onSubmit={async (v) => onDone(await partyApi.renamePartyOrg(org.id, v.name.trim()))}
    >
      <Form.Item name="name" label={t('partyUpkeep.field.name')} rules={[{ required: true, whitespace: true, message: t('partyUpkeep.rule.name') }]}>
        <Input maxLength={60} />
      </Form.Item>
    </FormModal>
  );
}

/** New parent from the party orgs of the level above already shown in the tree. */
export function MovePartyOrgModal({ org, open, onClose, onDone, candidates }: Base & { onDone: (o: PartyOrg) => void; candidates: PartyOrg[] }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ parentId: number; orgId?: number }>();
  const parentKind = PARENT_KIND[org.kind]!;
  const parentId = Form.useWatch('parentId', form);
  const parent = candidates.find((c) => c.id === parentId);
  const units = useUnitsBelow(parent?.orgId ?? 0, open && !!parent);
  return (
    <FormModal<{ parentId: number; orgId?: number }>
      open={open}
      title={t('partyUpkeep.move.title', { name: org.name })}
      form={form}
      onClose={onClose}
      okText={t('partyUpkeep.move.ok')}
      onSubmit={async (v) => onDone(await partyApi.movePartyOrg(org.id, { parentId: v.parentId, orgId: v.orgId }))}
    >
      <Alert type="info" showIcon className="modal-alert" title={t('partyUpkeep.move.explain', { kind: t(`partyKind.${parentKind}`) })} />
      <Form.Item name="parentId" label={t('partyUpkeep.field.newParent')} rules={[{ required: true, message: t('partyUpkeep.rule.parent') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={candidates.filter((c) => c.kind === parentKind && c.id !== org.parentId).map((c) => ({ value: c.id, label: c.name }))}
          notFoundContent={t('partyUpkeep.move.noCandidates')}
        />
      </Form.Item>
      <Form.Item name="orgId" label={t('partyUpkeep.field.newUnit')} extra={t('partyUpkeep.move.unitHelp')}>
        <Select allowClear options={units.map((u) => ({ value: u.id, label: t('partyUpkeep.withNote', { name: u.name, note: orgKindLabel(t, u.kind) }) }))} />
      </Form.Item>
    </FormModal>
  );
}

export function DissolvePartyOrgModal({ org, open, onClose, onDone }: Base & { onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<object>();
  return (
    <FormModal<object>
      open={open}
      title={t('partyUpkeep.dissolve.title', { name: org.name })}
      form={form}
      danger
      okText={t('partyUpkeep.dissolve.ok')}
      onClose={onClose}
      onSubmit={async () => {
        await partyApi.dissolvePartyOrg(org.id);
        onDone();
      }}
    >
      <Typography.Paragraph>{t('partyUpkeep.dissolve.explain')}</Typography.Paragraph>
    </FormModal>
  );
}

interface AppointValues {
  memberId: number;
  secretaryKind: SecretaryKind;
}

/** Candidates: the members of the party org and everything below it. */
export function AppointSecretaryModal({ org, open, onClose, onDone }: Base & { onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AppointValues>();
  const kind = Form.useWatch('secretaryKind', form);
  const members: PartyMember[] = useLoad(
    open ? `${org.id}` : null,
    () => api.listPartyMembers({ partyOrgId: org.id, page: 1, pageSize: 200 }),
    t('error.unknown'),
  ).data?.items ?? [];
  return (
    <FormModal<AppointValues>
      open={open}
      title={t('partyUpkeep.appoint.title', { name: org.name })}
      form={form}
      okText={t('partyUpkeep.appoint.ok')}
      onClose={onClose}
      onSubmit={async (v) => {
        await partyApi.appointSecretary(org.id, v.memberId, v.secretaryKind);
        onDone();
      }}
    >
      <Form.Item name="memberId" label={t('partyUpkeep.field.member')} rules={[{ required: true, message: t('partyUpkeep.rule.member') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={members.map((m) => ({ value: m.id, label: t('partyUpkeep.withNote', { name: m.name, note: t(`memberKind.${m.memberKind as partyApi.MemberKind}`) }) }))}
        />
      </Form.Item>
      <Form.Item
        name="secretaryKind"
        label={t('partyUpkeep.field.secretaryKind')}
        extra={kind ? t('partyUpkeep.appoint.needs', { kind: t(`memberKind.${SECRETARY_MEMBER_KIND[kind]}`) }) : undefined}
        rules={[{ required: true, message: t('partyUpkeep.rule.secretaryKind') }]}
      >
        <Select options={partyApi.SECRETARY_KINDS.map((k) => ({ value: k, label: t(`secretaryKind.${k}`) }))} />
      </Form.Item>
    </FormModal>
  );
}
