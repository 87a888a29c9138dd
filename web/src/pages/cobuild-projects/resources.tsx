import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import { FormModal } from '../../components/form-modal.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { readInt, usePaged, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/cobuild-projects-api.js';
import type { CobuildCategory, Resource } from '../../services/cobuild-projects-api.js';
import { CategorySelect } from './shared.js';

export interface ResourceValues {
  workUnitId?: number;
  category: CobuildCategory;
  title: string;
  detail?: string;
  capacity: number;
  /** Every community, street or county the resource reaches (one row each in the form). */
  placeIds: (number | undefined)[];
  period: [Dayjs, Dayjs];
}

export const resourceInput = (v: ResourceValues) => ({
  category: v.category, title: v.title, detail: v.detail, capacity: v.capacity,
  placeIds: [...new Set(v.placeIds.filter((id): id is number => id !== undefined))],
  availableFrom: v.period[0].format('YYYY-MM-DD'), availableTo: v.period[1].format('YYYY-MM-DD'),
});

/** The fields of a resource; the unit is chosen only when the community enters it for a unit. */
export function ResourceFields({ withUnit }: { withUnit: boolean }) {
  const { t } = useTranslation();
  const units = useLoad(withUnit ? 'units' : null, () => api.unitOptions(), t('error.unknown'));
  const required = [{ required: true, message: t('cobuildProjects.field.required') }];
  return (
    <>
      {withUnit && (
        <Form.Item name="workUnitId" label={t('cobuildProjects.field.unit')} rules={required}>
          <Select aria-label={t('cobuildProjects.field.unit')} showSearch optionFilterProp="label" options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
      )}
      <Form.Item name="category" label={t('cobuildProjects.field.category')} rules={required}><CategorySelect /></Form.Item>
      <Form.Item name="title" label={t('cobuildProjects.field.title')} rules={[{ required: true, min: 2, message: t('cobuildProjects.field.required') }]}><Input maxLength={60} /></Form.Item>
      <Form.Item name="detail" label={t('cobuildProjects.field.detail')}><Input.TextArea maxLength={1000} rows={3} /></Form.Item>
      <Form.Item name="capacity" label={t('cobuildProjects.field.capacity')} rules={required}><InputNumber min={1} max={100000} style={{ width: 160 }} /></Form.Item>
      {/* A unit may serve several communities, or a whole street: one place a row. */}
      <Form.List name="placeIds" initialValue={[undefined]}>
        {(fields, { add, remove }) => (
          <Form.Item label={t('cobuildProjects.field.places')} required>
            {fields.map((f, i) => (
              <Space key={f.key} align="baseline" className="form-list-row">
                <Form.Item name={f.name} rules={required} noStyle>
                  <OrgTreeSelect aria-label={i === 0 ? t('cobuildProjects.field.places') : t('cobuildProjects.resources.placeN', { n: i + 1 })} style={{ width: 320 }} />
                </Form.Item>
                {fields.length > 1 && <Button type="link" danger onClick={() => remove(f.name)}>{t('cobuildProjects.resources.removePlace')}</Button>}
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>{t('cobuildProjects.resources.addPlace')}</Button>
          </Form.Item>
        )}
      </Form.List>
      <Form.Item name="period" label={t('cobuildProjects.field.available')} rules={required}><DatePicker.RangePicker aria-label={t('cobuildProjects.field.available')} /></Form.Item>
    </>
  );
}

/** A table of resources with a withdraw action. */
export function ResourceTable({ data, loading, page, onPage, onWithdraw, showUnit }: {
  data: { items: Resource[]; total: number } | null; loading: boolean; page: number; onPage: (p: number) => void;
  onWithdraw?: (r: Resource) => void; showUnit: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Table<Resource>
      rowKey="id"
      loading={loading}
      dataSource={data?.items ?? []}
      aria-label={t('nav.cobuildResources')}
      pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: onPage, showSizeChanger: false, showTotal: (n) => t('common.total', { count: n }) }}
      columns={[
        { title: t('cobuildProjects.field.title'), dataIndex: 'title', render: (v: string, r) => <Space>{v}{r.withdrawn && <Tag>{t('cobuildProjects.resources.withdrawn')}</Tag>}</Space> },
        ...(showUnit ? [{ title: t('cobuildProjects.field.unit'), dataIndex: 'workUnitName' }] : []),
        { title: t('cobuildProjects.field.category'), dataIndex: 'category', render: (c: CobuildCategory) => t(`cobuildProjects.category.${c}`) },
        { title: t('cobuildProjects.field.capacity'), dataIndex: 'capacity', align: 'right' as const },
        { title: t('cobuildProjects.field.places'), key: 'places', render: (_: unknown, r: Resource) => r.places.map((p) => p.name).join('、') },
        { title: t('cobuildProjects.field.available'), key: 'available', render: (_: unknown, r: Resource) => `${r.availableFrom} ~ ${r.availableTo}` },
        {
          title: t('cobuildProjects.field.actions'), key: 'actions',
          render: (_: unknown, r: Resource) => onWithdraw && !r.withdrawn && (
            <Popconfirm title={t('cobuildProjects.resources.withdrawConfirm')} onConfirm={() => onWithdraw(r)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
              <Button type="link" size="small" danger>{t('cobuildProjects.resources.withdraw')}</Button>
            </Popconfirm>
          ),
        },
      ]}
    />
  );
}

/** 资源清单: what paired work units offer for the communities in scope. */
export default function CobuildResourcesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { params, update } = useUrlState();
  const page = readInt(params, 'page', 1);
  const orgId = readInt(params, 'orgId', 0) || undefined;
  const category = (params.get('category') || undefined) as CobuildCategory | undefined;
  const all = params.get('all') === '1';
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<ResourceValues>();
  const manage = can('cobuild.manage');
  const { data, loading, error, reload } = usePaged(`${page}|${orgId}|${category}|${all}`,
    () => api.listResources({ page, pageSize: 20, orgId, category, includeWithdrawn: all ? 'true' : undefined }), t('error.unknown'));

  const create = async (v: ResourceValues) => {
    await api.createResource({ workUnitId: v.workUnitId!, ...resourceInput(v) });
    reload();
  };
  const withdraw = async (r: Resource) => {
    try {
      await api.withdrawResource(r.id);
      reload();
    } catch (e) {
      void message.error(errorMessage(e, t('error.unknown')));
    }
  };

  return (
    <div>
      <PageHeader
        title={t('nav.cobuildResources')}
        description={t('cobuildProjects.resources.description')}
        extra={manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('cobuildProjects.resources.add')}</Button>}
      />
      <Space wrap className="page-alert">
        <OrgTreeSelect aria-label={t('cobuildProjects.field.org')} placeholder={t('cobuildProjects.field.org')} style={{ width: 240 }} value={orgId} onChange={(id) => update({ orgId: id, page: undefined })} />
        <CategorySelect allowClear style={{ width: 160 }} value={category} onChange={(v) => update({ category: v, page: undefined })} />
        <Space><Switch checked={all} onChange={(v) => update({ all: v ? 1 : undefined, page: undefined })} aria-label={t('cobuildProjects.resources.includeWithdrawn')} />{t('cobuildProjects.resources.includeWithdrawn')}</Space>
      </Space>
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <ResourceTable data={data} loading={loading} page={page} onPage={(p) => update({ page: p })} onWithdraw={manage ? withdraw : undefined} showUnit />
      <FormModal<ResourceValues> open={open} title={t('cobuildProjects.resources.add')} form={form} onSubmit={create} onClose={() => setOpen(false)}>
        <ResourceFields withUnit />
      </FormModal>
    </div>
  );
}
