import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../components/form-errors.js';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/selfrun-votes-api.js';
import type { VoteItem } from '../../services/selfrun-votes-api.js';

export const VOTE_STATUS_COLOR: Record<VoteItem['status'], string> = {
  draft: 'default', announced: 'blue', open: 'processing', closed: 'orange', published: 'green', cancelled: 'default',
};

/** A datetime-local value (minutes, or seconds when given) read as China time (the vote's moments are China's). */
const chinaInstant = (v: string) => new Date(`${v.length === 16 ? `${v}:00` : v}+08:00`).toISOString();

/** 发起表决: title, matters (each special or ordinary under art. 278, with its purpose), opening and closing. */
function CreateVote({ compoundId, onDone }: { compoundId: number; onDone: (id: number) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const submit = async (v: { title: string; opensAt: string; closesAt: string; matters: { title: string; kind: 'special' | 'ordinary'; purpose: 'self_run' | 'maintenance_fund' | 'committee' | 'other' }[] }) => {
    setBusy(true);
    try {
      const r = await api.createVote({ compoundId, title: v.title, matters: v.matters, opensAt: chinaInstant(v.opensAt), closesAt: chinaInstant(v.closesAt) });
      message.success(t('selfrunVotes.created'));
      setOpen(false);
      form.resetFields();
      onDone(r.id);
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>{t('selfrunVotes.create')}</Button>
      <Modal open={open} title={t('selfrunVotes.create')} onCancel={() => setOpen(false)} okText={t('selfrunVotes.save')} confirmLoading={busy} onOk={() => form.submit()} destroyOnHidden width={640}>
        <Alert type="info" showIcon message={t('selfrunVotes.noticeRule')} style={{ marginBottom: 12 }} />
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ matters: [{ kind: 'ordinary', purpose: 'self_run' }] }}>
          <Form.Item name="title" label={t('selfrunVotes.field.title')} rules={[{ required: true, message: t('selfrunVotes.required') }]}><Input maxLength={100} /></Form.Item>
          <Form.List name="matters">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Card key={f.key} size="small" title={t('selfrunVotes.matterN', { n: i + 1 })} style={{ marginBottom: 8 }}
                    extra={fields.length > 1 && <Button size="small" onClick={() => remove(f.name)}>{t('selfrunVotes.remove')}</Button>}>
                    <Form.Item name={[f.name, 'title']} label={t('selfrunVotes.field.matter')} rules={[{ required: true, message: t('selfrunVotes.required') }]}><Input maxLength={200} /></Form.Item>
                    <Space wrap>
                      <Form.Item name={[f.name, 'kind']} label={t('selfrunVotes.field.kind')}>
                        <Select style={{ width: 260 }} aria-label={t('selfrunVotes.field.kind')} options={(['ordinary', 'special'] as const).map((k) => ({ value: k, label: t(`selfrunVotes.kind.${k}`) }))} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'purpose']} label={t('selfrunVotes.field.purpose')}>
                        <Select style={{ width: 180 }} aria-label={t('selfrunVotes.field.purpose')} options={(['self_run', 'maintenance_fund', 'committee', 'other'] as const).map((k) => ({ value: k, label: t(`selfrunVotes.purpose.${k}`) }))} />
                      </Form.Item>
                    </Space>
                  </Card>
                ))}
                <Button onClick={() => add({ kind: 'ordinary', purpose: 'other' })} style={{ marginBottom: 12 }}>{t('selfrunVotes.addMatter')}</Button>
              </>
            )}
          </Form.List>
          <Space wrap>
            <Form.Item name="opensAt" label={t('selfrunVotes.field.opensAt')} rules={[{ required: true, message: t('selfrunVotes.required') }]}><Input type="datetime-local" aria-label={t('selfrunVotes.field.opensAt')} /></Form.Item>
            <Form.Item name="closesAt" label={t('selfrunVotes.field.closesAt')} rules={[{ required: true, message: t('selfrunVotes.required') }]}><Input type="datetime-local" aria-label={t('selfrunVotes.field.closesAt')} /></Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}

/** The votes of one compound (its page's 表决 tab) or of everything in scope (the 业主表决 page). */
export function VotesList({ compoundId }: { compoundId?: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<VoteItem['status'] | undefined>();
  const list = useLoad(`votes|${compoundId ?? ''}|${status ?? ''}|${page}`, () => api.listVotes({ page, pageSize: 20, compoundId, status }), t('error.unknown'));
  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        {compoundId != null && <CreateVote compoundId={compoundId} onDone={() => list.reload()} />}
        <Select allowClear placeholder={t('selfrunVotes.filterStatus')} style={{ width: 160 }} value={status} onChange={(v) => { setStatus(v); setPage(1); }}
          options={(['draft', 'announced', 'open', 'closed', 'published', 'cancelled'] as const).map((s) => ({ value: s, label: t(`selfrunVotes.status.${s}`) }))} />
      </Space>
      {list.error && <Alert type="error" showIcon message={list.error} style={{ marginBottom: 12 }} />}
      <Table<VoteItem> rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('selfrunVotes.field.title'), dataIndex: 'title', render: (v: string, r) => <Link to={`/selfrun/votes/${r.id}`}>{v}</Link> },
          ...(compoundId == null ? [{ title: t('selfrunVotes.compound'), dataIndex: 'compoundName' }] : []),
          { title: t('selfrunVotes.field.status'), dataIndex: 'status', render: (s: VoteItem['status']) => <Tag color={VOTE_STATUS_COLOR[s]}>{t(`selfrunVotes.status.${s}`)}</Tag> },
          { title: t('selfrunVotes.field.opensAt'), dataIndex: 'opensAt', render: (v: string) => formatDateTime(v) },
          { title: t('selfrunVotes.field.closesAt'), dataIndex: 'closesAt', render: (v: string) => formatDateTime(v) },
        ]} />
    </div>
  );
}

/** 业主表决: all the votes in the caller's area; a compound's own page creates them. */
export default function VotesPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const compoundId = params.get('compound') ? Number(params.get('compound')) : undefined;
  return (
    <div>
      <PageHeader title={t('nav.selfrunVotes')} description={t('selfrunVotes.pageHelp')} />
      <VotesList compoundId={compoundId} />
    </div>
  );
}
