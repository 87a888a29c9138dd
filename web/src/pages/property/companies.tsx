import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Statistic, Table, Tabs, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../components/auth-provider.js';
import { EChart } from '../../components/echart.js';
import { FormModal } from '../../components/form-modal.js';
import { OrgSearchSelect } from '../../components/org-search-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/property-companies-api.js';
import type { Branch, Company, Compound, Overview } from '../../services/property-companies-api.js';
import { CompanySelect, DecideSanctionModal, SanctionsTable } from './company-parts.js';

/** 物业企业名录: the overview, the register of companies, party branches, compounds with their contracts, and sanctions. */
export default function PropertyCompaniesPage() {
  const { t } = useTranslation();
  const { params, update } = useUrlState();
  const tab = params.get('tab') ?? 'companies';
  const [tick, setTick] = useState(0);
  const reload = () => setTick((n) => n + 1);
  const overview = useLoad(`ov|${tick}`, () => api.getOverview(), t('error.unknown'));
  return (
    <div>
      <PageHeader title={t('nav.propertyCompanies')} description={t('propertyCompanies.description')} />
      {overview.error && <Alert type="error" showIcon title={overview.error} className="page-alert" />}
      <OverviewCards o={overview.data ?? null} loading={overview.loading} />
      <Tabs
        activeKey={tab} onChange={(k) => update({ tab: k })}
        items={[
          { key: 'companies', label: t('propertyCompanies.tabs.companies'), children: <CompaniesTab tick={tick} onChange={reload} /> },
          { key: 'branches', label: t('propertyCompanies.tabs.branches'), children: <BranchesTab tick={tick} onChange={reload} /> },
          { key: 'compounds', label: t('propertyCompanies.tabs.compounds'), children: <CompoundsTab tick={tick} onChange={reload} /> },
          { key: 'sanctions', label: t('propertyCompanies.tabs.sanctions'), children: <SanctionsTab tick={tick} onChange={reload} /> },
        ]}
      />
    </div>
  );
}

