import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Space, Table, Tabs, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../components/auth-provider.js';
import { formatDateTime } from '../../components/format.js';
import { FormModal } from '../../components/form-modal.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/property-companies-api.js';
import type { CompanyDetail, Contract, Instructor } from '../../services/property-companies-api.js';
import { DecideSanctionModal, SanctionsTable } from './company-parts.js';
import { CompanyCreditTab } from './credit-company.js';

/**
 * One company: its register entry and party organisation, instructors, contracts and sanctions.
 * The page is a Tabs with an `items` array so other parts of issue 14 add a tab with one line.
 */
export default function CompanyDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const [tick, setTick] = useState(0);
  const reload = () => setTick((n) => n + 1);
  const detail = useLoad(`${id}|${tick}`, () => api.getCompany(id), t('error.unknown'));
  const c = detail.data;
  const items = c ? [
    { key: 'info', label: t('propertyCompanies.detail.info'), children: <InfoTab c={c} /> },
    { key: 'instructors', label: t('propertyCompanies.detail.instructors'), children: <InstructorsTab c={c} onChange={reload} /> },
    { key: 'contracts', label: t('propertyCompanies.detail.contracts'), children: <ContractsTab items={c.contracts} /> },
    { key: 'sanctions', label: t('propertyCompanies.detail.sanctions'), children: <SanctionsTab c={c} tick={tick} onChange={reload} /> },
    { key: 'credit', label: t('propertyCredit.companyTab'), children: <CompanyCreditTab companyId={c.id} countyId={c.countyId} /> },
  ] : [];
  return (
    <div>
      <PageHeader
        title={c ? <Space>{c.name}{c.status === 'exited' && <Tag>{t('propertyCompanies.companyStatus.exited')}</Tag>}</Space> : t('propertyCompanies.detail.title')}
        description={<Link to="/property/companies">{t('propertyCompanies.detail.back')}</Link>}
      />
      {detail.error && <Alert type="error" showIcon title={detail.error} className="page-alert" />}
      {c && <Tabs defaultActiveKey="info" items={items} />}
    </div>
  );
}

