import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, InputNumber, DatePicker, Rate, Row, Select, Space, Statistic, Table, Tabs, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../components/auth-provider.js';
import { EChart } from '../../components/echart.js';
import { formatDateTime } from '../../components/format.js';
import { FormModal } from '../../components/form-modal.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { readInt, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/volunteers-api.js';
import type { Activity, Overview, Project, Volunteer, VolunteerOrg } from '../../services/volunteers-api.js';

const PAGE = { page: 1, pageSize: 50 };

/** 志愿吕梁: the overview of a community, street or county, and its organisations, volunteers, projects and activities. */
export default function VolunteersPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const manage = can('volunteers.manage');
  const { params, update } = useUrlState();
  const orgId = readInt(params, 'orgId', 0) || undefined;
  const tab = params.get('tab') ?? 'activities';
  const [tick, setTick] = useState(0);
  const reload = () => setTick((n) => n + 1);
  const key = `${orgId}|${tick}`;
  const overview = useLoad(key, () => api.getOverview(orgId), t('error.unknown'));
  const orgs = useLoad(key, () => api.listOrgs({ orgId, ...PAGE }), t('error.unknown'));
  const o = overview.data;

  return (
    <div>
      <PageHeader
        title={t('nav.volunteers')}
        description={t('volunteers.description')}
        extra={<OrgTreeSelect aria-label={t('volunteers.place')} placeholder={t('volunteers.place')} style={{ width: 240 }} value={orgId} onChange={(id) => update({ orgId: id })} />}
      />
      {overview.error && <Alert type="error" showIcon title={overview.error} className="page-alert" />}
      <OverviewCards o={o ?? null} loading={overview.loading} />
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k })}
        items={[
          { key: 'activities', label: t('volunteers.tabs.activities'), children: <ActivitiesTab orgId={orgId} manage={manage} reloadKey={key} onChange={reload} orgs={orgs.data?.items ?? []} /> },
          { key: 'volunteers', label: t('volunteers.tabs.volunteers'), children: <VolunteersTab orgId={orgId} manage={manage} reloadKey={key} onChange={reload} orgs={orgs.data?.items ?? []} /> },
          { key: 'orgs', label: t('volunteers.tabs.orgs'), children: <OrgsTab orgs={orgs.data?.items ?? []} loading={orgs.loading} manage={manage} onChange={reload} /> },
          { key: 'projects', label: t('volunteers.tabs.projects'), children: <ProjectsTab orgId={orgId} manage={manage} reloadKey={key} onChange={reload} orgs={orgs.data?.items ?? []} /> },
        ]}
      />
    </div>
  );
}

function OverviewCards({ o, loading }: { o: Overview | null; loading: boolean }) {
  const { t } = useTranslation();
  const months = useMemo(() => (o && o.months.length ? {
    color: ['#c8161d'], tooltip: { trigger: 'axis' }, grid: { left: 48, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: o.months.map((m) => m.month) }, yAxis: { type: 'value', name: t('volunteers.hoursUnit') },
    series: [{ name: t('volunteers.kpi.hours'), type: 'bar', barMaxWidth: 24, data: o.months.map((m) => m.hours) }],
  } : null), [o, t]);
  const stars = useMemo(() => (o ? {
    color: ['#faad14'], tooltip: { trigger: 'axis' }, grid: { left: 40, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: o.stars.map((s) => '★'.repeat(s.stars)) }, yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: t('volunteers.kpi.volunteers'), type: 'bar', barMaxWidth: 32, data: o.stars.map((s) => s.volunteers) }],
  } : null), [o, t]);
  const kpis: [string, number | undefined][] = [
    ['orgs', o?.orgs], ['volunteers', o?.volunteers], ['hours', o?.hours], ['activities', o?.activities], ['served', o?.served],
  ];
  return (
    <>
      <Row gutter={[16, 16]} className="rates-kpis">
        {kpis.map(([k, v]) => (
          <Col flex="1 1 160px" key={k}>
            <Card size="small" data-testid={`volunteers-kpi-${k}`}><Statistic title={t(`volunteers.kpi.${k as 'orgs'}`)} value={v ?? '-'} loading={loading && !o} /></Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} className="rates-card">
        <Col xs={24} lg={14}>
          <Card size="small" title={t('volunteers.chart.months')}>
            {months ? <EChart option={months} height={220} ariaLabel={t('volunteers.chart.months')} /> : <Alert type="info" title={t('volunteers.chart.none')} />}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('volunteers.chart.stars')}>
            {stars && <EChart option={stars} height={220} ariaLabel={t('volunteers.chart.stars')} testId="volunteers-stars-chart" />}
          </Card>
        </Col>
      </Row>
    </>
  );
}