function OverviewCards({ o, loading }: { o: Overview | null; loading: boolean }) {
  const { t } = useTranslation();
  const kpis: [string, number | undefined][] = [
    ['companies', o?.activeCompanies], ['withBranch', o?.withBranch], ['instructors', o?.servingInstructors],
    ['servedCompounds', o?.servedCompounds], ['unserved', o ? o.compounds - o.servedCompounds : undefined], ['rectifyOpen', o?.rectifyOpen],
  ];
  const chart = useMemo(() => (o ? {
    color: ['#c8161d'], tooltip: { trigger: 'axis' }, grid: { left: 40, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: ['interviews', 'rectifyOpen', 'rectifyOverdue', 'downgradedProjects', 'exited', 'reselected'].map((k) => t(`propertyCompanies.kpi.${k as 'exited'}`)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', barMaxWidth: 32, data: [o.interviews, o.rectifyOpen, o.rectifyOverdue, o.downgradedProjects, o.exited, o.reselected] }],
  } : null), [o, t]);
  return (
    <>
      <Row gutter={[16, 16]} className="rates-kpis">
        {kpis.map(([k, v]) => (
          <Col flex="1 1 150px" key={k}>
            <Card size="small" data-testid={`property-kpi-${k}`}><Statistic title={t(`propertyCompanies.kpi.${k as 'companies'}`)} value={v ?? '-'} loading={loading && !o} /></Card>
          </Col>
        ))}
      </Row>
      {o && (
        <Row gutter={[16, 16]} className="rates-card">
          <Col xs={24} lg={10}>
            <Card size="small" title={t('propertyCompanies.party')}>
              <p>{t('propertyCompanies.partyLine', { withBranch: o.withBranch, companies: o.activeCompanies, independent: o.withIndependentBranch, joint: o.withJointBranch, jointBranches: o.jointBranches })}</p>
              <p>{t('propertyCompanies.instructorLine', { serving: o.servingInstructors, all: o.instructors })}</p>
              <p>{t('propertyCompanies.sanctionLine', { companies: o.downgradedCompanies, projects: o.downgradedProjects, exited: o.exited, reselected: o.reselected })}</p>
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card size="small" title={t('propertyCompanies.chart')}>
              {chart && <EChart option={chart} height={200} ariaLabel={t('propertyCompanies.chart')} />}
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}

function CompaniesTab({ tick, onChange }: { tick: number; onChange: () => void }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const keeps = me?.role === 'county_admin' || me?.role === 'department';
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<'active' | 'exited' | undefined>();
  const list = useLoad(`${tick}|${page}|${q}|${status}`, () => api.listCompanies({ q: q || undefined, status, page, pageSize: 20 }), t('error.unknown'));
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<api.NewCompany>();
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <Input.Search allowClear placeholder={t('propertyCompanies.company.search')} onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ width: 240 }} aria-label={t('propertyCompanies.company.search')} />
          <Select allowClear placeholder={t('propertyCompanies.company.status')} style={{ width: 140 }} value={status} onChange={(v) => { setStatus(v); setPage(1); }}
            options={(['active', 'exited'] as const).map((s) => ({ value: s, label: t(`propertyCompanies.companyStatus.${s}`) }))} />
        </Space>
      }
      extra={keeps && <Button type="primary" onClick={() => setOpen(true)}>{t('propertyCompanies.company.create')}</Button>}
    >
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <Table<Company>
        rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('propertyCompanies.company.name'), dataIndex: 'name', render: (v: string, c) => <Link to={`/property/companies/${c.id}`}>{v}</Link> },
          { title: t('propertyCompanies.company.creditCode'), dataIndex: 'creditCode' },
          { title: t('propertyCompanies.company.qualification'), dataIndex: 'qualification', render: (v: string | null) => v ?? '-' },
          { title: t('propertyCompanies.company.contact'), render: (_, c) => `${c.contactName}${c.phone ? ` ${c.phone}` : ''}` },
          { title: t('propertyCompanies.company.branch'), render: (_, c) => (c.branchKind ? <Tag color={c.branchKind === 'joint' ? 'orange' : 'red'}>{t(`propertyCompanies.branchKind.${c.branchKind}`)}</Tag> : '-') },
          { title: t('propertyCompanies.company.contracts'), dataIndex: 'contracts', align: 'right' },
          { title: t('propertyCompanies.company.instructors'), dataIndex: 'instructors', align: 'right' },
          { title: t('propertyCompanies.company.openSanctions'), dataIndex: 'openSanctions', align: 'right' },
          { title: t('propertyCompanies.company.status'), dataIndex: 'status', render: (s: 'active' | 'exited') => <Tag color={s === 'active' ? 'green' : 'default'}>{t(`propertyCompanies.companyStatus.${s}`)}</Tag> },
        ]}
      />
      <FormModal open={open} title={t('propertyCompanies.company.create')} form={form} onClose={() => setOpen(false)}
        onSubmit={async (v) => { await api.createCompany({ ...v, qualification: v.qualification || undefined, phone: v.phone || undefined }); onChange(); }}>
        <Form.Item name="name" label={t('propertyCompanies.company.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={80} /></Form.Item>
        <Form.Item name="creditCode" label={t('propertyCompanies.company.creditCode')} rules={[{ required: true, len: 18, message: t('propertyCompanies.company.creditCodeHint') }]}><Input maxLength={18} /></Form.Item>
        <Form.Item name="qualification" label={t('propertyCompanies.company.qualification')}><Input maxLength={20} /></Form.Item>
        <Form.Item name="contactName" label={t('propertyCompanies.company.contactName')} rules={[{ required: true, whitespace: true }]}><Input maxLength={30} /></Form.Item>
        <Form.Item name="phone" label={t('propertyCompanies.company.phone')} rules={[{ pattern: /^1\d{10}$/, message: t('propertyCompanies.phoneHint') }]}><Input maxLength={11} inputMode="numeric" /></Form.Item>
      </FormModal>
    </Card>
  );
}

