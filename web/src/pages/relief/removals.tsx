import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../components/auth-provider.js';
import { FormModal } from '../../components/form-modal.js';
import { OrgSearchSelect } from '../../components/org-search-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { PAGE_SIZES, readInt, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/supervision-api.js';
import type { Removal } from '../../services/supervision-api.js';

/** 牌子/事项 清理: the register of signs and duties removed from communities — what, where, when, by whom — with counts. */
export default function ReliefRemovalsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { params, update } = useUrlState();
  const page = readInt(params, 'page', 1);
  const pageSize = readInt(params, 'pageSize', 20);
  const kind = params.get('kind') || undefined;
  const [tick, setTick] = useState(0);
  const [adding, setAdding] = useState(false);
  const list = useLoad(`${page}|${pageSize}|${kind}|${tick}`, () => api.listRemovals({ kind, page, pageSize }), t('error.unknown'));
  return (
    <div>
      <PageHeader title={t('nav.reliefRemovals')} description={t('relief.removals.description', { total: list.data?.total ?? 0 })}
        extra={can('relief.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('relief.removals.add')}</Button>} />
      {list.error && <Alert type="error" showIcon title={list.error} className="page-alert" />}
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select allowClear placeholder={t('relief.removals.kind')} aria-label={t('relief.removals.kind')} style={{ width: 140 }} value={kind}
            onChange={(v) => update({ kind: v, page: undefined })} options={(['sign', 'duty'] as const).map((k) => ({ value: k, label: t(`relief.removalKind.${k}`) }))} />
        </Space>
        <Table<Removal>
          rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, pageSizeOptions: PAGE_SIZES, showSizeChanger: true, onChange: (p, s) => update({ page: p, pageSize: s }) }}
          columns={[
            { title: t('relief.removals.kind'), dataIndex: 'kind', render: (k: Removal['kind']) => <Tag>{t(`relief.removalKind.${k}`)}</Tag> },
            { title: t('relief.removals.what'), dataIndex: 'what' },
            { title: t('relief.removals.place'), dataIndex: 'placeName' },
            { title: t('relief.removals.removedOn'), dataIndex: 'removedOn' },
            { title: t('relief.removals.removedBy'), dataIndex: 'removedBy' },
          ]}
        />
      </Card>
      <RemovalModal open={adding} onClose={() => setAdding(false)} onDone={() => setTick((x) => x + 1)} />
    </div>
  );
}

function RemovalModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ placeId: number; kind: Removal['kind']; what: string; removedOn: Dayjs; removedBy: string }>();
  return (
    <FormModal open={open} title={t('relief.removals.add')} form={form} onClose={onClose} initialValues={{ kind: 'sign' }}
      onSubmit={async (v) => { await api.addRemoval({ ...v, removedOn: v.removedOn.format('YYYY-MM-DD') }); onDone(); }}>
      <Form.Item name="kind" label={t('relief.removals.kind')}>
        <Select options={(['sign', 'duty'] as const).map((k) => ({ value: k, label: t(`relief.removalKind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="what" label={t('relief.removals.what')} rules={[{ required: true, message: t('relief.required') }]}><Input maxLength={100} /></Form.Item>
      <Form.Item name="placeId" label={t('relief.removals.place')} rules={[{ required: true, message: t('relief.required') }]}><OrgSearchSelect /></Form.Item>
      <Form.Item name="removedOn" label={t('relief.removals.removedOn')} rules={[{ required: true, message: t('relief.required') }]}><DatePicker /></Form.Item>
      <Form.Item name="removedBy" label={t('relief.removals.removedBy')} rules={[{ required: true, message: t('relief.required') }]}><Input maxLength={60} /></Form.Item>
    </FormModal>
  );
}
