import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, Row, Statistic, Table, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.js';
import { FormModal } from '../../components/form-modal.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/property-companies-api.js';
import type { MyCompany, MyDemand, Sanction } from '../../services/property-companies-api.js';
import { SanctionsTable } from './company-parts.js';
import { MyCreditTab } from './credit-company.js';

/** The company's own console page (property_company): its compounds, their 物业服务 demands, its sanctions and rectification tasks. */
export default function CompanyOwnPage() {
  const { t } = useTranslation();
  const [tick, setTick] = useState(0);
  const reload = () => setTick((n) => n + 1);
  const mine = useLoad(`${tick}`, () => api.getMine(), t('error.unknown'));
  const m = mine.data;
  return (
    <div>
      <PageHeader title={m?.company.name ?? t('nav.propertyMine')} description={t('propertyCompanies.mine.description')} />
      {mine.error && <Alert type="error" showIcon title={mine.error} className="page-alert" />}
      {m && (
        <>
          <Row gutter={[16, 16]} className="rates-kpis">
            <Col flex="1 1 160px"><Card size="small"><Statistic title={t('propertyCompanies.mine.compounds')} value={m.compounds.length} /></Card></Col>
            <Col flex="1 1 160px"><Card size="small"><Statistic title={t('propertyCompanies.mine.openDemands')} value={m.compounds.reduce((a, c) => a + c.openDemands, 0)} /></Card></Col>
            <Col flex="1 1 160px"><Card size="small"><Statistic title={t('propertyCompanies.mine.openSanctions')} value={m.openSanctions} /></Card></Col>
            <Col flex="1 1 160px"><Card size="small"><Statistic title={t('propertyCompanies.mine.overdue')} value={m.overdue} /></Card></Col>
          </Row>
          <Tabs
            defaultActiveKey="sanctions"
            items={[
              { key: 'sanctions', label: t('propertyCompanies.mine.sanctionsTab'), children: <MySanctions tick={tick} onChange={reload} /> },
              { key: 'compounds', label: t('propertyCompanies.mine.compounds'), children: <MyCompounds m={m} /> },
              { key: 'demands', label: t('propertyCompanies.mine.demandsTab'), children: <MyDemands tick={tick} /> },
              { key: 'credit', label: t('propertyCredit.companyTab'), children: <MyCreditTab /> },
            ]}
          />
        </>
      )}
    </div>
  );
}

function MyCompounds({ m }: { m: MyCompany }) {
  const { t } = useTranslation();
  return (
    <Table
      rowKey="id" size="small" dataSource={m.compounds} pagination={false}
      columns={[
        { title: t('propertyCompanies.compound.name'), dataIndex: 'name' },
        { title: t('propertyCompanies.compound.community'), dataIndex: 'communityName' },
        { title: t('propertyCompanies.contract.levelCol'), dataIndex: 'serviceLevel', render: (l: string) => t('propertyCompanies.contract.level', { level: l }) },
        { title: t('propertyCompanies.contract.fee'), dataIndex: 'feePerM2', align: 'right', render: (f: number) => f.toFixed(2) },
        { title: t('propertyCompanies.contract.endsOn'), dataIndex: 'endsOn' },
        { title: t('propertyCompanies.mine.openDemands'), dataIndex: 'openDemands', align: 'right' },
      ]}
    />
  );
}

function MyDemands({ tick }: { tick: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useLoad(`${tick}|${page}`, () => api.listMyDemands({ page, pageSize: 20 }), t('error.unknown'));
  return (
    <>
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <Table<MyDemand>
        rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('propertyCompanies.mine.demand'), dataIndex: 'description' },
          { title: t('propertyCompanies.compound.name'), dataIndex: 'placeName' },
          { title: t('propertyCompanies.sanction.status'), dataIndex: 'state', render: (s: string) => <Tag>{t(`demandState.${s as 'submitted'}`)}</Tag> },
          { title: t('propertyCompanies.mine.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
        ]}
      />
    </>
  );
}

function MySanctions({ tick, onChange }: { tick: number; onChange: () => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useLoad(`${tick}|${page}`, () => api.listMySanctions({ page, pageSize: 20 }), t('error.unknown'));
  const [reporting, setReporting] = useState<Sanction | null>(null);
  const [form] = Form.useForm<{ note: string }>();
  return (
    <>
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <SanctionsTable
        items={list.data?.items ?? []} total={list.data?.total ?? 0} page={page} onPage={setPage} loading={list.loading} onChange={onChange} showCompany={false}
        actions={(s) => s.kind === 'rectify' && s.status === 'open' && <Button size="small" type="primary" onClick={() => setReporting(s)}>{t('propertyCompanies.step.report')}</Button>}
      />
      <FormModal open={!!reporting} title={t('propertyCompanies.step.report')} form={form} onClose={() => setReporting(null)}
        intro={reporting && <p>{reporting.task}</p>}
        onSubmit={async (v) => { await api.reportSanction(reporting!.id, { note: v.note }); onChange(); }}>
        <Form.Item name="note" label={t('propertyCompanies.mine.reportNote')} rules={[{ required: true, whitespace: true, min: 2 }]}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
      </FormModal>
    </>
  );
}
