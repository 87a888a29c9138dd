import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Image, Input, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Typography, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { errorMessage } from '../../components/form-errors.js';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/selfrun-votes-api.js';
import type { Choice, Choices, MatterView, VoteDetail } from '../../services/selfrun-votes-api.js';
import { PhotoIdsField } from '../property/repairs-shared.js';
import { VOTE_STATUS_COLOR } from './votes.js';

const CHOICES: Choice[] = ['agree', 'disagree', 'abstain'];

/** One radio group per matter; the paper ballot's two entries each fill it from the paper. */
function ChoicesFields({ matters }: { matters: MatterView[] }) {
  const { t } = useTranslation();
  return (
    <>
      {matters.map((m) => (
        <Form.Item key={m.id} name={`m${m.id}`} label={`${m.seq}. ${m.title}`} rules={[{ required: true, message: t('selfrunVotes.chooseEach') }]}>
          <Radio.Group aria-label={m.title} options={CHOICES.map((c) => ({ value: c, label: t(`selfrunVotes.choice.${c}`) }))} />
        </Form.Item>
      ))}
    </>
  );
}
const choicesOf = (matters: MatterView[], v: Record<string, Choice>): Choices => matters.map((m) => ({ matterId: m.id, choice: v[`m${m.id}`]! }));

/** The per-matter result: the four figures against the totals, the rule and the outcome. */
export function MatterResults({ matters }: { matters: MatterView[] }) {
  const { t } = useTranslation();
  return (
    <>
      {matters.map((m) => (
        <Card key={m.id} size="small" style={{ marginBottom: 8 }} data-testid={`matter-${m.seq}`}
          title={`${m.seq}. ${m.title}`} extra={<Space><Tag>{t(`selfrunVotes.kind.${m.kind}`)}</Tag>{m.passed != null && <Tag color={m.passed ? 'green' : 'red'}>{t(m.passed ? 'selfrunVotes.passed' : 'selfrunVotes.failed')}</Tag>}</Space>}>
          {m.result ? (
            <Descriptions size="small" column={2}>
              <Descriptions.Item label={t('selfrunVotes.fig.participatingArea')}>{m.result.figures.participatingArea} / {m.result.figures.totalArea} m²</Descriptions.Item>
              <Descriptions.Item label={t('selfrunVotes.fig.participatingOwners')}>{m.result.figures.participatingOwners} / {m.result.figures.totalOwners}</Descriptions.Item>
              <Descriptions.Item label={t('selfrunVotes.fig.agreeingArea')}>{m.result.figures.agreeingArea} m²</Descriptions.Item>
              <Descriptions.Item label={t('selfrunVotes.fig.agreeingOwners')}>{m.result.figures.agreeingOwners}</Descriptions.Item>
              <Descriptions.Item label={t('selfrunVotes.fig.rule')} span={2}>{m.result.rule}</Descriptions.Item>
              {m.result.failures.length > 0 && <Descriptions.Item label={t('selfrunVotes.fig.why')} span={2}>{m.result.failures.join('；')}</Descriptions.Item>}
            </Descriptions>
          ) : <Typography.Text type="secondary">{t('selfrunVotes.noResultYet')}</Typography.Text>}
        </Card>
      ))}
    </>
  );
}

