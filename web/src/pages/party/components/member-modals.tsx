import { useRef, useState } from 'react';
import { Form, Input, Modal, Radio, Select, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal.js';
import { formatDate } from '../../../components/format.js';
import { useLoad } from '../../../components/use-load.js';
import * as api from '../../../services/api.js';
import { chinaToday } from '../../../services/china-time.js';
import * as partyApi from '../../../services/party-api.js';
import type { PartyMember, PartyOrg, Resident } from '../../../services/types.js';

const today = () => chinaToday();

interface RegisterValues {
  residentId: number;
  memberKind: partyApi.MemberKind;
  joinedOn: string;
  fromPlace?: string;
}

/** Registers a resident of the party org's place as a member; a resident found by name. */
export function RegisterMemberModal({ org, open, onClose, onDone }: { org: PartyOrg; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RegisterValues>();
  const [hits, setHits] = useState<Resident[]>([]);
  const seq = useRef(0);
  const search = (q: string) => {
    const n = ++seq.current;
    if (!q.trim()) return setHits([]);
    api.listResidents({ orgId: org.orgId, q: q.trim(), page: 1, pageSize: 20 }).then((r) => n === seq.current && setHits(r.items), () => undefined);
  };
  return (
    <FormModal<RegisterValues>
      open={open}
      title={t('partyUpkeep.register.title', { name: org.name })}
      form={form}
      okText={t('partyUpkeep.register.ok')}
      onClose={onClose}
      onSubmit={async (v) => {
        await partyApi.registerPartyMember({ partyOrgId: org.id, residentId: v.residentId, memberKind: v.memberKind, joinedOn: v.joinedOn, fromPlace: v.fromPlace?.trim() || undefined });
        onDone();
      }}
    >
      <Form.Item name="residentId" label={t('partyUpkeep.field.resident')} extra={t('partyUpkeep.register.residentHelp')} rules={[{ required: true, message: t('partyUpkeep.rule.resident') }]}>
        <Select
          showSearch={{ filterOption: false, onSearch: search }}
          options={hits.map((r) => ({ value: r.id, label: t('partyUpkeep.withNote', { name: r.name, note: r.idNumber }) }))}
        />
      </Form.Item>
      <Form.Item name="memberKind" label={t('partyUpkeep.field.memberKind')} rules={[{ required: true, message: t('partyUpkeep.rule.memberKind') }]}>
        <Select options={partyApi.MEMBER_KINDS.map((k) => ({ value: k, label: t(`memberKind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="joinedOn" label={t('partyUpkeep.field.joinedOn')} rules={[{ required: true, message: t('partyUpkeep.rule.date') }]}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="fromPlace" label={t('partyUpkeep.field.fromPlace')} extra={t('partyUpkeep.register.fromPlaceHelp')}>
        <Input maxLength={100} />
      </Form.Item>
    </FormModal>
  );
}

interface TransferValues {
  mode: 'move' | 'out';
  toPartyOrgId?: number;
  destination?: string;
  transferredOn: string;
}

/** 组织关系转接: to a party org shown in the tree, or out of the system to a named place. */
export function TransferMemberModal({ member, open, onClose, onDone, candidates }: {
  member: PartyMember; open: boolean; onClose: () => void; onDone: () => void; candidates: PartyOrg[];
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TransferValues>();
  const mode = Form.useWatch('mode', form) ?? 'move';
  return (
    <FormModal<TransferValues>
      open={open}
      title={t('partyUpkeep.transfer.title', { name: member.name })}
      form={form}
      initialValues={{ mode: 'move', transferredOn: today() }}
      okText={t('partyUpkeep.transfer.ok')}
      onClose={onClose}
      onSubmit={async (v) => {
        await partyApi.transferPartyMember(member.id, v.mode === 'move'
          ? { toPartyOrgId: v.toPartyOrgId, transferredOn: v.transferredOn }
          : { destination: v.destination?.trim(), transferredOn: v.transferredOn });
        onDone();
      }}
    >
      <Form.Item name="mode" label={t('partyUpkeep.field.transferMode')}>
        <Radio.Group
          options={[
            { value: 'move', label: t('partyUpkeep.transfer.move') },
            { value: 'out', label: t('partyUpkeep.transfer.out') },
          ]}
        />
      </Form.Item>
      {mode === 'move' ? (
        <Form.Item name="toPartyOrgId" label={t('partyUpkeep.field.toPartyOrg')} rules={[{ required: true, message: t('partyUpkeep.rule.toPartyOrg') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={candidates.filter((c) => c.id !== member.partyOrgId).map((c) => ({ value: c.id, label: t('partyUpkeep.withNote', { name: c.name, note: t(`partyKind.${c.kind}`) }) }))}
          />
        </Form.Item>
      ) : (
        <Form.Item name="destination" label={t('partyUpkeep.field.destination')} rules={[{ required: true, whitespace: true, message: t('partyUpkeep.rule.destination') }]}>
          <Input maxLength={100} />
        </Form.Item>
      )}
      <Form.Item name="transferredOn" label={t('partyUpkeep.field.transferredOn')} rules={[{ required: true, message: t('partyUpkeep.rule.date') }]}>
        <Input type="date" />
      </Form.Item>
    </FormModal>
  );
}

export function TransferHistoryModal({ member, onClose }: { member: PartyMember | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { data, loading, error } = useLoad(member ? `${member.id}` : null, () => partyApi.listPartyTransfers(member!.id), t('error.unknown'));
  // A list that cannot be read shows as empty.
  const items = loading ? null : data?.items ?? (error ? [] : null);
  return (
    <Modal open={!!member} title={t('partyUpkeep.transfers.title', { name: member?.name ?? '' })} footer={null} onCancel={onClose} width={720} destroyOnHidden>
      <Table<partyApi.PartyTransfer>
        rowKey="id"
        size="small"
        loading={!items}
        dataSource={items ?? []}
        pagination={false}
        locale={{ emptyText: t('partyUpkeep.transfers.empty') }}
        columns={[
          { title: t('partyUpkeep.field.transferredOn'), dataIndex: 'transferredOn', render: (d: string) => formatDate(d) },
          { title: t('partyUpkeep.field.transferKind'), dataIndex: 'kind', render: (k: partyApi.PartyTransfer['kind']) => t(`partyUpkeep.transferKind.${k}`) },
          { title: t('partyUpkeep.field.from'), render: (_, r) => r.fromName ?? r.place ?? '-' },
          { title: t('partyUpkeep.field.to'), render: (_, r) => r.toName ?? r.place ?? '-' },
        ]}
      />
    </Modal>
  );
}
