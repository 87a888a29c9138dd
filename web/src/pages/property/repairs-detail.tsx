import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Image, Input, InputNumber, Select, Space, Table, Tag, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { formatDate, formatDateTime, formatNumber } from '../../components/format.js';
import { FormModal } from '../../components/form-modal.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/property-repairs-api.js';
import type { RepairAction, RepairDetail, VoteMatterOption } from '../../services/property-repairs-api.js';
import type { Role } from '../../services/types.js';
import { PhotoIdsField, RepairStatusTag } from './repairs-shared.js';

interface StepValues {
  note?: string; reason?: string; photoIds?: number[]; finalAmount?: number; matterId?: number;
}

/** One repair: what, where, the quotes, the approvals or the owners' vote, each step with who and when, and the caller's next steps. */
export default function PropertyRepairDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const [tick, setTick] = useState(0);
  const { data: r, error, loading } = useLoad(`${id}|${tick}`, () => api.getRepair(id), t('error.unknown'));
  const [action, setAction] = useState<RepairAction | null>(null);
  const [form] = Form.useForm<StepValues>();

  return (
    <div>
      <PageHeader
        title={r ? <Space>{r.title}<RepairStatusTag status={r.status} />{r.urgent && <Tag color="red">{t('propertyRepairs.urgent')}</Tag>}</Space> : t('propertyRepairs.detail.title')}
        description={r ? `${r.communityName} ${r.compoundName}` : undefined}
        extra={r && r.actions.length > 0 && (
          <Space wrap>
            {r.actions.map((a) => (
              <Button key={a} type={a === 'reject' || a === 'send_back' ? 'default' : 'primary'} danger={a === 'reject'} onClick={() => { form.resetFields(); setAction(a); }}>
                {t(`propertyRepairs.action.${a}`)}
              </Button>
            ))}
          </Space>
        )}
      />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      {r && <Overview r={r} />}
      {r && (
        <Card size="small" title={t('propertyRepairs.detail.quotes')} className="rates-card">
          <Table
            rowKey="id" size="small" pagination={false} loading={loading} dataSource={r.quotes}
            columns={[
              { title: t('propertyRepairs.apply.supplier'), dataIndex: 'supplier' },
              { title: t('propertyRepairs.apply.amount'), dataIndex: 'amount', align: 'right', render: formatNumber },
              { title: '', dataIndex: 'chosen', render: (c: boolean) => c && <Tag color="green">{t('propertyRepairs.detail.chosen')}</Tag> },
              { title: t('propertyRepairs.apply.quotePhotos'), render: (_, q) => <Image.PreviewGroup>{q.photos.map((p) => <Image key={p.id} src={p.url} width={56} height={56} alt={t('propertyRepairs.photo', { id: p.id })} />)}</Image.PreviewGroup> },
            ]}
          />
        </Card>
      )}
      {r && (
        <Card size="small" title={t('propertyRepairs.detail.steps')}>
          <Timeline items={r.steps.map((s) => ({
            children: (
              <div data-testid={`repair-step-${s.action}`}>
                <strong>{t(`propertyRepairs.action.${s.action}`)}</strong> · {s.by}（{t(`role.${s.role as Role}`, { defaultValue: "" })}）· {formatDateTime(s.at)}
                {s.to !== s.from && <> → <RepairStatusTag status={s.to} /></>}
                {s.note && <div>{s.note}</div>}
              </div>
            ),
          }))} />
        </Card>
      )}
      {action && (
        <FormModal<StepValues>
          open title={t(`propertyRepairs.action.${action}`)} form={form} onClose={() => setAction(null)} okText={t(`propertyRepairs.action.${action}`)}
          danger={action === 'reject'}
          initialValues={action === 'publish' ? { finalAmount: r?.budget } : {}}
          intro={action === 'record_vote' && r ? <Alert type="info" showIcon className="modal-alert" title={t('selfrunLinks.repairVote.rule')} /> : undefined}
          onSubmit={async (v) => {
            const body: Record<string, unknown> =
              action === 'record_vote' ? { matterId: v.matterId }
                : action === 'reject' || action === 'send_back' ? { reason: v.reason }
                  : action === 'finish' ? { note: v.note || undefined, photoIds: v.photoIds ?? [] }
                    : action === 'publish' ? { finalAmount: v.finalAmount }
                      : { note: v.note || undefined };
            await api.takeStep(id, action, body);
            setAction(null);
            setTick((n) => n + 1);
          }}
        >
          <StepFields action={action} repairId={id} />
        </FormModal>
      )}
    </div>
  );
}