const statusColor: Record<api.ActivityStatus, string> = { open: 'blue', confirmed: 'green', cancelled: 'default' };

function ActivitiesTab({ orgId, manage, reloadKey, onChange, orgs }: { orgId?: number; manage: boolean; reloadKey: string; onChange: () => void; orgs: VolunteerOrg[] }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useLoad(`${reloadKey}|${page}`, () => api.listActivities({ orgId, page, pageSize: 20 }), t('error.unknown'));
  const projects = useLoad(reloadKey, () => api.listProjects({ orgId, ...PAGE }), t('error.unknown'));
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ projectId: number; placeId: number; title: string; address?: string; range: [Dayjs, Dayjs]; capacity: number }>();
  return (
    <Card size="small" extra={manage && <Button type="primary" onClick={() => setOpen(true)} disabled={!orgs.length}>{t('volunteers.activity.create')}</Button>}>
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <Table<Activity>
        rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('volunteers.activity.title'), dataIndex: 'title', render: (v: string, a) => <Link to={`/volunteers/activities/${a.id}`}>{v}</Link> },
          { title: t('volunteers.activity.project'), dataIndex: 'projectName' },
          { title: t('volunteers.activity.org'), dataIndex: 'orgName' },
          { title: t('volunteers.activity.place'), render: (_, a) => `${a.placeName}${a.address ? ` ${a.address}` : ''}` },
          { title: t('volunteers.activity.time'), render: (_, a) => `${formatDateTime(a.startsAt)} – ${dayjs(a.endsAt).format('HH:mm')}` },
          { title: t('volunteers.activity.signedUp'), align: 'right', render: (_, a) => `${a.signedUp} / ${a.capacity}` },
          { title: t('volunteers.activity.served'), dataIndex: 'served', align: 'right' },
          { title: t('volunteers.activity.status'), dataIndex: 'status', render: (s: api.ActivityStatus) => <Tag color={statusColor[s]}>{t(`volunteers.status.${s}`)}</Tag> },
        ]}
      />
      <FormModal
        open={open} title={t('volunteers.activity.create')} form={form} onClose={() => setOpen(false)}
        initialValues={{ capacity: 20 }}
        onSubmit={async (v) => {
          await api.createActivity({
            projectId: v.projectId, placeId: v.placeId, title: v.title, address: v.address, capacity: v.capacity,
            startsAt: v.range[0].toISOString(), endsAt: v.range[1].toISOString(),
          });
          onChange();
        }}
      >
        <Form.Item name="projectId" label={t('volunteers.activity.project')} rules={[{ required: true }]}>
          <Select options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: t('volunteers.project.option', { name: p.name, org: p.orgName }) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('volunteers.activity.title')} rules={[{ required: true, whitespace: true }]}><Input maxLength={80} /></Form.Item>
        <Form.Item name="placeId" label={t('volunteers.activity.place')} rules={[{ required: true }]}><OrgTreeSelect placeholder={t('volunteers.activity.placeHint')} /></Form.Item>
        <Form.Item name="address" label={t('volunteers.activity.address')}><Input maxLength={120} /></Form.Item>
        <Form.Item name="range" label={t('volunteers.activity.time')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="capacity" label={t('volunteers.activity.capacity')} rules={[{ required: true }]}><InputNumber min={1} max={10000} /></Form.Item>
      </FormModal>
    </Card>
  );
}

