import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Statistic, Switch, Table, Tag } from 'antd';
import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../components/auth-provider.js';
import { applyServerErrors } from '../../components/form-errors.js';
import { formatDateTime } from '../../components/format.js';
import { FormModal } from '../../components/form-modal.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { PAGE_SIZES, readInt, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/supervision-api.js';
import type { CertificateItem, CertificateRequest, CertificateResult } from '../../services/supervision-api.js';
import './certificates.css';

const OTHER = 0;

/**
 * 社区证明事项清单: a community worker records what a resident asks for — a listed certificate is
 * issued (numbered, printable), anything else is refused with the pointer to the right office.
 * The city and counties keep the list; everyone in scope sees the requests and the refusals counted.
 */
export default function ReliefCertificatesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { params, update } = useUrlState();
  const page = readInt(params, 'page', 1);
  const pageSize = readInt(params, 'pageSize', 20);
  const outcome = params.get('outcome') || undefined;
  const [tick, setTick] = useState(0);
  const [adding, setAdding] = useState(false);
  const [result, setResult] = useState<CertificateResult | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [form] = Form.useForm<{ itemId: number; askedFor?: string; applicantName: string; purpose?: string }>();
  const itemId = Form.useWatch('itemId', form);
  const mayCertify = can('relief.certify');
  const items = useLoad(`items|${tick}`, () => api.listCertificateItems({ pageSize: 200 }), t('error.unknown'));
  const list = useLoad(`${page}|${pageSize}|${outcome}|${tick}`, () => api.listCertificateRequests({ outcome, page, pageSize }), t('error.unknown'));
  const figures = useLoad(`f|${tick}`, () => api.getReliefFigures(), t('error.unknown'));

  const record = async () => {
    let v;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setFormError(null);
    try {
      const r = await api.recordCertificateRequest({ itemId: v.itemId === OTHER ? undefined : v.itemId, askedFor: v.itemId === OTHER ? v.askedFor : undefined, applicantName: v.applicantName, purpose: v.purpose || undefined });
      setResult(r);
      form.resetFields();
      setTick((x) => x + 1);
    } catch (e) {
      setFormError(applyServerErrors(form, e, t('error.unknown')));
    }
  };

  return (
    <div>
      <PageHeader title={t('nav.reliefCertificates')} description={t('relief.certificates.description')}
        extra={can('relief.manage') && <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('relief.items.add')}</Button>} />
      {(list.error || items.error) && <Alert type="error" showIcon title={list.error ?? items.error} className="page-alert" />}
      <Row gutter={[12, 12]} className="rates-card">
        {(['issued', 'refused', 'signs', 'duties'] as const).map((k) => (
          <Col key={k} xs={12} md={6}><Card size="small"><Statistic title={t(`relief.figures.${k}`)} value={figures.data?.[k] ?? 0} data-testid={`relief-figure-${k}`} /></Card></Col>
        ))}
      </Row>
      {mayCertify && (
        <Card size="small" title={t('relief.certificates.record')} className="rates-card no-print">
          <Form form={form} layout="vertical" style={{ maxWidth: 520 }}>
            <Form.Item name="itemId" label={t('relief.certificates.item')} rules={[{ required: true, message: t('relief.required') }]}>
              <Select showSearch optionFilterProp="label" options={[
                ...(items.data?.items ?? []).map((i) => ({ value: i.id, label: i.issuable ? i.name : `${i.name}（${t('relief.items.notIssuable')}）` })),
                { value: OTHER, label: t('relief.certificates.other') },
              ]} />
            </Form.Item>
            {itemId === OTHER && (
              <Form.Item name="askedFor" label={t('relief.certificates.askedFor')} rules={[{ required: true, message: t('relief.required') }]}><Input maxLength={60} /></Form.Item>
            )}
            <Form.Item name="applicantName" label={t('relief.certificates.applicant')} rules={[{ required: true, message: t('relief.required') }]}><Input maxLength={30} /></Form.Item>
            <Form.Item name="purpose" label={t('relief.certificates.purpose')}><Input maxLength={100} /></Form.Item>
            {formError && <Alert type="error" showIcon title={formError} className="page-alert" />}
            <Button type="primary" onClick={() => void record()}>{t('relief.certificates.submit')}</Button>
          </Form>
        </Card>
      )}
      {result?.outcome === 'refused' && (
        <Alert type="warning" showIcon className="page-alert no-print" data-testid="relief-refusal" title={t('relief.certificates.refused')} description={result.referTo} closable onClose={() => setResult(null)} />
      )}
      {result?.certificate && (
        <Card size="small" className="rates-card relief-certificate" data-testid="relief-certificate"
          extra={<Button className="no-print" icon={<PrinterOutlined />} onClick={() => window.print()}>{t('relief.certificates.print')}</Button>}>
          <h2 style={{ textAlign: 'center' }}>{result.certificate.title}</h2>
          <p>{t('relief.certificates.number')}：{result.certificate.number}</p>
          <p>{t('relief.certificates.body', { name: result.certificate.applicantName, title: result.certificate.title, purpose: result.certificate.purpose ?? '' })}</p>
          {result.certificate.basis && <p>{t('relief.certificates.basis')}：{result.certificate.basis}</p>}
          <p style={{ textAlign: 'right' }}>{result.certificate.communityName}<br />{result.certificate.issuedOn}</p>
        </Card>
      )}
      <Card size="small" title={t('relief.certificates.requests')} className="rates-card no-print">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select allowClear placeholder={t('relief.certificates.outcome')} aria-label={t('relief.certificates.outcome')} style={{ width: 140 }} value={outcome}
            onChange={(v) => update({ outcome: v, page: undefined })} options={(['issued', 'refused'] as const).map((o) => ({ value: o, label: t(`relief.outcome.${o}`) }))} />
        </Space>
        <Table<CertificateRequest>
          rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, pageSizeOptions: PAGE_SIZES, showSizeChanger: true, onChange: (p, s) => update({ page: p, pageSize: s }) }}
          columns={[
            { title: t('relief.certificates.recordedAt'), dataIndex: 'recordedAt', render: formatDateTime },
            { title: t('relief.certificates.community'), dataIndex: 'communityName' },
            { title: t('relief.certificates.askedFor'), dataIndex: 'askedFor' },
            { title: t('relief.certificates.applicant'), dataIndex: 'applicantName' },
            { title: t('relief.certificates.outcome'), dataIndex: 'outcome', render: (o: 'issued' | 'refused') => <Tag color={o === 'issued' ? 'green' : 'orange'}>{t(`relief.outcome.${o}`)}</Tag> },
            { title: t('relief.certificates.numberOrPointer'), render: (_, r) => r.number ?? r.referTo },
          ]}
        />
      </Card>
      <Card size="small" title={t('relief.items.title')} className="no-print">
        <Table<CertificateItem> rowKey="id" size="small" pagination={false} loading={items.loading} dataSource={items.data?.items ?? []}
          columns={[
            { title: t('relief.items.name'), dataIndex: 'name' },
            { title: t('relief.items.issuable'), dataIndex: 'issuable', render: (v: boolean) => (v ? <Tag color="green">{t('relief.items.yes')}</Tag> : <Tag>{t('relief.items.notIssuable')}</Tag>) },
            { title: t('relief.items.basisOrPointer'), render: (_, r) => r.basis ?? r.referTo ?? '—' },
            { title: t('relief.items.keptBy'), dataIndex: 'orgName' },
          ]} />
      </Card>
      <ItemModal open={adding} onClose={() => setAdding(false)} onDone={() => setTick((x) => x + 1)} />
    </div>
  );
}

function ItemModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string; issuable: boolean; basis?: string; referTo?: string }>();
  const issuable = Form.useWatch('issuable', form);
  return (
    <FormModal open={open} title={t('relief.items.add')} form={form} onClose={onClose} initialValues={{ issuable: true }}
      onSubmit={async (v) => { await api.addCertificateItem({ ...v, issuable: !!v.issuable }); onDone(); }}>
      <Form.Item name="name" label={t('relief.items.name')} rules={[{ required: true, message: t('relief.required') }]}><Input maxLength={60} /></Form.Item>
      <Form.Item name="issuable" label={t('relief.items.issuable')} valuePropName="checked"><Switch /></Form.Item>
      {issuable
        ? <Form.Item name="basis" label={t('relief.items.basis')}><Input maxLength={200} /></Form.Item>
        : <Form.Item name="referTo" label={t('relief.items.referTo')} rules={[{ required: true, message: t('relief.required') }]}><Input maxLength={200} /></Form.Item>}
    </FormModal>
  );
}