function StepFields({ action, repairId }: { action: RepairAction; repairId: number }) {
  const { t } = useTranslation();
  const required = (label: string) => [{ required: true, message: t('propertyRepairs.required', { label }) }];
  switch (action) {
    case 'record_vote':
      return <VoteMatterField repairId={repairId} />;
    case 'reject':
    case 'send_back':
      return <Form.Item name="reason" label={t('propertyRepairs.reason')} rules={required(t('propertyRepairs.reason'))}><Input.TextArea rows={3} maxLength={500} /></Form.Item>;
    case 'accept':
      return <Form.Item name="note" label={t('propertyRepairs.acceptNote')} rules={required(t('propertyRepairs.acceptNote'))}><Input.TextArea rows={3} maxLength={500} /></Form.Item>;
    case 'publish':
      return (
        <Form.Item name="finalAmount" label={t('propertyRepairs.finalAmount')} rules={required(t('propertyRepairs.finalAmount'))}>
          <InputNumber min={0.01} max={99999999} precision={2} aria-label={t('propertyRepairs.finalAmount')} style={{ width: 200 }} />
        </Form.Item>
      );
    case 'finish':
      return (
        <>
          <Form.Item name="note" label={t('propertyRepairs.note')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
          <Form.Item name="photoIds" label={t('propertyRepairs.donePhotos')}><PhotoIdsField label={t('propertyRepairs.addPhoto')} /></Form.Item>
        </>
      );
    default:
      return <Form.Item name="note" label={t('propertyRepairs.note')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>;
  }
}

/**
 * 业主表决: pick the counted matter of the compound's owners' vote that decided the repair; the
 * figures are the vote's, shown for the chosen one. Matters that cannot decide it stay listed,
 * disabled, with the server's reason.
 */
function VoteMatterField({ repairId }: { repairId: number }) {
  const { t } = useTranslation();
  const { data, error, loading } = useLoad(`matters|${repairId}`, () => api.voteMatters(repairId), t('error.unknown'));
  const matterId = Form.useWatch<number | undefined>('matterId');
  const chosen = data?.find((m) => m.matterId === matterId);
  const label = t('selfrunLinks.repairVote.matter');
  return (
    <>
      {error && <Alert type="error" showIcon title={error} className="modal-alert" />}
      {data && !data.some((m) => !m.refusal) && <Alert type="warning" showIcon title={t('selfrunLinks.repairVote.none')} className="modal-alert" />}
      <Form.Item name="matterId" label={label} rules={[{ required: true, message: t('propertyRepairs.required', { label }) }]}>
        <Select
          aria-label={label} loading={loading} placeholder={t('selfrunLinks.repairVote.pick')} optionLabelProp="title"
          options={(data ?? []).map((m) => ({
            value: m.matterId, disabled: m.refusal != null, title: `${m.voteTitle}：${m.matterTitle}`,
            label: <MatterOption m={m} />,
          }))}
        />
      </Form.Item>
      {chosen?.counts && (
        <Alert type="success" showIcon className="modal-alert" data-testid="repair-vote-counts"
          title={t('propertyRepairs.detail.voteLine', { ...chosen.counts, votedOn: formatDate(chosen.closedOn) })} />
      )}
    </>
  );
}

function MatterOption({ m }: { m: VoteMatterOption }) {
  const { t } = useTranslation();
  return (
    <div>
      <div>{m.voteTitle}：{m.matterTitle} <Tag>{t(`selfrunLinks.repairVote.kind.${m.kind}`)}</Tag>{m.passed ? <Tag color="green">{t('selfrunLinks.repairVote.passed')}</Tag> : <Tag color="red">{t('selfrunLinks.repairVote.failed')}</Tag>}</div>
      {m.refusal && <div style={{ fontSize: 12 }}>{m.refusal}</div>}
    </div>
  );
}

function Overview({ r }: { r: RepairDetail }) {
  const { t } = useTranslation();
  return (
    <Card size="small" className="rates-card">
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('propertyRepairs.col.kind')}>{t(`propertyRepairs.kind.${r.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('propertyRepairs.col.quantity')}>{r.quantity} {t(`propertyRepairs.unit.${r.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('propertyRepairs.col.households')}><span data-testid="repair-households">{r.households}</span></Descriptions.Item>
        <Descriptions.Item label={t('propertyRepairs.detail.budget')}>{formatNumber(r.budget)}</Descriptions.Item>
        <Descriptions.Item label={t('propertyRepairs.finalAmount')}>{formatNumber(r.finalAmount)}</Descriptions.Item>
        <Descriptions.Item label={t('propertyRepairs.detail.approval')}>{r.approval ? t(`propertyRepairs.approval.${r.approval}`) : '-'}</Descriptions.Item>
        <Descriptions.Item label={t('propertyRepairs.detail.places')}>{r.places.map((p) => p.name).join('、')}</Descriptions.Item>
        {r.byCompany && <Descriptions.Item label={t('propertyRepairs.detail.company')}>{r.byCompany}</Descriptions.Item>}
        {r.approval === 'emergency' && (
          <Descriptions.Item label={t('propertyRepairs.detail.emergency')}>
            {t('propertyRepairs.detail.communitySide')}：{r.communityApproval ? `${r.communityApproval.by} ${formatDateTime(r.communityApproval.at)}` : t('propertyRepairs.detail.pending')}；
            {t('propertyRepairs.detail.streetSide')}：{r.streetApproval ? `${r.streetApproval.by} ${formatDateTime(r.streetApproval.at)}` : t('propertyRepairs.detail.pending')}
          </Descriptions.Item>
        )}
        {r.vote && (
          <Descriptions.Item label={t('propertyRepairs.detail.vote')}>
            {t('propertyRepairs.detail.voteLine', { ...r.vote, votedOn: formatDate(r.vote.votedOn) })}
            <div data-testid="repair-vote-source">
              {r.vote.from ? t('selfrunLinks.repairVote.from', { vote: r.vote.from.voteTitle, matter: r.vote.from.matterTitle }) : t('selfrunLinks.repairVote.typed')}
            </div>
          </Descriptions.Item>
        )}
        {r.rejectReason && <Descriptions.Item label={t('propertyRepairs.reason')}>{r.rejectReason}</Descriptions.Item>}
        {r.acceptNote && <Descriptions.Item label={t('propertyRepairs.acceptNote')}>{r.acceptNote}</Descriptions.Item>}
        <Descriptions.Item label={t('propertyRepairs.apply.description')} span={3}>{r.description}</Descriptions.Item>
        {r.photos.length > 0 && (
          <Descriptions.Item label={t('propertyRepairs.donePhotos')} span={3}>
            <Image.PreviewGroup>{r.photos.map((p) => <Image key={p.id} src={p.url} width={72} height={72} alt={t('propertyRepairs.photo', { id: p.id })} />)}</Image.PreviewGroup>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
