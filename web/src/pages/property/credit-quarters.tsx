import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, Modal, Radio, Row, Select, Space, Statistic, Table, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../components/auth-provider.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { EChart } from '../../components/echart.js';
import { errorMessage } from '../../components/form-errors.js';
import { formatDateTime } from '../../components/format.js';
import { FormModal } from '../../components/form-modal.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { readInt, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/property-credit-api.js';
import type { CompanyScore, CompoundScore, Objection, QuarterDetail } from '../../services/property-credit-api.js';
import { CompanySelect } from './company-parts.js';
import { Breakdown, ListTag } from './credit-parts.js';

/** The last few quarters a county may score: the running one and the four before it. */
function recentQuarters(current: string) {
  const out = [current];
  let [y, q] = [Number(current.slice(0, 4)), Number(current.slice(6))];
  for (let i = 0; i < 4; i++) {
    q -= 1;
    if (q === 0) { q = 4; y -= 1; }
    out.push(`${y}-Q${q}`);
  }
  return out;
}

/** 信用评价与红黑榜: a county's quarters — score, look at the breakdown and distribution, publish the list, decide objections. */
export default function CreditQuartersPage() {
  const { t } = useTranslation();
  const { can, me } = useAuth();
  const county = can('property.credit');
  const { params, update } = useUrlState();
  // The city picks a county; a county, street or community works in its own.
  const countyId = readInt(params, 'countyId', 0) || undefined;
  const cityWide = me?.role === 'city_admin';
  const [tick, setTick] = useState(0);
  const reload = () => setTick((n) => n + 1);
  const quarters = useLoad(cityWide && !countyId ? null : `q|${countyId}|${tick}`, () => api.listQuarters(countyId), t('error.unknown'));
  const chosen = params.get('quarter') ?? quarters.data?.items[0]?.quarter ?? null;
  const scored = quarters.data?.items.some((x) => x.quarter === chosen) ?? false;
  const detail = useLoad(chosen && scored ? `${chosen}|${countyId}|${tick}` : null, () => api.getQuarter(chosen!, countyId), t('error.unknown'));
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [incident, setIncident] = useState(false);
  const options = useMemo(() => {
    if (!quarters.data) return [];
    const all = new Set([...recentQuarters(quarters.data.current), ...quarters.data.items.map((x) => x.quarter)]);
    return [...all].sort().reverse().map((q) => {
      const s = quarters.data!.items.find((x) => x.quarter === q);
      return { value: q, label: `${q} · ${t(`propertyCredit.quarterStatus.${s?.status ?? 'none'}`)}` };
    });
  }, [quarters.data, t]);

  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setActionError(null);
    try {
      await fn();
      reload();
    } catch (e) {
      setActionError(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };
  const d = detail.data;

  return (
    <div>
      <PageHeader
        title={quarters.data ? `${t('nav.propertyCredit')} · ${quarters.data.countyName}` : t('nav.propertyCredit')}
        description={<Space wrap>{t('propertyCredit.description')}<Link to="/property/credit/schemes">{t('nav.propertyCreditSchemes')}</Link><a href="/public/property-list" target="_blank" rel="noreferrer">{t('propertyCredit.publicLink')}</a></Space>}
        extra={
          <Space wrap>
            {cityWide && <OrgTreeSelect aria-label={t('propertyCredit.county')} placeholder={t('propertyCredit.county')} style={{ width: 200 }} value={countyId} onChange={(id) => update({ countyId: id, quarter: undefined })} />}
            <Select aria-label={t('propertyCredit.quarter')} style={{ width: 200 }} value={chosen ?? undefined} options={options} onChange={(q) => update({ quarter: q })} />
            {county && chosen && d?.status !== 'published' && (
              <Button type="primary" loading={busy} onClick={() => void act(() => api.scoreQuarter(chosen))}>{scored ? t('propertyCredit.rescore') : t('propertyCredit.score')}</Button>
            )}
            {county && chosen && d?.status === 'scored' && (
              <Button danger loading={busy} onClick={() => Modal.confirm({
                title: t('propertyCredit.publishConfirm', { quarter: chosen }), content: t('propertyCredit.publishHint'), okText: t('propertyCredit.publish'),
                onOk: () => act(() => api.publishQuarter(chosen)),
              })}>{t('propertyCredit.publish')}</Button>
            )}
            {county && chosen && d?.status !== 'published' && <Button onClick={() => setIncident(true)}>{t('propertyCredit.incident.record')}</Button>}
          </Space>
        }
      />
      {(quarters.error || detail.error || actionError) && <Alert type="error" showIcon title={quarters.error ?? detail.error ?? actionError} className="page-alert" />}
      {chosen && quarters.data && !scored && <Alert type="info" showIcon title={t('propertyCredit.notScored', { quarter: chosen })} className="page-alert" />}
      {busy && <Alert type="info" showIcon title={t('propertyCredit.scoring')} className="page-alert" />}
      {cityWide && !countyId && <Alert type="info" showIcon title={t('propertyCredit.chooseCounty')} className="page-alert" />}
      {d && <QuarterView d={d} tick={tick} onChange={reload} county={county} countyId={countyId} />}
      {chosen && (
        <IncidentModal open={incident} quarter={chosen} onClose={() => setIncident(false)} onDone={reload} />
      )}
    </div>
  );
}

function QuarterView({ d, tick, onChange, county, countyId }: { d: QuarterDetail; tick: number; onChange: () => void; county: boolean; countyId?: number }) {
  const { t } = useTranslation();
  const chart = useMemo(() => ({
    color: ['#c8161d', '#8c8c8c'], tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 16, top: 32, bottom: 32 },
    xAxis: { type: 'category', data: d.histogram.map((b) => (b.from === 90 ? '90–100' : `${b.from}–${b.from + 9}`)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('propertyCredit.compounds'), type: 'bar', barMaxWidth: 28, data: d.histogram.map((b) => b.compounds) },
      { name: t('propertyCredit.companies'), type: 'bar', barMaxWidth: 28, data: d.histogram.map((b) => b.companies) },
    ],
  }), [d, t]);
  return (
    <>
      <Row gutter={[16, 16]} className="rates-kpis">
        <Col flex="1 1 150px"><Card size="small"><Statistic title={t('propertyCredit.status')} valueRender={() => <Tag color={d.status === 'published' ? 'green' : 'blue'}>{t(`propertyCredit.quarterStatus.${d.status}`)}</Tag>} /></Card></Col>
        <Col flex="1 1 150px"><Card size="small"><Statistic title={t('propertyCredit.companies')} value={d.companies} /></Card></Col>
        <Col flex="1 1 150px"><Card size="small"><Statistic title={t('propertyCredit.compounds')} value={d.compounds} /></Card></Col>
        <Col flex="1 1 150px"><Card size="small" data-testid="credit-red"><Statistic title={t('propertyCredit.list.red')} value={d.red} /></Card></Col>
        <Col flex="1 1 150px"><Card size="small" data-testid="credit-black"><Statistic title={t('propertyCredit.list.black')} value={d.black} /></Card></Col>
        <Col flex="1 1 150px"><Card size="small"><Statistic title={t('propertyCredit.pendingObjections')} value={d.pendingObjections} /></Card></Col>
      </Row>
      <Card size="small" className="rates-card">
        <Space wrap split="·">
          <span>{t('propertyCredit.schemeUsed', { name: d.scheme.name, version: d.scheme.version })}</span>
          <span>{t('propertyCredit.scoredAt', { at: formatDateTime(d.scoredAt), ms: d.scoringMs ?? '-' })}</span>
          {d.publishedAt && <span>{t('propertyCredit.publishedAt', { at: formatDateTime(d.publishedAt), until: d.objectionUntil })}</span>}
          <span>{t('propertyCredit.rule', { top: d.scheme.redTopN ?? '-', red: d.scheme.redThreshold ?? '-', black: d.scheme.blackThreshold })}</span>
        </Space>
        {d.incidents.length > 0 && (
          <div style={{ marginTop: 8 }}>
            {d.incidents.map((i) => <div key={i.id}><Tag color="black">{t('propertyCredit.incident.tag')}</Tag>{i.companyName}：{i.reason}</div>)}
          </div>
        )}
      </Card>
      <Card title={t('propertyCredit.distribution')} className="rates-card">
        <EChart option={chart} height={260} resetKey={d.quarter} ariaLabel={t('propertyCredit.distribution')} testId="credit-distribution" />
      </Card>
      <Tabs
        defaultActiveKey="companies"
        items={[
          { key: 'companies', label: t('propertyCredit.tabs.companies'), children: <CompaniesTable quarter={d.quarter} tick={tick} countyId={countyId} /> },
          { key: 'compounds', label: t('propertyCredit.tabs.compounds'), children: <CompoundsTable quarter={d.quarter} tick={tick} countyId={countyId} /> },
          { key: 'objections', label: t('propertyCredit.tabs.objections'), children: <ObjectionsTable tick={tick} onChange={onChange} county={county} /> },
        ]}
      />
    </>
  );
}

