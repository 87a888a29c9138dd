import { useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Segmented, Select, Space, Statistic, Table, Tag, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { chinaToday } from '../../services/china-time.js';
import * as api from '../../services/newgroups-road-api.js';
import type { CountBy, ParttimeRow, ReportRow } from '../../services/newgroups-road-api.js';

type Duty = ParttimeRow['duty'];

/** 聘任: a white-listed worker of a station in the community, a duty, the grid or the community, from a day, why. */
function EnrolModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ workerId: number; duty: Duty; unitId: number; startDay: string; reason: string }>();
  const [busy, setBusy] = useState(false);
  const [q, setQ] = useState('');
  const workers = useLoad(open ? `enrol-w|${q}` : null, () => api.listWhitelist({ page: 1, pageSize: 50, status: 'listed', q: q || undefined }), t('error.unknown'));
  const units = useLoad(open ? 'enrol-u' : null, () => api.enrolUnits(), t('error.unknown'));
  return (
    <Modal open={open} title={t('newgroupsRoad.parttime.enrol')} onCancel={onClose} confirmLoading={busy} onOk={() => form.submit()} destroyOnHidden okText={t('newgroupsRoad.confirm')}>
      <Form form={form} layout="vertical" initialValues={{ duty: 'grid_member', startDay: chinaToday() }} onFinish={async (v) => {
        setBusy(true);
        try {
          await api.enrol(v);
          message.success(t('newgroupsRoad.parttime.enrolled'));
          onDone();
        } catch (e) {
          message.error(errorMessage(e, t('error.unknown')));
        } finally {
          setBusy(false);
        }
      }}>
        <Form.Item name="workerId" label={t('newgroupsRoad.worker')} rules={[{ required: true, message: t('newgroupsRoad.required') }]}
          extra={workers.data && workers.data.total === 0 ? t('newgroupsRoad.parttime.noListed') : undefined}>
          <Select showSearch filterOption={false} onSearch={setQ} aria-label={t('newgroupsRoad.worker')} loading={workers.loading}
            options={(workers.data?.items ?? []).filter((w) => !w.left).map((w) => ({ value: w.workerId, label: `${w.name}（${w.platformName} · ${w.stationName}）` }))} />
        </Form.Item>
        <Form.Item name="duty" label={t('newgroupsRoad.parttime.duty')}>
          <Segmented<Duty> options={(['grid_member', 'safety_officer'] as const).map((d) => ({ value: d, label: t(`newgroupsRoad.duty.${d}`) }))} />
        </Form.Item>
        <Form.Item name="unitId" label={t('newgroupsRoad.parttime.unit')} rules={[{ required: true, message: t('newgroupsRoad.required') }]}>
          <Select aria-label={t('newgroupsRoad.parttime.unit')} options={(units.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="startDay" label={t('newgroupsRoad.parttime.startDay')} rules={[{ required: true, message: t('newgroupsRoad.required') }]}>
          <Input type="date" aria-label={t('newgroupsRoad.parttime.startDay')} />
        </Form.Item>
        <Form.Item name="reason" label={t('newgroupsRoad.reason')} rules={[{ required: true, whitespace: true, message: t('newgroupsRoad.reasonRequired') }]}>
          <Input.TextArea rows={2} maxLength={200} aria-label={t('newgroupsRoad.reason')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One short form (a reason, maybe points) before a change. */
function AskModal({ title, withPoints, withDay, onCancel, onSubmit }: {
  title: string | null; withPoints?: boolean; withDay?: boolean; onCancel: () => void; onSubmit: (v: { reason: string; points: number; day: string }) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string; points: number; day: string }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal open={!!title} title={title} onCancel={onCancel} confirmLoading={busy} onOk={() => form.submit()} destroyOnHidden okText={t('newgroupsRoad.confirm')}>
      <Form form={form} layout="vertical" initialValues={{ points: 5, day: chinaToday() }} onFinish={async (v) => {
        setBusy(true);
        try {
          await onSubmit(v);
        } finally {
          setBusy(false);
        }
      }}>
        {withPoints && <Form.Item name="points" label={t('newgroupsRoad.reports.points')}><InputNumber min={1} max={50} aria-label={t('newgroupsRoad.reports.points')} /></Form.Item>}
        {withDay && <Form.Item name="day" label={t('newgroupsRoad.parttime.endDay')}><Input type="date" aria-label={t('newgroupsRoad.parttime.endDay')} /></Form.Item>}
        <Form.Item name="reason" label={t('newgroupsRoad.reason')} rules={[{ required: true, whitespace: true, message: t('newgroupsRoad.reasonRequired') }]}>
          <Input.TextArea rows={2} maxLength={200} aria-label={t('newgroupsRoad.reason')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 兼职网格员与路面上报: the community's part-time grid workers and safety officers, their reports, rewards and counts. */
export default function ParttimePage() {
  const { t } = useTranslation();
  const me = useMe();
  const community = me.role === 'community_secretary' || me.role === 'community_worker';
  const [active, setActive] = useState<'active' | 'ended' | 'all'>('active');
  const [page, setPage] = useState(1);
  const [rPage, setRPage] = useState(1);
  const [by, setBy] = useState<CountBy>('community');
  const [cPage, setCPage] = useState(1);
  const [enrolling, setEnrolling] = useState(false);
  const [ending, setEnding] = useState<ParttimeRow | null>(null);
  const [rewarding, setRewarding] = useState<{ row: ReportRow; reverse: boolean } | null>(null);
  const list = useLoad(`pt|${active}|${page}`, () => api.listParttime({ page, pageSize: 20, active }), t('error.unknown'));
  const reports = useLoad(`rr|${rPage}`, () => api.listRoadReports({ page: rPage, pageSize: 10 }), t('error.unknown'));
  const counts = useLoad(`rc|${by}|${cPage}`, () => api.roadReportCounts({ page: cPage, pageSize: 10, by }), t('error.unknown'));

  const run = async (f: () => Promise<unknown>, done: string, after: () => void) => {
    try {
      await f();
      message.success(done);
      after();
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
    }
  };

  return (
    <div>
      <PageHeader title={t('nav.newgroupsParttime')} description={t('newgroupsRoad.parttime.help')}
        extra={community && <Button type="primary" onClick={() => setEnrolling(true)}>{t('newgroupsRoad.parttime.enrol')}</Button>} />
      <Space style={{ marginBottom: 12 }} wrap>
        <Card size="small"><Statistic title={t('newgroupsRoad.parttime.activeTotal')} value={list.data?.activeTotal ?? 0} /></Card>
        <Segmented value={active} onChange={(v) => { setActive(v as typeof active); setPage(1); }}
          options={(['active', 'ended', 'all'] as const).map((s) => ({ value: s, label: t(`newgroupsRoad.parttime.filter.${s}`) }))} />
      </Space>
      {list.error && <Alert type="error" showIcon message={list.error} style={{ marginBottom: 12 }} />}
      <Table<ParttimeRow> rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('newgroupsRoad.worker'), dataIndex: 'workerName' },
          { title: t('newgroupsRoad.station'), key: 'st', render: (_, r) => `${r.platformName} · ${r.stationName}` },
          { title: t('newgroupsRoad.parttime.duty'), dataIndex: 'duty', render: (d: Duty) => <Tag color={d === 'grid_member' ? 'blue' : 'orange'}>{t(`newgroupsRoad.duty.${d}`)}</Tag> },
          { title: t('newgroupsRoad.parttime.unit'), dataIndex: 'unitName' },
          { title: t('newgroupsRoad.parttime.period'), key: 'p', render: (_, r) => `${r.startDay} ~ ${r.endDay ?? ''}` },
          { title: t('newgroupsRoad.reason'), key: 'r', render: (_, r) => r.endReason ? `${r.reason} / ${r.endReason}` : r.reason },
          ...(community ? [{ title: t('newgroupsRoad.actions'), key: 'a', render: (_: unknown, r: ParttimeRow) => !r.endDay && <Button size="small" onClick={() => setEnding(r)}>{t('newgroupsRoad.parttime.end')}</Button> }] : []),
        ]} />

      <Card title={t('newgroupsRoad.reports.title')} size="small" style={{ marginTop: 16 }}>
        {reports.error && <Alert type="error" showIcon message={reports.error} />}
        <Table<ReportRow> rowKey="id" size="small" loading={reports.loading} dataSource={reports.data?.items ?? []}
          pagination={{ current: rPage, pageSize: 10, total: reports.data?.total ?? 0, onChange: setRPage }}
          columns={[
            { title: t('newgroupsRoad.reports.when'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            { title: t('newgroupsRoad.reports.kind'), dataIndex: 'kind', render: (k: ReportRow['kind']) => t(`newgroupsRoad.kind.${k}`) },
            { title: t('newgroupsRoad.reports.text'), dataIndex: 'description', render: (v: string, r) => <a href={`/demands/${r.demandId}`}>{v}</a> },
            { title: t('newgroupsRoad.worker'), key: 'w', render: (_, r) => `${r.workerName}（${r.stationName}）` },
            { title: t('newgroupsRoad.reports.community'), dataIndex: 'communityName' },
            { title: t('newgroupsRoad.reports.state'), dataIndex: 'demandState', render: (s: string) => t(`demandState.${s}`, { defaultValue: s }) },
            { title: t('newgroupsRoad.reports.reward'), key: 'rw', render: (_, r) => <span>{t(`newgroupsRoad.reward.${r.reward}`)}{r.points ? ` +${r.points}` : ''}</span> },
            ...(community ? [{
              title: t('newgroupsRoad.actions'), key: 'a',
              render: (_: unknown, r: ReportRow) => r.reward === 'none'
                ? <Button size="small" type="primary" onClick={() => setRewarding({ row: r, reverse: false })}>{t('newgroupsRoad.reports.verify')}</Button>
                : r.reward === 'awarded' && <Button size="small" danger onClick={() => setRewarding({ row: r, reverse: true })}>{t('newgroupsRoad.reports.reverse')}</Button>,
            }] : []),
          ]} />
      </Card>

      <Card title={t('newgroupsRoad.counts.title')} size="small" style={{ marginTop: 16 }}
        extra={<Segmented<CountBy> value={by} onChange={(v) => { setBy(v); setCPage(1); }}
          options={(['community', 'station', 'rider'] as const).map((b) => ({ value: b, label: t(`newgroupsRoad.counts.by.${b}`) }))} />}>
        {counts.error && <Alert type="error" showIcon message={counts.error} />}
        <Table rowKey="key" size="small" loading={counts.loading} dataSource={counts.data?.items ?? []}
          pagination={{ current: cPage, pageSize: 10, total: counts.data?.total ?? 0, onChange: setCPage }}
          columns={[
            { title: t(`newgroupsRoad.counts.by.${by}`), dataIndex: 'name' },
            { title: t('newgroupsRoad.counts.reports'), dataIndex: 'reports' },
            { title: t('newgroupsRoad.counts.hazards'), dataIndex: 'hazards' },
            { title: t('newgroupsRoad.counts.rewarded'), dataIndex: 'rewarded' },
          ]} />
      </Card>

      <EnrolModal open={enrolling} onClose={() => setEnrolling(false)} onDone={() => { setEnrolling(false); list.reload(); }} />
      <AskModal title={ending ? `${t('newgroupsRoad.parttime.end')}：${ending.workerName}` : null} withDay onCancel={() => setEnding(null)}
        onSubmit={(v) => run(() => api.endEnrolment(ending!.id, v.day, v.reason), t('newgroupsRoad.parttime.ended'), () => { setEnding(null); list.reload(); })} />
      <AskModal title={rewarding ? t(rewarding.reverse ? 'newgroupsRoad.reports.reverse' : 'newgroupsRoad.reports.verify') : null} withPoints={!rewarding?.reverse}
        onCancel={() => setRewarding(null)}
        onSubmit={(v) => run(
          () => rewarding!.reverse ? api.reverseReward(rewarding!.row.id, v.reason) : api.rewardReport(rewarding!.row.id, v.points, v.reason),
          t(rewarding?.reverse ? 'newgroupsRoad.reports.reversed' : 'newgroupsRoad.reports.rewarded'),
          () => { setRewarding(null); reports.reload(); counts.reload(); },
        )} />
    </div>
  );
}
