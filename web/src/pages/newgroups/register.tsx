import { useState } from 'react';
import { Alert, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, message } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth, useMe } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import { formatDateTime } from '../../components/format.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/newgroups-register-api.js';
import { CloseWithReason } from './close-with-reason.js';

const P = 'newgroupsRegister';
const PLATFORM_KINDS = ['delivery', 'express', 'ride_hailing', 'freight'] as const;
const WORKER_KINDS = ['courier', 'rider', 'driver'] as const;
const PARTY = ['none', 'applicant', 'member'] as const;
const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** Live rows by default; closed ones stay as history behind this filter. */
export function LifeStatusSelect({ value, onChange, kind = 'lifeStatus' }: { value: api.LifeStatus; onChange: (v: api.LifeStatus) => void; kind?: 'lifeStatus' | 'postingStatus' }) {
  const { t } = useTranslation();
  return (
    <Select value={value} onChange={onChange} style={{ width: 140 }} aria-label={t(`${P}.statusFilter`)}
      options={(['live', 'closed', 'all'] as const).map((s) => ({ value: s, label: t(`${P}.${kind}.${s}`) }))} />
  );
}

/** When and why a row was closed, for the history view. */
const closedText = (at: string | null, reason: string | null) => (at ? `${formatDateTime(at)}${reason ? ` · ${reason}` : ''}` : '');

/** A form in a modal that posts and reports the server's Chinese message on refusal. */
function FormModal<T extends object>({ title, open, onClose, onSubmit, children }: {
  title: string; open: boolean; onClose: () => void; onSubmit: (v: T) => Promise<unknown>; children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<T>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal open={open} title={title} onCancel={onClose} confirmLoading={busy} onOk={() => form.submit()} destroyOnHidden okText={t(`${P}.save`)}>
      <Form form={form} layout="vertical" preserve={false} onFinish={async (v) => {
        setBusy(true);
        try {
          await onSubmit(v);
          message.success(t(`${P}.saved`));
          onClose();
        } catch (e) {
          message.error(errorMessage(e, t('error.unknown')));
        } finally {
          setBusy(false);
        }
      }}>{children}</Form>
    </Modal>
  );
}

function useStationOptions() {
  const { t } = useTranslation();
  const s = useLoad('stations-all', () => api.listStations({ page: 1, pageSize: 200 }), t('error.unknown'));
  return (s.data?.items ?? []).filter((x) => !x.closed).map((x) => ({ value: x.id, label: `${x.name}（${x.unitName}）` }));
}