function CompaniesTable({ quarter, tick, countyId }: { quarter: string; tick: number; countyId?: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [list, setList] = useState<'red' | 'black' | 'none' | undefined>(undefined);
  const rows = useLoad(`${quarter}|${page}|${list}|${countyId}|${tick}`, () => api.companyScores(quarter, { page, pageSize: 20, list, countyId }), t('error.unknown'));
  return (
    <>
      <Radio.Group value={list ?? 'all'} onChange={(e) => { setPage(1); setList(e.target.value === 'all' ? undefined : e.target.value); }} style={{ marginBottom: 12 }}>
        <Radio.Button value="all">{t('propertyCredit.all')}</Radio.Button>
        <Radio.Button value="red">{t('propertyCredit.list.red')}</Radio.Button>
        <Radio.Button value="black">{t('propertyCredit.list.black')}</Radio.Button>
        <Radio.Button value="none">{t('propertyCredit.list.none')}</Radio.Button>
      </Radio.Group>
      {rows.error && <Alert type="error" showIcon title={rows.error} />}
      <Table<CompanyScore>
        rowKey="companyId" size="small" loading={rows.loading} dataSource={rows.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: rows.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('propertyCredit.rank'), dataIndex: 'rank', width: 70 },
          { title: t('propertyCredit.company'), dataIndex: 'companyName', render: (v: string, r) => <Link to={`/property/companies/${r.companyId}`}>{v}</Link> },
          { title: t('propertyCredit.scoreCol'), dataIndex: 'score', align: 'right', render: (v: number) => v.toFixed(2) },
          { title: t('propertyCredit.compounds'), dataIndex: 'compounds', align: 'right' },
          { title: t('propertyCredit.households'), dataIndex: 'households', align: 'right' },
          { title: t('propertyCredit.listCol'), key: 'list', render: (_, r) => <ListTag list={r.list} reason={r.listReason} correction={r.correction} /> },
        ]}
      />
    </>
  );
}