/** 纸质选票: the first staff member enters; a second one enters it again from the paper to confirm. */
function PaperCard({ vote, onDone }: { vote: VoteDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const units = useLoad(`units|${vote.id}|${q}`, () => api.voteUnits(vote.id, { page: 1, pageSize: 50, q: q || undefined }), t('error.unknown'));
  const queue = useLoad(`paper|${vote.id}|${vote.pendingPaper}`, () => api.paperQueue(vote.id), t('error.unknown'));
  const [form] = Form.useForm();
  const [confirming, setConfirming] = useState<number | null>(null);
  const [confirmForm] = Form.useForm();
  const run = async (f: () => Promise<unknown>, ok: string) => {
    try {
      await f();
      message.success(ok);
      form.resetFields();
      confirmForm.resetFields();
      setConfirming(null);
      units.reload();
      queue.reload();
      onDone();
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
    }
  };
  return (
    <Card title={t('selfrunVotes.paper.title')} style={{ marginBottom: 12 }}>
      <Typography.Paragraph type="secondary">{t('selfrunVotes.paper.help')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => run(() => api.enterPaper(vote.id, v.unitId, choicesOf(vote.matters, v)), t('selfrunVotes.paper.entered'))}>
        <Form.Item name="unitId" label={t('selfrunVotes.paper.unit')} rules={[{ required: true, message: t('selfrunVotes.required') }]}>
          <Select showSearch filterOption={false} onSearch={setQ} aria-label={t('selfrunVotes.paper.unit')} style={{ maxWidth: 360 }}
            options={(units.data?.items ?? []).map((u) => ({ value: u.id, disabled: !!u.channel || !!u.pendingEntryId,
              label: `${u.label}（${u.area} m²）${u.channel ? ` · ${t(`selfrunVotes.channel.${u.channel}`)}` : ''}${u.pendingEntryId ? ` · ${t('selfrunVotes.paper.pending')}` : ''}` }))} />
        </Form.Item>
        <ChoicesFields matters={vote.matters} />
        <Button htmlType="submit">{t('selfrunVotes.paper.enter')}</Button>
      </Form>
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('selfrunVotes.paper.queue')}</Typography.Title>
      <Table rowKey="id" size="small" pagination={false} dataSource={queue.data ?? []} columns={[
        { title: t('selfrunVotes.paper.unit'), dataIndex: 'unitLabel' },
        { title: t('selfrunVotes.paper.enteredBy'), dataIndex: 'enteredBy', render: (v: string, r) => `${v} · ${formatDateTime(r.enteredAt)}` },
        { title: '', key: 'act', render: (_: unknown, r) => (
          <Space>
            {!r.mine && <Button size="small" type="primary" onClick={() => setConfirming(r.id)}>{t('selfrunVotes.paper.confirm')}</Button>}
            {r.mine && <Typography.Text type="secondary">{t('selfrunVotes.paper.awaitOther')}</Typography.Text>}
            <Popconfirm title={t('selfrunVotes.paper.discardSure')} onConfirm={() => run(() => api.discardPaper(vote.id, r.id), t('selfrunVotes.paper.discarded'))}>
              <Button size="small">{t('selfrunVotes.paper.discard')}</Button>
            </Popconfirm>
          </Space>
        ) },
      ]} />
      <Modal open={confirming != null} title={t('selfrunVotes.paper.confirmTitle')} onCancel={() => setConfirming(null)} onOk={() => confirmForm.submit()} okText={t('selfrunVotes.paper.confirm')} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('selfrunVotes.paper.confirmHelp')}</Typography.Paragraph>
        <Form form={confirmForm} layout="vertical" onFinish={(v) => run(() => api.confirmPaper(vote.id, confirming!, choicesOf(vote.matters, v)), t('selfrunVotes.paper.confirmed'))}>
          <ChoicesFields matters={vote.matters} />
        </Form>
      </Modal>
    </Card>
  );
}