function InfoTab({ c }: { c: CompanyDetail }) {
  const { t } = useTranslation();
  return (
    <Card size="small">
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label={t('propertyCompanies.company.creditCode')}>{c.creditCode}</Descriptions.Item>
        <Descriptions.Item label={t('propertyCompanies.company.qualification')}>{c.qualification ?? '-'}</Descriptions.Item>
        <Descriptions.Item label={t('propertyCompanies.company.contact')}>{`${c.contactName}${c.phone ? ` ${c.phone}` : ''}`}</Descriptions.Item>
        <Descriptions.Item label={t('propertyCompanies.company.status')}>{t(`propertyCompanies.companyStatus.${c.status}`)}{c.exitedAt ? ` ${formatDateTime(c.exitedAt)}` : ''}</Descriptions.Item>
        <Descriptions.Item label={t('propertyCompanies.company.branch')} span={2}>
          {c.branch
            ? t('propertyCompanies.detail.branchLine', {
              name: c.branch.name, kind: t(`propertyCompanies.branchKind.${c.branch.kind}`), secretary: c.branch.secretaryName, members: c.branch.memberCount,
              companies: c.branch.companies.map((x) => x.name).join('、'),
            })
            : t('propertyCompanies.detail.noBranch')}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function InstructorsTab({ c, onChange }: { c: CompanyDetail; onChange: () => void }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const keeps = me?.role === 'county_admin' || me?.role === 'department';
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string; unit: string; post?: string; phone?: string; period: [Dayjs, Dayjs | null] }>();
  return (
    <Card size="small" extra={keeps && <Button type="primary" onClick={() => setOpen(true)}>{t('propertyCompanies.instructor.create')}</Button>}>
      <Table<Instructor>
        rowKey="id" size="small" dataSource={c.instructors} pagination={false}
        columns={[
          { title: t('propertyCompanies.instructor.name'), dataIndex: 'name' },
          { title: t('propertyCompanies.instructor.unit'), render: (_, i) => `${i.unit}${i.post ? ` · ${i.post}` : ''}` },
          { title: t('propertyCompanies.instructor.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '-' },
          { title: t('propertyCompanies.instructor.period'), render: (_, i) => `${i.fromOn} ~ ${i.toOn ?? ''}` },
          { title: '', dataIndex: 'serving', render: (v: boolean) => (v ? <Tag color="green">{t('propertyCompanies.instructor.serving')}</Tag> : null) },
        ]}
      />
      <FormModal open={open} title={t('propertyCompanies.instructor.create')} form={form} onClose={() => setOpen(false)}
        onSubmit={async (v) => {
          await api.addInstructor(c.id, {
            name: v.name, unit: v.unit, post: v.post || undefined, phone: v.phone || undefined,
            fromOn: v.period[0].format('YYYY-MM-DD'), toOn: v.period[1]?.format('YYYY-MM-DD'),
          });
          onChange();
        }}>
        <Form.Item name="name" label={t('propertyCompanies.instructor.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={30} /></Form.Item>
        <Form.Item name="unit" label={t('propertyCompanies.instructor.unitOnly')} rules={[{ required: true, whitespace: true }]}><Input maxLength={60} /></Form.Item>
        <Form.Item name="post" label={t('propertyCompanies.instructor.post')}><Input maxLength={40} /></Form.Item>
        <Form.Item name="phone" label={t('propertyCompanies.instructor.phone')} rules={[{ pattern: /^1\d{10}$/, message: t('propertyCompanies.phoneHint') }]}><Input maxLength={11} inputMode="numeric" /></Form.Item>
        <Form.Item name="period" label={t('propertyCompanies.instructor.period')} rules={[{ required: true }]}><DatePicker.RangePicker allowEmpty={[false, true]} /></Form.Item>
      </FormModal>
    </Card>
  );
}

function ContractsTab({ items }: { items: Contract[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small">
      <Table<Contract>
        rowKey="id" size="small" dataSource={items} pagination={false}
        columns={[
          { title: t('propertyCompanies.compound.name'), dataIndex: 'compoundName' },
          { title: t('propertyCompanies.contract.period'), render: (_, k) => `${k.startsOn} ~ ${k.endsOn}` },
          { title: t('propertyCompanies.contract.levelCol'), render: (_, k) => t('propertyCompanies.contract.level', { level: k.serviceLevel }) },
          { title: t('propertyCompanies.contract.fee'), align: 'right', render: (_, k) => k.feePerM2.toFixed(2) },
          { title: t('propertyCompanies.contract.standard'), dataIndex: 'serviceStandard' },
          {
            title: t('propertyCompanies.contract.status'), render: (_, k) => (
              <span><Tag color={k.status === 'active' ? 'green' : 'default'}>{t(`propertyCompanies.contractStatus.${k.status}`)}</Tag>{k.endReason ? `${k.endedOn} ${k.endReason}` : ''}</span>
            ),
          },
        ]}
      />
    </Card>
  );
}

function SanctionsTab({ c, tick, onChange }: { c: CompanyDetail; tick: number; onChange: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [page, setPage] = useState(1);
  const list = useLoad(`${c.id}|${tick}|${page}`, () => api.listSanctions({ companyId: c.id, page, pageSize: 20 }), t('error.unknown'));
  const [open, setOpen] = useState(false);
  return (
    <Card size="small" extra={can('property.sanction') && c.status === 'active' && <Button type="primary" danger onClick={() => setOpen(true)}>{t('propertyCompanies.sanction.decide')}</Button>}>
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <SanctionsTable items={list.data?.items ?? []} total={list.data?.total ?? 0} page={page} onPage={setPage} loading={list.loading} onChange={onChange} showCompany={false} />
      <DecideSanctionModal open={open} onClose={() => setOpen(false)} onDone={onChange} companyId={c.id} contracts={c.contracts} />
    </Card>
  );
}
