import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Segmented, Space, Statistic, Table, Tag, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/newgroups-road-api.js';
import type { WhitelistRow } from '../../services/newgroups-road-api.js';

type Status = 'all' | 'listed' | 'unlisted';

/** A reason asked for before a white-list change (列入 / 移出). */
function ReasonModal({ title, open, onCancel, onSubmit }: { title: string; open: boolean; onCancel: () => void; onSubmit: (reason: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal open={open} title={title} onCancel={onCancel} confirmLoading={busy} onOk={() => form.submit()} destroyOnHidden okText={t('newgroupsRoad.confirm')}>
      <Form form={form} layout="vertical" onFinish={async (v) => {
        setBusy(true);
        try {
          await onSubmit(v.reason);
        } finally {
          setBusy(false);
        }
      }}>
        <Form.Item name="reason" label={t('newgroupsRoad.reason')} rules={[{ required: true, whitespace: true, message: t('newgroupsRoad.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={200} aria-label={t('newgroupsRoad.reason')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 白名单: the workers in the area, who is on the list (who/when/why), and the gates' checks. */
export default function WhitelistPage() {
  const { t } = useTranslation();
  const me = useMe();
  const keeper = me.role === 'county_admin' || me.role === 'street_admin';
  const [status, setStatus] = useState<Status>('all');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [gatePage, setGatePage] = useState(1);
  const [acting, setActing] = useState<{ row: WhitelistRow; action: 'add' | 'remove' } | null>(null);
  const list = useLoad(`wl|${status}|${q}|${page}`, () => api.listWhitelist({ page, pageSize: 20, status, q: q || undefined }), t('error.unknown'));
  const gates = useLoad(`gates|${gatePage}`, () => api.gateSummary({ page: gatePage, pageSize: 10, days: 30 }), t('error.unknown'));

  const act = async (reason: string) => {
    if (!acting) return;
    try {
      if (acting.action === 'add') await api.addToWhitelist(acting.row.workerId, reason);
      else await api.removeFromWhitelist(acting.row.entry!.id, reason);
      message.success(t(acting.action === 'add' ? 'newgroupsRoad.whitelist.added' : 'newgroupsRoad.whitelist.removed'));
      setActing(null);
      list.reload();
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
    }
  };

  return (
    <div>
      <PageHeader title={t('nav.newgroupsWhitelist')} description={t('newgroupsRoad.whitelist.help')} />
      <Space style={{ marginBottom: 12 }} wrap>
        <Card size="small"><Statistic title={t('newgroupsRoad.whitelist.listedTotal')} value={list.data?.listedTotal ?? 0} /></Card>
      </Space>
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented<Status> value={status} onChange={(v) => { setStatus(v); setPage(1); }}
          options={(['all', 'listed', 'unlisted'] as const).map((s) => ({ value: s, label: t(`newgroupsRoad.whitelist.status.${s}`) }))} />
        <Input.Search allowClear placeholder={t('newgroupsRoad.whitelist.search')} aria-label={t('newgroupsRoad.whitelist.search')} style={{ width: 220 }}
          onSearch={(v) => { setQ(v.trim()); setPage(1); }} />
      </Space>
      {list.error && <Alert type="error" showIcon message={list.error} style={{ marginBottom: 12 }} />}
      <Table<WhitelistRow> rowKey="workerId" loading={list.loading} dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('newgroupsRoad.worker'), dataIndex: 'name' },
          { title: t('newgroupsRoad.platform'), dataIndex: 'platformName' },
          { title: t('newgroupsRoad.station'), dataIndex: 'stationName' },
          { title: t('newgroupsRoad.phone'), dataIndex: 'phoneMask' },
          {
            title: t('newgroupsRoad.whitelist.entry'), key: 'entry',
            render: (_, r) => r.left ? <Tag>{t('newgroupsRoad.whitelist.left')}</Tag> : r.entry
              ? <span><Tag color="green">{t('newgroupsRoad.whitelist.listed')}</Tag>{r.entry.reason} · {r.entry.addedBy ?? ''} · {formatDateTime(r.entry.addedAt)}</span>
              : <Tag>{t('newgroupsRoad.whitelist.unlisted')}</Tag>,
          },
          ...(keeper ? [{
            title: t('newgroupsRoad.actions'), key: 'act',
            render: (_: unknown, r: WhitelistRow) => r.entry
              ? <Button size="small" danger onClick={() => setActing({ row: r, action: 'remove' })}>{t('newgroupsRoad.whitelist.remove')}</Button>
              : !r.left && <Button size="small" type="primary" onClick={() => setActing({ row: r, action: 'add' })}>{t('newgroupsRoad.whitelist.add')}</Button>,
          }] : []),
        ]} />
      <Card title={t('newgroupsRoad.gates.title')} size="small" style={{ marginTop: 16 }}>
        {gates.error && <Alert type="error" showIcon message={gates.error} />}
        <Table rowKey="unitId" size="small" loading={gates.loading} dataSource={gates.data?.items ?? []}
          pagination={{ current: gatePage, pageSize: 10, total: gates.data?.total ?? 0, onChange: setGatePage }}
          columns={[
            { title: t('newgroupsRoad.gates.unit'), dataIndex: 'unitName' },
            { title: t('newgroupsRoad.gates.valid'), dataIndex: 'valid' },
            { title: t('newgroupsRoad.gates.refused'), dataIndex: 'refused' },
            { title: t('newgroupsRoad.gates.total'), dataIndex: 'total' },
          ]} />
      </Card>
      <ReasonModal open={!!acting} onCancel={() => setActing(null)} onSubmit={act}
        title={acting ? `${t(acting.action === 'add' ? 'newgroupsRoad.whitelist.add' : 'newgroupsRoad.whitelist.remove')}：${acting.row.name}` : ''} />
    </div>
  );
}