function BranchesTab({ tick, onChange }: { tick: number; onChange: () => void }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const keeps = me?.role === 'county_admin' || me?.role === 'department';
  const [page, setPage] = useState(1);
  const list = useLoad(`${tick}|${page}`, () => api.listBranches({ page, pageSize: 20 }), t('error.unknown'));
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ kind: api.BranchKind; name: string; secretaryName: string; memberCount: number; foundedOn?: Dayjs; companyIds: number[] }>();
  return (
    <Card size="small" extra={keeps && <Button type="primary" onClick={() => setOpen(true)}>{t('propertyCompanies.branch.create')}</Button>}>
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <Table<Branch>
        rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('propertyCompanies.branch.name'), dataIndex: 'name' },
          { title: t('propertyCompanies.branch.kind'), dataIndex: 'kind', render: (k: api.BranchKind) => t(`propertyCompanies.branchKind.${k}`) },
          { title: t('propertyCompanies.branch.secretary'), dataIndex: 'secretaryName' },
          { title: t('propertyCompanies.branch.members'), dataIndex: 'memberCount', align: 'right' },
          { title: t('propertyCompanies.branch.companies'), render: (_, b) => b.companies.map((c) => <Tag key={c.id}>{c.name}</Tag>) },
        ]}
      />
      <FormModal open={open} title={t('propertyCompanies.branch.create')} form={form} onClose={() => setOpen(false)} initialValues={{ kind: 'independent', memberCount: 3 }}
        onSubmit={async (v) => {
          await api.createBranch({ ...v, foundedOn: v.foundedOn?.format('YYYY-MM-DD') });
          onChange();
        }}>
        <Form.Item name="kind" label={t('propertyCompanies.branch.kind')} rules={[{ required: true }]}>
          <Select options={(['independent', 'joint'] as const).map((k) => ({ value: k, label: t(`propertyCompanies.branchKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('propertyCompanies.branch.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={80} /></Form.Item>
        <Form.Item name="companyIds" label={t('propertyCompanies.branch.companies')} rules={[{ required: true }]}><CompanySelect mode="multiple" /></Form.Item>
        <Form.Item name="secretaryName" label={t('propertyCompanies.branch.secretary')} rules={[{ required: true, whitespace: true }]}><Input maxLength={30} /></Form.Item>
        <Form.Item name="memberCount" label={t('propertyCompanies.branch.members')} rules={[{ required: true }]}><InputNumber min={0} max={10000} /></Form.Item>
        <Form.Item name="foundedOn" label={t('propertyCompanies.branch.foundedOn')}><DatePicker /></Form.Item>
      </FormModal>
    </Card>
  );
}

function CompoundsTab({ tick, onChange }: { tick: number; onChange: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const keeps = can('property.register');
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [served, setServed] = useState<'with' | 'without' | undefined>();
  const list = useLoad(`${tick}|${page}|${q}|${served}`, () => api.listCompounds({ q: q || undefined, served, page, pageSize: 20 }), t('error.unknown'));
  const [starting, setStarting] = useState<Compound | 'any' | null>(null);
  const [ending, setEnding] = useState<Compound | null>(null);
  const [form] = Form.useForm<{ compoundId: number; companyId: number; period: [Dayjs, Dayjs]; feePerM2: number; serviceLevel: api.ServiceLevel; serviceStandard?: string }>();
  const [endForm] = Form.useForm<{ status: 'ended' | 'terminated'; reason: string }>();
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <Input.Search allowClear placeholder={t('propertyCompanies.compound.search')} onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ width: 200 }} aria-label={t('propertyCompanies.compound.search')} />
          <Select allowClear placeholder={t('propertyCompanies.compound.served')} style={{ width: 160 }} value={served} onChange={(v) => { setServed(v); setPage(1); }}
            options={(['with', 'without'] as const).map((s) => ({ value: s, label: t(`propertyCompanies.compound.${s}`) }))} aria-label={t('propertyCompanies.compound.served')} />
        </Space>
      }
      extra={keeps && <Button type="primary" onClick={() => setStarting('any')}>{t('propertyCompanies.contract.create')}</Button>}
    >
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <Table<Compound>
        rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('propertyCompanies.compound.name'), dataIndex: 'name' },
          { title: t('propertyCompanies.compound.community'), dataIndex: 'communityName' },
          {
            title: t('propertyCompanies.compound.company'), render: (_, g) => (g.contract
              ? <Link to={`/property/companies/${g.contract.companyId}`}>{g.contract.companyName}</Link>
              : <Space size={4}><Tag>{t('propertyCompanies.compound.none')}</Tag>{g.reselectTo && <Tag color="magenta">{t(`propertyCompanies.reselectTo.${g.reselectTo}`)}</Tag>}</Space>),
          },
          { title: t('propertyCompanies.contract.period'), render: (_, g) => (g.contract ? `${g.contract.startsOn} ~ ${g.contract.endsOn}` : '-') },
          { title: t('propertyCompanies.contract.levelCol'), render: (_, g) => (g.contract ? t('propertyCompanies.contract.level', { level: g.contract.serviceLevel }) : '-') },
          { title: t('propertyCompanies.contract.fee'), align: 'right', render: (_, g) => (g.contract ? g.contract.feePerM2.toFixed(2) : '-') },
          {
            title: '', key: 'act', render: (_, g) => keeps && (g.contract
              ? <Button size="small" onClick={() => setEnding(g)}>{t('propertyCompanies.contract.end')}</Button>
              : <Button size="small" type="link" onClick={() => setStarting(g)}>{t('propertyCompanies.contract.create')}</Button>),
          },
        ]}
      />
      <FormModal open={!!starting} title={t('propertyCompanies.contract.create')} form={form} onClose={() => setStarting(null)} width={560}
        initialValues={{ serviceLevel: '3', feePerM2: 1.0, compoundId: starting && starting !== 'any' ? starting.id : undefined }}
        onSubmit={async (v) => {
          await api.startContract({
            companyId: v.companyId, compoundId: v.compoundId, startsOn: v.period[0].format('YYYY-MM-DD'), endsOn: v.period[1].format('YYYY-MM-DD'),
            feePerM2: v.feePerM2, serviceLevel: v.serviceLevel, serviceStandard: v.serviceStandard || undefined,
          });
          onChange();
        }}>
        <Form.Item name="compoundId" label={t('propertyCompanies.compound.name')} rules={[{ required: true }]}><OrgSearchSelect kind="grid" /></Form.Item>
        <Form.Item name="companyId" label={t('propertyCompanies.company.name')} rules={[{ required: true }]}><CompanySelect /></Form.Item>
        <Form.Item name="period" label={t('propertyCompanies.contract.period')} rules={[{ required: true }]}><DatePicker.RangePicker /></Form.Item>
        <Space>
          <Form.Item name="feePerM2" label={t('propertyCompanies.contract.fee')} rules={[{ required: true }]}><InputNumber min={0} max={100} step={0.05} precision={2} /></Form.Item>
          <Form.Item name="serviceLevel" label={t('propertyCompanies.contract.levelCol')} rules={[{ required: true }]}>
            <Select style={{ width: 140 }} options={api.SERVICE_LEVELS.map((l) => ({ value: l, label: t('propertyCompanies.contract.level', { level: l }) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="serviceStandard" label={t('propertyCompanies.contract.standard')}><Input maxLength={200} /></Form.Item>
      </FormModal>
      <FormModal open={!!ending} title={t('propertyCompanies.contract.endTitle', { compound: ending?.name ?? '', company: ending?.contract?.companyName ?? '' })} form={endForm}
        onClose={() => setEnding(null)} initialValues={{ status: 'terminated' }} danger
        onSubmit={async (v) => { await api.endContract(ending!.contract!.id, v); onChange(); }}>
        <Form.Item name="status" label={t('propertyCompanies.contract.endKind')} rules={[{ required: true }]}>
          <Select options={(['ended', 'terminated'] as const).map((s) => ({ value: s, label: t(`propertyCompanies.contractStatus.${s}`) }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('propertyCompanies.sanction.reason')} rules={[{ required: true, whitespace: true, min: 2 }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      </FormModal>
    </Card>
  );
}

function SanctionsTab({ tick, onChange }: { tick: number; onChange: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [page, setPage] = useState(1);
  const [kind, setKind] = useState<api.SanctionKind | undefined>();
  const list = useLoad(`${tick}|${page}|${kind}`, () => api.listSanctions({ kind, page, pageSize: 20 }), t('error.unknown'));
  const [open, setOpen] = useState(false);
  return (
    <Card
      size="small"
      title={<Select allowClear placeholder={t('propertyCompanies.sanction.kind')} style={{ width: 160 }} value={kind} onChange={(v) => { setKind(v); setPage(1); }}
        options={api.SANCTION_KINDS.map((k) => ({ value: k, label: t(`propertyCompanies.kind.${k}`) }))} />}
      extra={can('property.sanction') && <Button type="primary" danger onClick={() => setOpen(true)}>{t('propertyCompanies.sanction.decide')}</Button>}
    >
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <SanctionsTable items={list.data?.items ?? []} total={list.data?.total ?? 0} page={page} onPage={setPage} loading={list.loading} onChange={onChange} />
      <DecideSanctionModal open={open} onClose={() => setOpen(false)} onDone={onChange} />
    </Card>
  );
}
