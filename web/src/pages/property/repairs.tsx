import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../components/auth-provider.js';
import { formatDateTime, formatNumber } from '../../components/format.js';
import { FormModal } from '../../components/form-modal.js';
import { PageHeader } from '../../components/page-header.js';
import { Forbidden } from '../../components/status-pages.js';
import { useLoad } from '../../components/use-load.js';
import { PAGE_SIZES, readInt, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/property-repairs-api.js';
import type { Repair, RepairKind, RepairStatus } from '../../services/property-repairs-api.js';
import { PhotoIdsField, RepairStatusTag } from './repairs-shared.js';

/** 专项维修资金: the repairs in scope (or the company's compounds), filtered and paged, and the application form. */
export default function PropertyRepairsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { params, update } = useUrlState();
  const page = readInt(params, 'page', 1);
  const pageSize = readInt(params, 'pageSize', 20);
  const status = (params.get('status') || undefined) as RepairStatus | undefined;
  const kind = (params.get('kind') || undefined) as RepairKind | undefined;
  const compoundId = readInt(params, 'compoundId', 0) || undefined;
  const [tick, setTick] = useState(0);
  const [applying, setApplying] = useState(false);
  const mayApply = can('property.repairs');
  const list = useLoad(`${page}|${pageSize}|${status}|${kind}|${compoundId}|${tick}`,
    () => api.listRepairs({ status, kind, compoundId, page, pageSize }), t('error.unknown'));
  const compounds = useLoad(`compounds|${mayApply}`, () => (mayApply ? api.listCompounds() : Promise.resolve([])), t('error.unknown'));
  if (!can('property.read') && !mayApply) return <Forbidden />;

  return (
    <div>
      <PageHeader
        title={t('nav.propertyRepairs')}
        description={t('propertyRepairs.description')}
        extra={mayApply && <Button type="primary" icon={<PlusOutlined />} onClick={() => setApplying(true)}>{t('propertyRepairs.apply.action')}</Button>}
      />
      {list.error && <Alert type="error" showIcon title={list.error} className="page-alert" />}
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select allowClear placeholder={t('propertyRepairs.filter.status')} aria-label={t('propertyRepairs.filter.status')} style={{ width: 140 }} value={status}
            onChange={(v) => update({ status: v, page: undefined })} options={api.REPAIR_STATUSES.map((s) => ({ value: s, label: t(`propertyRepairs.status.${s}`) }))} />
          <Select allowClear placeholder={t('propertyRepairs.filter.kind')} aria-label={t('propertyRepairs.filter.kind')} style={{ width: 150 }} value={kind}
            onChange={(v) => update({ kind: v, page: undefined })} options={api.REPAIR_KINDS.map((k) => ({ value: k, label: t(`propertyRepairs.kind.${k}`) }))} />
          {(compounds.data?.length ?? 0) > 0 && (
            <Select allowClear showSearch optionFilterProp="label" placeholder={t('propertyRepairs.filter.compound')} aria-label={t('propertyRepairs.filter.compound')} style={{ width: 240 }}
              value={compoundId} onChange={(v) => update({ compoundId: v, page: undefined })}
              options={compounds.data!.map((c) => ({ value: c.id, label: `${c.communityName} ${c.name}` }))} />
          )}
        </Space>
        <Table<Repair>
          rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, pageSizeOptions: PAGE_SIZES, showSizeChanger: true, onChange: (p, s) => update({ page: p, pageSize: s }) }}
          columns={[
            { title: t('propertyRepairs.col.title'), dataIndex: 'title', render: (v: string, r) => (
              <Space size={4}>
                <Link to={`/property/repairs/${r.id}`}>{v}</Link>
                {r.urgent && <Tag color="red">{t('propertyRepairs.urgent')}</Tag>}
              </Space>
            ) },
            { title: t('propertyRepairs.col.compound'), render: (_, r) => `${r.communityName} ${r.compoundName}` },
            { title: t('propertyRepairs.col.kind'), dataIndex: 'kind', render: (k: RepairKind) => t(`propertyRepairs.kind.${k}`) },
            { title: t('propertyRepairs.col.quantity'), render: (_, r) => `${r.quantity} ${t(`propertyRepairs.unit.${r.kind}`)}`, align: 'right' },
            { title: t('propertyRepairs.col.households'), dataIndex: 'households', align: 'right' },
            { title: t('propertyRepairs.col.amount'), render: (_, r) => formatNumber(r.finalAmount ?? r.budget), align: 'right' },
            { title: t('propertyRepairs.col.status'), dataIndex: 'status', render: (s: RepairStatus) => <RepairStatusTag status={s} /> },
            { title: t('propertyRepairs.col.appliedAt'), dataIndex: 'appliedAt', render: formatDateTime },
          ]}
        />
      </Card>
      {applying && <ApplyModal onClose={() => setApplying(false)} onDone={() => setTick((n) => n + 1)} compounds={compounds.data ?? []} />}
    </div>
  );
}

