import { useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import { OrgSearchSelect } from '../../components/org-search-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/venues-api.js';
import type { VenueItem, VenueKind } from '../../services/venues-api.js';

/** Weekday hours every new venue starts with; edited on the venue's page. */
export const DEFAULT_HOURS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '08:30', closes: '20:30' }));

function CreateVenue({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form) as VenueKind | undefined;
  const submit = async (v: { kind: VenueKind; orgId: number; name: string; address: string; areaM2: number }) => {
    setBusy(true);
    try {
      await api.createVenue({ ...v, hours: DEFAULT_HOURS });
      message.success(t('venues.created'));
      setOpen(false);
      form.resetFields();
      onDone();
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>{t('venues.create')}</Button>
      <Modal open={open} title={t('venues.create')} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'centre' }}>
          <Form.Item name="kind" label={t('venues.field.kind')}>
            <Select aria-label={t('venues.field.kind')} options={(['centre', 'station'] as const).map((k) => ({ value: k, label: t(`venues.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="orgId" label={kind === 'station' ? t('venues.field.compound') : t('venues.field.community')} rules={[{ required: true, message: t('venues.required') }]}>
            <OrgSearchSelect kind={kind === 'station' ? 'grid' : 'community'} />
          </Form.Item>
          <Form.Item name="name" label={t('venues.field.name')} rules={[{ required: true, message: t('venues.required') }]}><Input maxLength={60} /></Form.Item>
          <Form.Item name="address" label={t('venues.field.address')} rules={[{ required: true, message: t('venues.required') }]}><Input maxLength={120} /></Form.Item>
          <Form.Item name="areaM2" label={t('venues.field.area')} rules={[{ required: true, message: t('venues.required') }]}><InputNumber min={1} max={100000} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 党群服务阵地: every centre and station in scope, those missing a 三要六有 item flagged. */
export default function VenuesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [page, setPage] = useState(1);
  const [kind, setKind] = useState<VenueKind | undefined>();
  const [flagged, setFlagged] = useState<'true' | 'false' | undefined>();
  const key = JSON.stringify({ page, kind, flagged });
  const { data, loading, error, reload } = useLoad(key, () => api.listVenues({ page, pageSize: 20, kind, flagged }), t('error.unknown'));
  return (
    <>
      <PageHeader title={t('venues.title')} description={t('venues.description')} extra={me.permissions.includes('venues.manage') && <CreateVenue onDone={reload} />} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('venues.field.kind')} aria-label={t('venues.field.kind')} style={{ width: 180 }} value={kind}
          onChange={(v) => { setKind(v); setPage(1); }} options={(['centre', 'station'] as const).map((k) => ({ value: k, label: t(`venues.kind.${k}`) }))} />
        <Select allowClear placeholder={t('venues.standard.filter')} aria-label={t('venues.standard.filter')} style={{ width: 180 }} value={flagged}
          onChange={(v) => { setFlagged(v); setPage(1); }} options={[{ value: 'true', label: t('venues.standard.flagged') }, { value: 'false', label: t('venues.standard.ok') }]} />
      </Space>
      <Table<VenueItem>
        rowKey="id" loading={loading} dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('venues.field.name'), dataIndex: 'name', render: (v, r) => <Link to={`/venues/${r.id}`}>{v}</Link> },
          { title: t('venues.field.kind'), dataIndex: 'kind', render: (k: VenueKind) => t(`venues.kind.${k}`) },
          { title: t('venues.field.place'), render: (_, r) => `${r.streetName} · ${r.communityName}${r.kind === 'station' ? ` · ${r.placeName}` : ''}` },
          { title: t('venues.field.area'), dataIndex: 'areaM2' },
          { title: t('venues.field.rooms'), dataIndex: 'rooms' },
          {
            title: t('venues.standard.title'), render: (_, r) => (r.toStandard ? <Tag color="green">{t('venues.standard.ok')}</Tag>
              : <Tag color="red">{t('venues.standard.missing', { items: r.missing.map((c) => t(`venues.item.${c}`)).join('、') })}</Tag>),
          },
          { title: t('venues.pending'), dataIndex: 'pendingBookings', render: (n: number) => (n ? <Tag color="gold">{n}</Tag> : 0) },
        ]}
      />
    </>
  );
}