/** 书面委托: a unit, the proxy's ID number (must be in the register), the authorisation's photo. */
function ProxyCard({ vote, onDone }: { vote: VoteDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const [revoking, setRevoking] = useState<{ id: number; unitLabel: string } | null>(null);
  const [revokeForm] = Form.useForm();
  const revoke = async (v: { reason: string }) => {
    try {
      const r = await api.revokeProxy(vote.id, revoking!.id, v.reason);
      message.success(t(r.status === 'revoked_ballot_withdrawn' ? 'selfrunVotes.proxy.revokedWithBallot' : 'selfrunVotes.proxy.revoked'));
      setRevoking(null);
      proxies.reload();
      onDone();
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
    }
  };
  const proxies = useLoad(`proxies|${vote.id}`, () => api.listProxies(vote.id), t('error.unknown'));
  const units = useLoad(`punits|${vote.id}`, () => api.voteUnits(vote.id, { page: 1, pageSize: 200 }), t('error.unknown'));
  const [form] = Form.useForm();
  const submit = async (v: { unitId: number; proxyIdNumber: string; photoIds?: number[] }) => {
    try {
      await api.addProxy(vote.id, { unitId: v.unitId, proxyIdNumber: v.proxyIdNumber, photoId: v.photoIds?.[0] ?? 0 });
      message.success(t('selfrunVotes.proxy.added'));
      form.resetFields();
      proxies.reload();
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
    }
  };
  return (
    <Card title={t('selfrunVotes.proxy.title')} style={{ marginBottom: 12 }}>
      {['announced', 'open'].includes(vote.status) && (
        <Form form={form} layout="inline" onFinish={submit} style={{ marginBottom: 12, rowGap: 8 }}>
          <Form.Item name="unitId" rules={[{ required: true, message: t('selfrunVotes.required') }]}>
            <Select showSearch optionFilterProp="label" placeholder={t('selfrunVotes.paper.unit')} style={{ width: 220 }} aria-label={t('selfrunVotes.proxy.unit')}
              options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.label }))} />
          </Form.Item>
          <Form.Item name="proxyIdNumber" rules={[{ required: true, message: t('selfrunVotes.required') }]}><Input placeholder={t('selfrunVotes.proxy.idNumber')} maxLength={18} /></Form.Item>
          <Form.Item name="photoIds"><PhotoIdsField label={t('selfrunVotes.proxy.photo')} /></Form.Item>
          <Button htmlType="submit">{t('selfrunVotes.proxy.add')}</Button>
        </Form>
      )}
      <Table rowKey="id" size="small" pagination={false} dataSource={proxies.data ?? []} columns={[
        { title: t('selfrunVotes.proxy.unit'), dataIndex: 'unitLabel' },
        { title: t('selfrunVotes.proxy.name'), dataIndex: 'proxyName' },
        { title: t('selfrunVotes.proxy.photo'), dataIndex: 'photoUrl', render: (u: string) => <Image src={u} width={48} height={48} alt={t('selfrunVotes.proxy.photo')} /> },
        ...(['announced', 'open'].includes(vote.status) ? [{ title: '', key: 'act', render: (_: unknown, r: { id: number; unitLabel: string }) => (
          <Button size="small" danger onClick={() => { revokeForm.resetFields(); setRevoking(r); }}>{t('selfrunVotes.proxy.revoke')}</Button>
        ) }] : []),
      ]} />
      <Modal open={revoking != null} title={`${t('selfrunVotes.proxy.revoke')} · ${revoking?.unitLabel ?? ''}`} onCancel={() => setRevoking(null)}
        onOk={() => revokeForm.submit()} okText={t('selfrunVotes.proxy.revoke')} okButtonProps={{ danger: true }} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('selfrunVotes.proxy.revokeHelp')}</Typography.Paragraph>
        <Form form={revokeForm} layout="vertical" onFinish={revoke}>
          <Form.Item name="reason" label={t('selfrunVotes.proxy.revokeReason')} rules={[{ required: true, min: 2, message: t('selfrunVotes.required') }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** 表决详情: matters, live turnout (no choices before the close), paper ballots, proxies, the result and its 公示. */
export default function VoteDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const vote = useLoad(`vote|${id}`, () => api.getVote(id), t('error.unknown'));
  const [reason, setReason] = useState('');
  const [noticeOpen, setNoticeOpen] = useState(false);
  const [noticeForm] = Form.useForm();
  const v = vote.data;
  const step = async (f: () => Promise<unknown>, ok: string) => {
    try {
      await f();
      message.success(ok);
      vote.reload();
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
    }
  };
  return (
    <div>
      <PageHeader title={v ? v.title : t('nav.selfrunVotes')} description={v ? `${v.compoundName} · ${t(`selfrunVotes.status.${v.status}`)}` : undefined} />
      {vote.error && <Alert type="error" showIcon message={vote.error} style={{ marginBottom: 12 }} />}
      {v && (
        <>
          <Card style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={2}>
              <Descriptions.Item label={t('selfrunVotes.field.status')}><Tag color={VOTE_STATUS_COLOR[v.status]} data-testid="vote-status">{t(`selfrunVotes.status.${v.status}`)}</Tag></Descriptions.Item>
              <Descriptions.Item label={t('selfrunVotes.field.announcedAt')}>{formatDateTime(v.announcedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('selfrunVotes.field.opensAt')}>{formatDateTime(v.opensAt)}</Descriptions.Item>
              <Descriptions.Item label={t('selfrunVotes.field.closesAt')}>{formatDateTime(v.closesAt)}</Descriptions.Item>
              <Descriptions.Item label={t('selfrunVotes.turnout.units')}>{v.turnout.units} / {v.turnout.totalUnits}</Descriptions.Item>
              <Descriptions.Item label={t('selfrunVotes.turnout.area')}>{v.turnout.area} / {v.turnout.totalArea} m²</Descriptions.Item>
              <Descriptions.Item label={t('selfrunVotes.turnout.owners')}>{v.turnout.owners} / {v.turnout.totalOwners}</Descriptions.Item>
              {v.chainHead && <Descriptions.Item label={t('selfrunVotes.chainHead')}><Typography.Text code copyable>{v.chainHead.slice(0, 16)}</Typography.Text></Descriptions.Item>}
              {v.noticePostedOn && (
                <Descriptions.Item label={t('selfrunVotes.paperNotice.field')}>
                  <Space><span data-testid="notice-posted-on">{t('selfrunVotes.paperNotice.postedOnValue', { day: v.noticePostedOn })}</span>
                    {v.noticePhotoUrl && <Image src={v.noticePhotoUrl} width={40} height={40} alt={t('selfrunVotes.paperNotice.photo')} />}</Space>
                </Descriptions.Item>
              )}
              {v.cancelReason && <Descriptions.Item label={t('selfrunVotes.cancelReason')}>{v.cancelReason}</Descriptions.Item>}
            </Descriptions>
            {v.canManage && (
              <Space wrap style={{ marginTop: 8 }}>
                {v.status === 'draft' && <Button type="primary" onClick={() => step(() => api.announce(id), t('selfrunVotes.announced'))}>{t('selfrunVotes.announce')}</Button>}
                {v.status === 'draft' && <Button onClick={() => { noticeForm.resetFields(); setNoticeOpen(true); }}>{t('selfrunVotes.paperNotice.button')}</Button>}
                {v.status === 'closed' && <Button type="primary" onClick={() => step(() => api.publish(id), t('selfrunVotes.publishedOk'))}>{t('selfrunVotes.publish')}</Button>}
                {['draft', 'announced', 'open'].includes(v.status) && (
                  <Popconfirm title={<Input placeholder={t('selfrunVotes.cancelReason')} value={reason} onChange={(e) => setReason(e.target.value)} />}
                    onConfirm={() => step(() => api.cancel(id, reason), t('selfrunVotes.cancelled'))}>
                    <Button danger>{t('selfrunVotes.cancel')}</Button>
                  </Popconfirm>
                )}
                {v.status === 'published' && <a href={`/public/votes/${id}`} target="_blank" rel="noreferrer">{t('selfrunVotes.publicLink')}</a>}
              </Space>
            )}
          </Card>
          <Modal open={noticeOpen} title={t('selfrunVotes.paperNotice.title')} onCancel={() => setNoticeOpen(false)} onOk={() => noticeForm.submit()} okText={t('selfrunVotes.announce')} destroyOnHidden>
            <Typography.Paragraph type="secondary">{t('selfrunVotes.paperNotice.help')}</Typography.Paragraph>
            <Form form={noticeForm} layout="vertical" onFinish={(f: { postedOn: string; photoIds?: number[] }) => step(async () => {
              await api.announce(id, { noticePostedOn: f.postedOn, noticePhotoId: f.photoIds?.[0] ?? 0 });
              setNoticeOpen(false);
            }, t('selfrunVotes.announced'))}>
              <Form.Item name="postedOn" label={t('selfrunVotes.paperNotice.postedOn')} rules={[{ required: true, message: t('selfrunVotes.paperNotice.required') }]}>
                <Input type="date" />
              </Form.Item>
              <Form.Item name="photoIds" rules={[{ required: true, type: 'array', min: 1, message: t('selfrunVotes.paperNotice.required') }]}>
                <PhotoIdsField label={t('selfrunVotes.paperNotice.photo')} />
              </Form.Item>
            </Form>
          </Modal>
          <Typography.Title level={5}>{t('selfrunVotes.matters')}</Typography.Title>
          <MatterResults matters={v.matters} />
          {v.canManage && v.status === 'open' && <PaperCard vote={v} onDone={vote.reload} />}
          {v.canManage && ['announced', 'open', 'closed', 'published'].includes(v.status) && <ProxyCard vote={v} onDone={vote.reload} />}
        </>
      )}
    </div>
  );
}