interface ApplyValues {
  compoundId: number; kind: RepairKind; urgent: boolean; title: string; description: string; quantity: number; placeIds: number[];
  quotes: { supplier: string; amount: number; photoIds?: number[] }[];
  /** Keep it a draft (草稿) to submit from its page later. */
  draft?: boolean;
}

/** 申请维修资金: the compound, what and how much, the buildings that benefit (households counted, never typed) and the quotes. */
function ApplyModal({ onClose, onDone, compounds }: { onClose: () => void; onDone: () => void; compounds: api.CompoundOption[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<ApplyValues>();
  const compoundId = Form.useWatch('compoundId', form);
  const kind = Form.useWatch('kind', form);
  const urgent = Form.useWatch('urgent', form);
  const chosen = Form.useWatch('placeIds', form) ?? [];
  const places = useLoad(`places|${compoundId}`, () => (compoundId ? api.getCompoundPlaces(compoundId) : Promise.resolve(null)), t('error.unknown'));
  // A preview only: the server counts the households of the chosen buildings and units itself.
  const preview = (places.data?.buildings ?? []).reduce((s, b) => s + (chosen.includes(b.id) ? b.households
    : b.units.filter((u) => chosen.includes(u.id)).reduce((n, u) => n + u.households, 0)), 0);
  const emergency = !!urgent && !!kind && api.SAFETY_KINDS.includes(kind);

  return (
    <FormModal<ApplyValues>
      open width={760} title={t('propertyRepairs.apply.title')} form={form} onClose={onClose} okText={t('propertyRepairs.apply.submit')}
      initialValues={{ urgent: false, quotes: [{ supplier: '', amount: undefined as unknown as number }], placeIds: [] }}
      onSubmit={async (v) => {
        const { draft, ...rest } = v;
        const r = await api.applyRepair({ ...rest, submit: !draft, quotes: v.quotes.map((q) => ({ supplier: q.supplier, amount: q.amount, photoIds: q.photoIds ?? [] })) });
        onDone();
        navigate(`/property/repairs/${r.id}`);
      }}
    >
      <Form.Item name="compoundId" label={t('propertyRepairs.apply.compound')} rules={[{ required: true, message: t('propertyRepairs.apply.compoundRequired') }]}>
        <Select showSearch optionFilterProp="label" aria-label={t('propertyRepairs.apply.compound')} onChange={() => form.setFieldValue('placeIds', [])}
          options={compounds.map((c) => ({ value: c.id, label: `${c.communityName} ${c.name}` }))} />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="kind" label={t('propertyRepairs.apply.kind')} rules={[{ required: true, message: t('propertyRepairs.apply.kindRequired') }]}>
          <Select style={{ width: 180 }} aria-label={t('propertyRepairs.apply.kind')} options={api.REPAIR_KINDS.map((k) => ({ value: k, label: t(`propertyRepairs.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="quantity" label={kind ? t('propertyRepairs.apply.quantityIn', { unit: t(`propertyRepairs.unit.${kind}`) }) : t('propertyRepairs.apply.quantity')} rules={[{ required: true, message: t('propertyRepairs.apply.quantityRequired') }]}>
          <InputNumber min={0.1} max={100000} aria-label={t('propertyRepairs.apply.quantity')} />
        </Form.Item>
        <Form.Item name="urgent" label={t('propertyRepairs.urgent')} valuePropName="checked">
          <Switch aria-label={t('propertyRepairs.urgent')} />
        </Form.Item>
      </Space>
      {kind && <Alert type="info" showIcon className="modal-alert" title={emergency ? t('propertyRepairs.apply.emergencyHint') : t('propertyRepairs.apply.voteHint')} />}
      <Form.Item name="title" label={t('propertyRepairs.apply.name')} rules={[{ required: true, message: t('propertyRepairs.apply.nameRequired') }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="description" label={t('propertyRepairs.apply.description')} rules={[{ required: true, message: t('propertyRepairs.apply.descriptionRequired') }]}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
      <Form.Item name="placeIds" label={t('propertyRepairs.apply.places')} rules={[{ required: true, type: 'array', min: 1, message: t('propertyRepairs.apply.placesRequired') }]}
        extra={compoundId ? t('propertyRepairs.apply.householdsPreview', { n: preview }) : t('propertyRepairs.apply.pickCompound')}>
        <Checkbox.Group style={{ display: 'block', maxHeight: 220, overflow: 'auto' }}>
          {(places.data?.buildings ?? []).map((b) => (
            <div key={b.id}>
              <Checkbox value={b.id}>{t('propertyRepairs.apply.placeLabel', { name: b.name, n: b.households })}</Checkbox>
              <div style={{ paddingLeft: 24 }}>
                {b.units.map((u) => <Checkbox key={u.id} value={u.id} disabled={chosen.includes(b.id)}>{t('propertyRepairs.apply.placeLabel', { name: `${b.name}${u.name}`, n: u.households })}</Checkbox>)}
              </div>
            </div>
          ))}
        </Checkbox.Group>
      </Form.Item>
      <Typography.Text strong>{t('propertyRepairs.apply.quotes')}</Typography.Text>
      <Form.List name="quotes">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} align="start" wrap>
                <Form.Item name={[f.name, 'supplier']} label={t('propertyRepairs.apply.supplier')} rules={[{ required: true, message: t('propertyRepairs.apply.supplierRequired') }]}>
                  <Input maxLength={60} aria-label={t('propertyRepairs.apply.supplierN', { n: i + 1 })} style={{ width: 220 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'amount']} label={t('propertyRepairs.apply.amount')} rules={[{ required: true, message: t('propertyRepairs.apply.amountRequired') }]}>
                  <InputNumber min={0.01} max={99999999} precision={2} aria-label={t('propertyRepairs.apply.amountN', { n: i + 1 })} style={{ width: 140 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'photoIds']} label={t('propertyRepairs.apply.quotePhotos')}>
                  <PhotoIdsField label={t('propertyRepairs.apply.quotePhotoN', { n: i + 1 })} />
                </Form.Item>
                {fields.length > 1 && <MinusCircleOutlined style={{ marginTop: 38 }} onClick={() => remove(f.name)} aria-label={t('propertyRepairs.apply.removeQuote')} />}
              </Space>
            ))}
            {fields.length < 10 && <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ supplier: '' })}>{t('propertyRepairs.apply.addQuote')}</Button>}
          </>
        )}
      </Form.List>
      <Form.Item name="draft" valuePropName="checked" style={{ marginTop: 12, marginBottom: 0 }}>
        <Checkbox>{t('propertyRepairs.apply.draft')}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}