function VolunteersTab({ orgId, manage, reloadKey, onChange, orgs }: { orgId?: number; manage: boolean; reloadKey: string; onChange: () => void; orgs: VolunteerOrg[] }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [volunteerOrgId, setVolunteerOrgId] = useState<number | undefined>();
  const list = useLoad(`${reloadKey}|${page}|${q}|${volunteerOrgId}`, () => api.listVolunteers({ orgId, q: q || undefined, volunteerOrgId, page, pageSize: 20 }), t('error.unknown'));
  const [open, setOpen] = useState(false);
  const [joining, setJoining] = useState<Volunteer | null>(null);
  const [form] = Form.useForm<{ orgId: number; name: string; phone: string; volunteerOrgId?: number }>();
  const [joinForm] = Form.useForm<{ volunteerOrgId: number }>();
  const orgOptions = orgs.map((o) => ({ value: o.id, label: o.name }));
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <Input.Search allowClear placeholder={t('volunteers.volunteer.search')} onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ width: 200 }} />
          <Select allowClear placeholder={t('volunteers.volunteer.org')} style={{ width: 220 }} value={volunteerOrgId} onChange={(v) => { setVolunteerOrgId(v); setPage(1); }} options={orgOptions} />
        </Space>
      }
      extra={manage && <Button type="primary" onClick={() => setOpen(true)}>{t('volunteers.volunteer.create')}</Button>}
    >
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <Table<Volunteer>
        rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('volunteers.volunteer.name'), dataIndex: 'name' },
          { title: t('volunteers.volunteer.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '-' },
          { title: t('volunteers.volunteer.community'), dataIndex: 'communityName' },
          { title: t('volunteers.volunteer.orgs'), render: (_, v) => v.orgs.map((o) => <Tag key={o.id}>{o.name}</Tag>) },
          { title: t('volunteers.volunteer.hours'), dataIndex: 'hours', align: 'right' },
          { title: t('volunteers.volunteer.stars'), dataIndex: 'stars', render: (s: number) => <Rate disabled count={5} value={s} style={{ fontSize: 14 }} /> },
          { title: t('volunteers.volunteer.points'), dataIndex: 'points', align: 'right' },
          ...(manage ? [{ title: '', key: 'join', render: (_: unknown, v: Volunteer) => <Button size="small" onClick={() => setJoining(v)}>{t('volunteers.volunteer.join')}</Button> }] : []),
        ]}
      />
      <FormModal open={open} title={t('volunteers.volunteer.create')} form={form} onClose={() => setOpen(false)}
        onSubmit={async (v) => { await api.registerVolunteer(v); onChange(); }}>
        <Form.Item name="name" label={t('volunteers.volunteer.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={60} /></Form.Item>
        <Form.Item name="phone" label={t('volunteers.volunteer.phone')} rules={[{ required: true, pattern: /^1\d{10}$/, message: t('volunteers.volunteer.phoneHint') }]}><Input maxLength={11} inputMode="numeric" /></Form.Item>
        <Form.Item name="orgId" label={t('volunteers.volunteer.community')} rules={[{ required: true }]}><OrgTreeSelect /></Form.Item>
        <Form.Item name="volunteerOrgId" label={t('volunteers.volunteer.org')}><Select allowClear options={orgOptions} /></Form.Item>
      </FormModal>
      <FormModal open={!!joining} title={t('volunteers.volunteer.joinTitle', { name: joining?.name ?? '' })} form={joinForm} onClose={() => setJoining(null)}
        onSubmit={async (v) => { await api.addMember(v.volunteerOrgId, joining!.id); onChange(); }}>
        <Form.Item name="volunteerOrgId" label={t('volunteers.volunteer.org')} rules={[{ required: true }]}><Select options={orgOptions} /></Form.Item>
      </FormModal>
    </Card>
  );
}

