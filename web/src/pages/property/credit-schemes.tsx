import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../components/auth-provider.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { formatDateTime } from '../../components/format.js';
import { FormModal } from '../../components/form-modal.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { readInt, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/property-credit-api.js';
import type { NewScheme, Scheme } from '../../services/property-credit-api.js';

/** 信用评价方案: the county's versions, each with its indicators, weights, sources and list rule; a new version supersedes. */
export default function CreditSchemesPage() {
  const { t } = useTranslation();
  const { can, me } = useAuth();
  const { params, update } = useUrlState();
  const countyId = readInt(params, 'countyId', 0) || undefined;
  const cityWide = me?.role === 'city_admin';
  const [tick, setTick] = useState(0);
  const [open, setOpen] = useState(false);
  const schemes = useLoad(cityWide && !countyId ? null : `${countyId}|${tick}`, () => api.listSchemes(countyId), t('error.unknown'));
  const live = schemes.data?.find((s) => s.status === 'active');
  return (
    <div>
      <PageHeader
        title={t('nav.propertyCreditSchemes')}
        description={<Space>{t('propertyCredit.scheme.description')}<Link to="/property/credit">{t('nav.propertyCredit')}</Link></Space>}
        extra={cityWide
          ? <OrgTreeSelect aria-label={t('propertyCredit.county')} placeholder={t('propertyCredit.county')} style={{ width: 200 }} value={countyId} onChange={(id) => update({ countyId: id })} />
          : can('property.credit') && <Button type="primary" onClick={() => setOpen(true)}>{t('propertyCredit.scheme.new')}</Button>}
      />
      {schemes.error && <Alert type="error" showIcon title={schemes.error} className="page-alert" />}
      {schemes.data?.length === 0 && <Alert type="info" showIcon title={t('propertyCredit.scheme.none')} className="page-alert" />}
      {schemes.data?.map((s) => <SchemeCard key={s.id} s={s} />)}
      {open && <SchemeModal base={live} onClose={() => setOpen(false)} onDone={() => setTick((n) => n + 1)} />}
    </div>
  );
}

function SchemeCard({ s }: { s: Scheme }) {
  const { t } = useTranslation();
  return (
    <Card
      className="rates-card" size="small" data-testid={`scheme-v${s.version}`}
      title={<Space>{s.name}<Tag>{t('propertyCredit.scheme.version', { v: s.version })}</Tag><Tag color={s.status === 'active' ? 'green' : 'default'}>{t(`propertyCredit.scheme.${s.status}`)}</Tag></Space>}
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
        { key: 'party', label: t('propertyCredit.scheme.partyShare'), children: `${s.partyShare}%` },
        { key: 'rule', label: t('propertyCredit.scheme.ruleLabel'), children: t('propertyCredit.rule', { top: s.redTopN ?? '-', red: s.redThreshold ?? '-', black: s.blackThreshold }) },
        { key: 'at', label: t('propertyCredit.scheme.createdAt'), children: formatDateTime(s.createdAt) },
      ]} />
      <Table
        rowKey="source" size="small" pagination={false} dataSource={s.indicators}
        columns={[
          { title: t('propertyCredit.indicator'), dataIndex: 'name' },
          { title: t('propertyCredit.scheme.source'), dataIndex: 'source', render: (v: api.CreditSource) => t(`propertyCredit.source.${v}`) },
          { title: t('propertyCredit.weight'), dataIndex: 'weight', align: 'right', render: (w: number) => `${w}%` },
        ]}
      />
    </Card>
  );
}

type FormValues = Omit<NewScheme, 'indicators'> & { indicators: { name: string; source: api.CreditSource; weight: number }[] };

function SchemeModal({ base, onClose, onDone }: { base?: Scheme; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const indicators = Form.useWatch('indicators', form) ?? [];
  const total = indicators.reduce((s, i) => s + (Number(i?.weight) || 0), 0);
  const party = indicators.filter((i) => i && api.PARTY_SOURCES.includes(i.source)).reduce((s, i) => s + (Number(i.weight) || 0), 0);
  const initial: Partial<FormValues> = base
    ? { name: base.name, redTopN: base.redTopN, redThreshold: base.redThreshold, blackThreshold: base.blackThreshold, indicators: base.indicators }
    : { indicators: [{ name: '', source: 'street_rating', weight: 20 }] };
  return (
    <FormModal
      open width={760} title={t('propertyCredit.scheme.new')} form={form} onClose={onClose} initialValues={initial}
      intro={<Alert type={party >= api.PARTY_SHARE_MIN && total === 100 ? 'success' : 'warning'} showIcon style={{ marginBottom: 12 }}
        title={t('propertyCredit.scheme.sums', { total, party, min: api.PARTY_SHARE_MIN })} />}
      onSubmit={async (v) => { await api.createScheme(v); onDone(); }}
    >
      <Form.Item name="name" label={t('propertyCredit.scheme.name')} rules={[{ required: true }]}><Input maxLength={60} /></Form.Item>
      <Space wrap>
        <Form.Item name="redTopN" label={t('propertyCredit.scheme.redTopN')}><InputNumber min={1} max={1000} /></Form.Item>
        <Form.Item name="redThreshold" label={t('propertyCredit.scheme.redThreshold')}><InputNumber min={0} max={100} /></Form.Item>
        <Form.Item name="blackThreshold" label={t('propertyCredit.scheme.blackThreshold')} rules={[{ required: true }]}><InputNumber min={0} max={100} /></Form.Item>
      </Space>
      <Form.List name="indicators">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}><Input placeholder={t('propertyCredit.indicator')} aria-label={t('propertyCredit.scheme.indicatorName', { n: i + 1 })} style={{ width: 180 }} /></Form.Item>
                <Form.Item name={[f.name, 'source']} rules={[{ required: true }]}>
                  <Select aria-label={t('propertyCredit.scheme.indicatorSource', { n: i + 1 })} style={{ width: 220 }}
                    options={api.CREDIT_SOURCES.map((s) => ({ value: s, label: t(`propertyCredit.source.${s}`) }))} />
                </Form.Item>
                <Form.Item name={[f.name, 'weight']} rules={[{ required: true }]}><InputNumber aria-label={t('propertyCredit.scheme.indicatorWeight', { n: i + 1 })} min={1} max={100} addonAfter="%" /></Form.Item>
                <MinusCircleOutlined aria-label={t('propertyCredit.scheme.remove')} onClick={() => remove(f.name)} />
              </Space>
            ))}
            <Button type="dashed" onClick={() => add({ name: '', weight: 10 })} icon={<PlusOutlined />}>{t('propertyCredit.scheme.addIndicator')}</Button>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}