function Platforms({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const list = useLoad(`p|${page}`, () => api.listPlatforms({ page, pageSize: 20 }), t('error.unknown'));
  return (
    <>
      {canManage && me.role === 'county_admin' && <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setOpen(true)}>{t(`${P}.addPlatform`)}</Button>}
      {list.error && <Alert type="error" showIcon message={list.error} />}
      <Table<api.PlatformRow> rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t(`${P}.name`), dataIndex: 'name' },
          { title: t(`${P}.kind`), dataIndex: 'kind', render: (k: api.PlatformRow['kind']) => t(`${P}.platformKind.${k}`) },
          { title: t(`${P}.creditCode`), dataIndex: 'creditCode' },
          { title: t(`${P}.stations`), dataIndex: 'stations' },
          { title: t(`${P}.workers`), dataIndex: 'workers' },
        ]} />
      <FormModal<api.PlatformBody> title={t(`${P}.addPlatform`)} open={open} onClose={() => { setOpen(false); list.reload(); }} onSubmit={(v) => api.createPlatform({ ...v, creditCode: v.creditCode || undefined })}>
        <Form.Item name="name" label={t(`${P}.name`)} rules={[{ required: true }]}><Input maxLength={40} /></Form.Item>
        <Form.Item name="kind" label={t(`${P}.kind`)} rules={[{ required: true }]}>
          <Select options={PLATFORM_KINDS.map((k) => ({ value: k, label: t(`${P}.platformKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="creditCode" label={t(`${P}.creditCode`)}><Input maxLength={18} /></Form.Item>
      </FormModal>
    </>
  );
}

function Stations({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<api.LifeStatus>('live');
  const [open, setOpen] = useState(false);
  const list = useLoad(`s|${page}|${q}|${status}`, () => api.listStations({ page, pageSize: 20, q: q || undefined, status }), t('error.unknown'));
  const platforms = useLoad('p-all', () => api.listPlatforms({ page: 1, pageSize: 200 }), t('error.unknown'));
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        {canManage && <Button type="primary" onClick={() => setOpen(true)}>{t(`${P}.addStation`)}</Button>}
        <Input.Search allowClear placeholder={t(`${P}.searchStation`)} aria-label={t(`${P}.searchStation`)} onSearch={(v) => { setQ(v.trim()); setPage(1); }} />
        <LifeStatusSelect value={status} onChange={(v) => { setStatus(v); setPage(1); }} />
      </Space>
      {list.error && <Alert type="error" showIcon message={list.error} />}
      <Table<api.StationRow> rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t(`${P}.name`), dataIndex: 'name', render: (n: string, r) => <Link to={`/newgroups/register/stations/${r.id}`}>{n}</Link> },
          { title: t(`${P}.platform`), dataIndex: 'platformName' },
          { title: t(`${P}.unit`), dataIndex: 'unitName' },
          { title: t(`${P}.address`), dataIndex: 'address' },
          { title: t(`${P}.workers`), dataIndex: 'workers' },
          { title: t(`${P}.covered`), dataIndex: 'covered', render: (c: boolean) => c ? <Tag color="red">{t(`${P}.yes`)}</Tag> : <Tag>{t(`${P}.no`)}</Tag> },
          ...(status === 'live' ? [] : [{ title: t(`${P}.closedAtReason`), key: 'closed', render: (_: unknown, r: api.StationRow) => closedText(r.closedAt, r.closeReason) }]),
        ]} />
      <FormModal<api.StationBody> title={t(`${P}.addStation`)} open={open} onClose={() => { setOpen(false); list.reload(); }} onSubmit={(v) => api.createStation(v)}>
        <Form.Item name="platformId" label={t(`${P}.platform`)} rules={[{ required: true }]}>
          <Select aria-label={t(`${P}.platform`)} options={(platforms.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="unitId" label={t(`${P}.unit`)} rules={[{ required: true }]}><OrgTreeSelect aria-label={t(`${P}.unit`)} /></Form.Item>
        <Form.Item name="name" label={t(`${P}.name`)} rules={[{ required: true }]}><Input maxLength={60} /></Form.Item>
        <Form.Item name="address" label={t(`${P}.address`)}><Input maxLength={100} /></Form.Item>
        <Space>
          <Form.Item name="lat" label={t(`${P}.lat`)}><InputNumber min={-90} max={90} step={0.0001} /></Form.Item>
          <Form.Item name="lng" label={t(`${P}.lng`)}><InputNumber min={-180} max={180} step={0.0001} /></Form.Item>
        </Space>
        <Form.Item name="managerName" label={t(`${P}.manager`)}><Input maxLength={20} /></Form.Item>
      </FormModal>
    </>
  );
}

export function Workers({ canManage, stationId }: { canManage: boolean; stationId?: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<'active' | 'left' | 'all'>('active');
  const [open, setOpen] = useState(false);
  const list = useLoad(`w|${page}|${status}|${stationId}`, () => api.listWorkers({ page, pageSize: 20, status, stationId }), t('error.unknown'));
  const stations = useStationOptions();
  const act = async (fn: () => Promise<unknown>) => {
    try { await fn(); message.success(t(`${P}.saved`)); list.reload(); } catch (e) { message.error(errorMessage(e, t('error.unknown'))); }
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        {canManage && <Button type="primary" onClick={() => setOpen(true)}>{t(`${P}.addWorker`)}</Button>}
        <Select value={status} onChange={(v) => { setStatus(v); setPage(1); }} style={{ width: 120 }}
          options={(['active', 'left', 'all'] as const).map((s) => ({ value: s, label: t(`${P}.workerStatus.${s}`) }))} />
      </Space>
      {list.error && <Alert type="error" showIcon message={list.error} />}
      <Table<api.WorkerRow> rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t(`${P}.workerName`), dataIndex: 'name' },
          { title: t(`${P}.kind`), dataIndex: 'kind', render: (k: api.WorkerRow['kind']) => t(`${P}.workerKind.${k}`) },
          { title: t(`${P}.phone`), dataIndex: 'phoneMask' },
          { title: t(`${P}.station`), dataIndex: 'stationName' },
          { title: t(`${P}.consent`), key: 'consent', render: (_, r) => `${r.consentVersion} · ${formatDateTime(r.consentAt)}` },
          {
            title: t(`${P}.partyStatus`), dataIndex: 'partyStatus',
            render: (v: api.PartyStatus, r) => canManage && !r.leftAt
              ? <Select size="small" value={v} style={{ width: 120 }} aria-label={`${t(`${P}.partyStatus`)} ${r.name}`} onChange={(s) => act(() => api.setPartyStatus(r.id, s))}
                options={PARTY.map((p) => ({ value: p, label: t(`${P}.party.${p}`) }))} />
              : t(`${P}.party.${v}`),
          },
          {
            title: t(`${P}.left`), key: 'left',
            render: (_, r) => r.leftAt ? formatDateTime(r.leftAt)
              : canManage && <Button size="small" onClick={() => Modal.confirm({ title: `${t(`${P}.leave`)}：${r.name}`, onOk: () => act(() => api.workerLeaves(r.id)) })}>{t(`${P}.leave`)}</Button>,
          },
        ]} />
      <FormModal<api.WorkerBody> title={t(`${P}.addWorker`)} open={open} onClose={() => { setOpen(false); list.reload(); }}
        onSubmit={(v) => api.registerWorker({ ...v, stationId: v.stationId ?? stationId, consent: !!v.consent, consentVersion: list.data?.consentVersion ?? '', phone: v.phone || undefined })}>
        {!stationId && (
          <Form.Item name="stationId" label={t(`${P}.station`)} rules={[{ required: true }]}>
            <Select aria-label={t(`${P}.station`)} showSearch optionFilterProp="label" options={stations} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t(`${P}.workerName`)} rules={[{ required: true }]}><Input maxLength={20} /></Form.Item>
        <Form.Item name="kind" label={t(`${P}.kind`)} rules={[{ required: true }]}>
          <Select aria-label={t(`${P}.kind`)} options={WORKER_KINDS.map((k) => ({ value: k, label: t(`${P}.workerKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="phone" label={t(`${P}.phone`)}><Input maxLength={11} /></Form.Item>
        <Form.Item name="partyStatus" label={t(`${P}.partyStatus`)} initialValue="none">
          <Select options={PARTY.map((p) => ({ value: p, label: t(`${P}.party.${p}`) }))} />
        </Form.Item>
        <Alert type="info" style={{ marginBottom: 8 }} message={t(`${P}.consentText`, { version: list.data?.consentVersion ?? '' })} />
        <Form.Item name="consent" valuePropName="checked"><Checkbox>{t(`${P}.consentTick`)}</Checkbox></Form.Item>
      </FormModal>
    </>
  );
}

function PartyOrgs({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<api.LifeStatus>('live');
  const list = useLoad(`o|${page}|${status}`, () => api.listPartyOrgs({ page, pageSize: 20, status }), t('error.unknown'));
  const stations = useStationOptions();
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        {canManage && <Button type="primary" onClick={() => setOpen(true)}>{t(`${P}.addPartyOrg`)}</Button>}
        <LifeStatusSelect value={status} onChange={(v) => { setStatus(v); setPage(1); }} />
      </Space>
      {list.error && <Alert type="error" showIcon message={list.error} />}
      <Table<api.PartyOrgRow> rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t(`${P}.name`), dataIndex: 'name' },
          { title: t(`${P}.orgKind`), dataIndex: 'kind', render: (k: api.PartyOrgRow['kind']) => t(`${P}.partyOrgKind.${k}`) },
          { title: t(`${P}.unit`), dataIndex: 'unitName' },
          { title: t(`${P}.foundedOn`), dataIndex: 'foundedOn' },
          { title: t(`${P}.stations`), key: 'st', render: (_, r) => r.stations.map((s) => s.name).join('、') },
          { title: t(`${P}.instructors`), dataIndex: 'instructors' },
          {
            title: t(`${P}.actions`), key: 'end',
            render: (_, r) => r.closedAt ? <span><Tag>{t(`${P}.dissolved`)}</Tag>{closedText(r.closedAt, r.closeReason)}</span>
              : canManage && <CloseWithReason size="small" label={t(`${P}.dissolve`)} title={t(`${P}.dissolveTitle`, { name: r.name })} note={t(`${P}.dissolveNote`)}
                act={(reason) => api.dissolvePartyOrg(r.id, reason)} onDone={list.reload} />,
          },
        ]} />
      <FormModal<api.PartyOrgBody & { founded: Dayjs }> title={t(`${P}.addPartyOrg`)} open={open} onClose={() => { setOpen(false); list.reload(); }}
        onSubmit={({ founded, ...v }) => api.createPartyOrg({ ...v, foundedOn: day(founded) })}>
        <Form.Item name="name" label={t(`${P}.name`)} rules={[{ required: true }]}><Input maxLength={60} /></Form.Item>
        <Form.Item name="kind" label={t(`${P}.orgKind`)} rules={[{ required: true }]}>
          <Select aria-label={t(`${P}.orgKind`)} options={(['independent', 'joint'] as const).map((k) => ({ value: k, label: t(`${P}.partyOrgKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="unitId" label={t(`${P}.unit`)} rules={[{ required: true }]}><OrgTreeSelect aria-label={t(`${P}.unit`)} /></Form.Item>
        <Form.Item name="founded" label={t(`${P}.foundedOn`)} rules={[{ required: true }]}><DatePicker /></Form.Item>
        <Form.Item name="stationIds" label={t(`${P}.stations`)} rules={[{ required: true }]}>
          <Select mode="multiple" aria-label={t(`${P}.stations`)} showSearch optionFilterProp="label" options={stations} />
        </Form.Item>
      </FormModal>
    </>
  );
}

function Instructors({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<api.LifeStatus>('live');
  const list = useLoad(`i|${page}|${status}`, () => api.listInstructors({ page, pageSize: 20, status }), t('error.unknown'));
  const orgs = useLoad('o-all', () => api.listPartyOrgs({ page: 1, pageSize: 200 }), t('error.unknown'));
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        {canManage && <Button type="primary" onClick={() => setOpen(true)}>{t(`${P}.addInstructor`)}</Button>}
        <LifeStatusSelect kind="postingStatus" value={status} onChange={(v) => { setStatus(v); setPage(1); }} />
      </Space>
      {list.error && <Alert type="error" showIcon message={list.error} />}
      <Table<api.InstructorRow> rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t(`${P}.instructorName`), dataIndex: 'name' },
          { title: t(`${P}.sentBy`), dataIndex: 'sentBy' },
          { title: t(`${P}.phone`), dataIndex: 'phoneMask' },
          { title: t(`${P}.partyOrg`), dataIndex: 'partyOrgName' },
          { title: t(`${P}.sentOn`), dataIndex: 'sentOn' },
          {
            title: t(`${P}.endedOn`), key: 'end',
            render: (_, r) => r.endedOn ? `${r.endedOn}${r.endReason ? ` · ${r.endReason}` : ''}`
              : canManage && <CloseWithReason size="small" label={t(`${P}.endPosting`)} title={t(`${P}.endPostingTitle`, { name: r.name })} note={t(`${P}.endPostingNote`)}
                act={(reason) => api.endInstructor(r.id, reason)} onDone={list.reload} />,
          },
        ]} />
      <FormModal<api.InstructorBody & { sent: Dayjs }> title={t(`${P}.addInstructor`)} open={open} onClose={() => { setOpen(false); list.reload(); }}
        onSubmit={({ sent, ...v }) => api.sendInstructor({ ...v, sentOn: day(sent), phone: v.phone || undefined })}>
        <Form.Item name="partyOrgId" label={t(`${P}.partyOrg`)} rules={[{ required: true }]}>
          <Select options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
        <Form.Item name="name" label={t(`${P}.instructorName`)} rules={[{ required: true }]}><Input maxLength={20} /></Form.Item>
        <Form.Item name="sentBy" label={t(`${P}.sentBy`)} rules={[{ required: true }]}><Input maxLength={60} /></Form.Item>
        <Form.Item name="phone" label={t(`${P}.phone`)}><Input maxLength={11} /></Form.Item>
        <Form.Item name="sent" label={t(`${P}.sentOn`)} rules={[{ required: true }]}><DatePicker /></Form.Item>
      </FormModal>
    </>
  );
}

/** 新就业群体登记: platforms, stations, workers (with consent), party organisations and instructors. */
export default function RegisterPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const canManage = can('newgroups.manage');
  return (
    <div>
      <PageHeader title={t('nav.newgroupsRegister')} description={t(`${P}.help`)} />
      <Tabs destroyOnHidden items={[
        { key: 'stations', label: t(`${P}.tab.stations`), children: <Stations canManage={canManage} /> },
        { key: 'workers', label: t(`${P}.tab.workers`), children: <Workers canManage={canManage} /> },
        { key: 'platforms', label: t(`${P}.tab.platforms`), children: <Platforms canManage={canManage} /> },
        { key: 'orgs', label: t(`${P}.tab.orgs`), children: <PartyOrgs canManage={canManage} /> },
        { key: 'instructors', label: t(`${P}.tab.instructors`), children: <Instructors canManage={canManage} /> },
      ]} />
    </div>
  );
}