function OrgsTab({ orgs, loading, manage, onChange }: { orgs: VolunteerOrg[]; loading: boolean; manage: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const mayRegister = manage && me?.role !== 'volunteer_org';
  const [open, setOpen] = useState(false);
  const [admins, setAdmins] = useState<Record<number, api.OrgAdmin[]>>({});
  const [form] = Form.useForm<{ orgId: number; name: string; kind: api.VolunteerOrgKind; contactName: string; phone?: string }>();
  return (
    <Card size="small" extra={mayRegister && <Button type="primary" onClick={() => setOpen(true)}>{t('volunteers.org.create')}</Button>}>
      <Table<VolunteerOrg>
        rowKey="id" size="small" loading={loading} dataSource={orgs} pagination={false}
        expandable={{
          onExpand: (expanded, o) => { if (expanded && !admins[o.id]) void api.listOrgAdmins(o.id).then((a) => setAdmins((m) => ({ ...m, [o.id]: a }))); },
          expandedRowRender: (o) => (
            <span>{t('volunteers.org.adminList', { list: (admins[o.id] ?? []).map((a) => t('volunteers.org.admin', { name: a.displayName, username: a.username })).join(t('volunteers.org.separator')) || t('volunteers.org.noAdmins') })}</span>
          ),
        }}
        columns={[
          { title: t('volunteers.org.name'), dataIndex: 'name' },
          { title: t('volunteers.org.kind'), dataIndex: 'kind', render: (k: api.VolunteerOrgKind) => t(`volunteers.orgKind.${k}`) },
          { title: t('volunteers.org.place'), dataIndex: 'placeName' },
          { title: t('volunteers.org.contact'), render: (_, o) => `${o.contactName}${o.phone ? ` ${o.phone}` : ''}` },
          { title: t('volunteers.org.members'), dataIndex: 'members', align: 'right' },
          { title: t('volunteers.org.projects'), dataIndex: 'projects', align: 'right' },
          { title: t('volunteers.org.admins'), dataIndex: 'admins', align: 'right' },
        ]}
      />
      <FormModal open={open} title={t('volunteers.org.create')} form={form} onClose={() => setOpen(false)} initialValues={{ kind: 'community_team' }}
        onSubmit={async (v) => { await api.createOrg(v); onChange(); }}>
        <Form.Item name="name" label={t('volunteers.org.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={60} /></Form.Item>
        <Form.Item name="kind" label={t('volunteers.org.kind')} rules={[{ required: true }]}>
          <Select options={api.VOLUNTEER_ORG_KINDS.map((k) => ({ value: k, label: t(`volunteers.orgKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="orgId" label={t('volunteers.org.place')} rules={[{ required: true }]}><OrgTreeSelect /></Form.Item>
        <Form.Item name="contactName" label={t('volunteers.org.contactName')} rules={[{ required: true, whitespace: true }]}><Input maxLength={30} /></Form.Item>
        <Form.Item name="phone" label={t('volunteers.org.phone')} rules={[{ pattern: /^1\d{10}$/, message: t('volunteers.volunteer.phoneHint') }]}><Input maxLength={11} /></Form.Item>
      </FormModal>
    </Card>
  );
}

function ProjectsTab({ orgId, manage, reloadKey, onChange, orgs }: { orgId?: number; manage: boolean; reloadKey: string; onChange: () => void; orgs: VolunteerOrg[] }) {
  const { t } = useTranslation();
  const list = useLoad(reloadKey, () => api.listProjects({ orgId, ...PAGE }), t('error.unknown'));
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ volunteerOrgId: number; name: string; description?: string }>();
  return (
    <Card size="small" extra={manage && <Button type="primary" onClick={() => setOpen(true)} disabled={!orgs.length}>{t('volunteers.project.create')}</Button>}>
      <Table<Project>
        rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []} pagination={false}
        columns={[
          { title: t('volunteers.project.name'), dataIndex: 'name' },
          { title: t('volunteers.activity.org'), dataIndex: 'orgName' },
          { title: t('volunteers.project.description'), dataIndex: 'description' },
          { title: t('volunteers.kpi.activities'), dataIndex: 'activities', align: 'right' },
        ]}
      />
      <FormModal open={open} title={t('volunteers.project.create')} form={form} onClose={() => setOpen(false)}
        onSubmit={async (v) => { await api.createProject(v); onChange(); }}>
        <Form.Item name="volunteerOrgId" label={t('volunteers.activity.org')} rules={[{ required: true }]}>
          <Select options={orgs.map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
        <Form.Item name="name" label={t('volunteers.project.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={60} placeholder={t('volunteers.project.nameHint')} /></Form.Item>
        <Form.Item name="description" label={t('volunteers.project.description')}><Input.TextArea maxLength={500} rows={3} /></Form.Item>
      </FormModal>
    </Card>
  );
}
