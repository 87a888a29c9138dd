import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import { FormModal } from '../../components/form-modal.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { PAGE_SIZES, readInt, useUrlState } from '../../components/use-paged.js';
import { searchOrgUnits } from '../../services/api.js';
import * as api from '../../services/supervision-api.js';
import type { Group, Inspection } from '../../services/supervision-api.js';

/** The coordination mechanism (工作专班 of member departments) and the inspections it plans, with their states. */
export default function SupervisionInspectionsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { params, update } = useUrlState();
  const page = readInt(params, 'page', 1);
  const pageSize = readInt(params, 'pageSize', 20);
  const status = params.get('status') || undefined;
  const [tick, setTick] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [groupOpen, setGroupOpen] = useState(false);
  const [planOpen, setPlanOpen] = useState(false);
  const [cancelling, setCancelling] = useState<Inspection | null>(null);
  const mayPlan = can('supervision.plan');
  const groups = useLoad(`g|${tick}`, () => api.listGroups(), t('error.unknown'));
  const list = useLoad(`${page}|${pageSize}|${status}|${tick}`, () => api.listInspections({ status, page, pageSize }), t('error.unknown'));
  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      setTick((x) => x + 1);
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    }
  };

  return (
    <div>
      <PageHeader
        title={t('nav.supervisionInspections')}
        description={t('supervision.inspections.description')}
        extra={mayPlan && (
          <Space>
            <Button icon={<PlusOutlined />} onClick={() => setGroupOpen(true)}>{t('supervision.groups.add')}</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setPlanOpen(true)}>{t('supervision.inspections.plan')}</Button>
          </Space>
        )}
      />
      {(error || list.error) && <Alert type="error" showIcon title={error ?? list.error} className="page-alert" />}
      <Card size="small" title={t('supervision.groups.title')} className="rates-card">
        <Table<Group>
          rowKey="id" size="small" pagination={false} loading={groups.loading} dataSource={groups.data?.items ?? []}
          columns={[
            { title: t('supervision.groups.name'), dataIndex: 'name' },
            { title: t('supervision.groups.level'), dataIndex: 'orgName' },
            { title: t('supervision.groups.lead'), render: (_, g) => g.lead.name },
            { title: t('supervision.groups.members'), render: (_, g) => g.members.map((m) => <Tag key={m.id}>{m.name}</Tag>) },
          ]}
        />
      </Card>
      <Card size="small" title={t('supervision.inspections.title')}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select allowClear placeholder={t('supervision.filter.status')} aria-label={t('supervision.filter.status')} style={{ width: 140 }} value={status}
            onChange={(v) => update({ status: v, page: undefined })}
            options={(['planned', 'under_way', 'done', 'cancelled'] as const).map((s) => ({ value: s, label: t(`supervision.inspectionStatus.${s}`) }))} />
        </Space>
        <Table<Inspection>
          rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, pageSizeOptions: PAGE_SIZES, showSizeChanger: true, onChange: (p, s) => update({ page: p, pageSize: s }) }}
          columns={[
            { title: t('supervision.inspections.name'), dataIndex: 'title', render: (v: string, r) => <Link to={`/supervision/problems?inspectionId=${r.id}`}>{v}</Link> },
            { title: t('supervision.inspections.kind'), dataIndex: 'kind', render: (k: Inspection['kind']) => t(`supervision.inspectionKind.${k}`) },
            { title: t('supervision.groups.name'), dataIndex: 'groupName' },
            { title: t('supervision.inspections.places'), render: (_, r) => r.places.map((p) => p.name).join('、') },
            { title: t('supervision.inspections.dates'), render: (_, r) => `${r.startsOn} ~ ${r.endsOn}` },
            { title: t('supervision.inspections.problems'), dataIndex: 'problems', align: 'right' },
            { title: t('supervision.filter.status'), dataIndex: 'status', render: (s: Inspection['status'], r) => <Tag title={r.cancelReason ?? undefined}>{t(`supervision.inspectionStatus.${s}`)}</Tag> },
            {
              title: t('common.actions'), render: (_, r) => r.mayPlan && mayPlan && (
                <Space size={4}>
                  {r.status === 'planned' && <Button size="small" onClick={() => void run(() => api.startInspection(r.id))}>{t('supervision.inspections.start')}</Button>}
                  {r.status === 'under_way' && <Button size="small" onClick={() => void run(() => api.finishInspection(r.id))}>{t('supervision.inspections.finish')}</Button>}
                  {(r.status === 'planned' || r.status === 'under_way') && <Button size="small" danger onClick={() => setCancelling(r)}>{t('supervision.inspections.cancel')}</Button>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <GroupModal open={groupOpen} onClose={() => setGroupOpen(false)} onDone={() => setTick((x) => x + 1)} />
      <PlanModal open={planOpen} groups={groups.data?.items ?? []} onClose={() => setPlanOpen(false)} onDone={() => setTick((x) => x + 1)} />
      <CancelModal inspection={cancelling} onClose={() => setCancelling(null)} onDone={() => setTick((x) => x + 1)} />
    </div>
  );
}

function GroupModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string; leadDepartmentId: number; memberIds: number[] }>();
  const deps = useLoad(`deps|${open}`, () => (open ? api.listDepartments() : Promise.resolve([])), t('error.unknown'));
  const options = (deps.data ?? []).map((d) => ({ value: d.id, label: `${d.name}（${d.orgName}）` }));
  return (
    <FormModal open={open} title={t('supervision.groups.add')} form={form} onClose={onClose}
      onSubmit={async (v) => { await api.createGroup({ ...v, memberIds: v.memberIds ?? [] }); onDone(); }}>
      <Form.Item name="name" label={t('supervision.groups.name')} rules={[{ required: true, message: t('supervision.groups.name') }]}><Input maxLength={40} /></Form.Item>
      <Form.Item name="leadDepartmentId" label={t('supervision.groups.lead')} rules={[{ required: true, message: t('supervision.groups.lead') }]}>
        <Select showSearch optionFilterProp="label" options={options} />
      </Form.Item>
      <Form.Item name="memberIds" label={t('supervision.groups.members')}><Select mode="multiple" optionFilterProp="label" options={options} /></Form.Item>
    </FormModal>
  );
}

function PlanModal({ open, groups, onClose, onDone }: { open: boolean; groups: Group[]; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ kind: Inspection['kind']; title: string; groupId: number; dates: [import('dayjs').Dayjs, import('dayjs').Dayjs]; placeIds: number[] }>();
  const [hits, setHits] = useState<{ value: number; label: string }[]>([]);
  const search = (q: string) => {
    if (!q.trim()) return;
    void searchOrgUnits(q.trim()).then((r) => setHits(r.items.filter((u) => ['county', 'street', 'community'].includes(u.kind)).map((u) => ({ value: u.id, label: u.pathNames || u.name }))), () => undefined);
  };
  return (
    <FormModal open={open} title={t('supervision.inspections.plan')} form={form} onClose={onClose} width={560}
      onSubmit={async (v) => {
        await api.createInspection({ kind: v.kind, title: v.title, groupId: v.groupId, startsOn: v.dates[0].format('YYYY-MM-DD'), endsOn: v.dates[1].format('YYYY-MM-DD'), placeIds: v.placeIds });
        onDone();
      }}>
      <Form.Item name="kind" label={t('supervision.inspections.kind')} rules={[{ required: true, message: t('supervision.inspections.kind') }]}>
        <Select options={(['joint_survey', 'unannounced'] as const).map((k) => ({ value: k, label: t(`supervision.inspectionKind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="title" label={t('supervision.inspections.name')} rules={[{ required: true, message: t('supervision.inspections.name') }]}><Input maxLength={80} /></Form.Item>
      <Form.Item name="groupId" label={t('supervision.groups.name')} rules={[{ required: true, message: t('supervision.groups.name') }]}>
        <Select options={groups.map((g) => ({ value: g.id, label: `${g.name}（${g.orgName}）` }))} />
      </Form.Item>
      <Form.Item name="dates" label={t('supervision.inspections.dates')} rules={[{ required: true, message: t('supervision.inspections.dates') }]}><DatePicker.RangePicker /></Form.Item>
      <Form.Item name="placeIds" label={t('supervision.inspections.places')} rules={[{ required: true, message: t('supervision.inspections.places') }]}>
        <Select mode="multiple" showSearch filterOption={false} onSearch={search} options={hits} placeholder={t('supervision.inspections.searchPlace')} />
      </Form.Item>
    </FormModal>
  );
}

function CancelModal({ inspection, onClose, onDone }: { inspection: Inspection | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal open={!!inspection} title={t('supervision.inspections.cancel')} form={form} onClose={onClose} danger
      onSubmit={async (v) => { await api.cancelInspection(inspection!.id, v.reason); onDone(); }}>
      <Form.Item name="reason" label={t('supervision.reason')} rules={[{ required: true, message: t('supervision.reason') }]}><Input.TextArea maxLength={200} /></Form.Item>
    </FormModal>
  );
}