function CompoundsTable({ quarter, tick, companyId, countyId }: { quarter: string; tick: number; companyId?: number; countyId?: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const rows = useLoad(`${quarter}|${page}|${companyId}|${countyId}|${tick}`, () => api.compoundScores(quarter, { page, pageSize: 20, companyId, countyId }), t('error.unknown'));
  return (
    <>
      {rows.error && <Alert type="error" showIcon title={rows.error} />}
      <Table<CompoundScore>
        rowKey="compoundId" size="small" loading={rows.loading} dataSource={rows.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: rows.data?.total ?? 0, onChange: setPage }}
        expandable={{ expandedRowRender: (r) => <Breakdown parts={r.parts} /> }}
        columns={[
          { title: t('propertyCredit.compound'), dataIndex: 'compoundName' },
          { title: t('propertyCredit.company'), dataIndex: 'companyName' },
          { title: t('propertyCredit.households'), dataIndex: 'households', align: 'right' },
          { title: t('propertyCredit.scoreCol'), dataIndex: 'score', align: 'right', render: (v: number) => v.toFixed(2) },
        ]}
      />
    </>
  );
}
export { CompoundsTable };

function ObjectionsTable({ tick, onChange, county }: { tick: number; onChange: () => void; county: boolean }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const rows = useLoad(`${page}|${tick}`, () => api.listObjections({ page, pageSize: 20 }), t('error.unknown'));
  const [deciding, setDeciding] = useState<Objection | null>(null);
  return (
    <>
      {rows.error && <Alert type="error" showIcon title={rows.error} />}
      <Table<Objection>
        rowKey="id" size="small" loading={rows.loading} dataSource={rows.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: rows.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('propertyCredit.quarter'), dataIndex: 'quarter', width: 90 },
          { title: t('propertyCredit.company'), dataIndex: 'companyName' },
          { title: t('propertyCredit.listCol'), key: 'list', render: (_, r) => <ListTag list={r.list} reason={null} correction={r.correction} /> },
          { title: t('propertyCredit.objection.reason'), dataIndex: 'reason' },
          { title: t('propertyCredit.objection.filedAt'), dataIndex: 'filedAt', render: (v: string) => formatDateTime(v) },
          { title: t('propertyCredit.objection.status'), key: 'status', render: (_, r) => (
            <Space direction="vertical" size={0}>
              <Tag color={r.status === 'pending' ? 'orange' : r.status === 'upheld' ? 'green' : 'default'}>{t(`propertyCredit.objection.${r.status}`)}</Tag>
              {r.decisionReason && <span>{r.decisionReason}</span>}
            </Space>
          ) },
          { title: '', key: 'op', render: (_, r) => county && r.status === 'pending' && <Button size="small" onClick={() => setDeciding(r)}>{t('propertyCredit.objection.decide')}</Button> },
        ]}
      />
      {deciding && <DecideModal objection={deciding} onClose={() => setDeciding(null)} onDone={onChange} />}
    </>
  );
}

function DecideModal({ objection, onClose, onDone }: { objection: Objection; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ decision: 'upheld' | 'rejected'; reason: string; listAfter?: 'red' | 'black' | 'none' }>();
  const decision = Form.useWatch('decision', form);
  return (
    <FormModal
      open title={t('propertyCredit.objection.decideTitle', { company: objection.companyName })} form={form} onClose={onClose}
      intro={<Alert type="info" showIcon title={objection.reason} style={{ marginBottom: 12 }} />}
      initialValues={{ decision: 'rejected' }}
      onSubmit={async (v) => { await api.decideObjection(objection.id, v); onDone(); }}
    >
      <Form.Item name="decision" label={t('propertyCredit.objection.decision')} rules={[{ required: true }]}>
        <Radio.Group>
          <Radio value="upheld">{t('propertyCredit.objection.upheld')}</Radio>
          <Radio value="rejected">{t('propertyCredit.objection.rejected')}</Radio>
        </Radio.Group>
      </Form.Item>
      {decision === 'upheld' && (
        <Form.Item name="listAfter" label={t('propertyCredit.objection.listAfter')} rules={[{ required: true, message: t('propertyCredit.objection.listAfterRequired') }]}>
          <Select options={(['red', 'none', 'black'] as const).map((k) => ({ value: k, label: t(`propertyCredit.list.${k}`) }))} />
        </Form.Item>
      )}
      <Form.Item name="reason" label={t('propertyCredit.objection.decisionReason')} rules={[{ required: true, min: 2, message: t('propertyCredit.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

function IncidentModal({ open, quarter, onClose, onDone }: { open: boolean; quarter: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ companyId: number; reason: string }>();
  return (
    <FormModal
      open={open} title={t('propertyCredit.incident.title', { quarter })} form={form} onClose={onClose}
      intro={<Alert type="warning" showIcon title={t('propertyCredit.incident.hint')} style={{ marginBottom: 12 }} />}
      onSubmit={async (v) => { await api.recordIncident({ ...v, quarter }); onDone(); }}
    >
      <Form.Item name="companyId" label={t('propertyCredit.company')} rules={[{ required: true }]}>
        <CompanySelect />
      </Form.Item>
      <Form.Item name="reason" label={t('propertyCredit.incident.reason')} rules={[{ required: true, min: 2, message: t('propertyCredit.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
