import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { LinkOutlined, LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import { FormModal } from '../../components/form-modal.js';
import { CellText } from '../../components/cell-text.js';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as points from '../../services/points-api.js';
import { OBJECTION_STATUSES, type MonthStatus, type Objection, type ObjectionDecision, type ObjectionStatus, type PointsMonth } from '../../services/points-api.js';
import { CommunityPicker, useCommunity } from './components/community.js';
import { CommunityOverview } from './components/community-overview.js';

const monthColor: Record<MonthStatus, string> = { open: 'blue', closed: 'orange', settled: 'green' };
const objectionColor: Record<ObjectionStatus, string> = { open: 'gold', upheld: 'green', dismissed: 'default' };

/** 一月一评、一月一示: close a reviewed month to publish its notice, then answer objections. */
export default function PointsMonthsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { modal, message } = App.useApp();
  const { communityId, fixed, setCommunityId } = useCommunity();
  const reviewer = can('points.review');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [objStatus, setObjStatus] = useState<ObjectionStatus | ''>('open');
  const [deciding, setDeciding] = useState<Objection | null>(null);

  const months = useLoad(communityId ? `${communityId}` : null, () => points.listMonths(communityId!), t('error.unknown'));
  const objections = useLoad(
    communityId ? `${communityId}|${objStatus}` : null,
    () => points.listObjections({ communityId, status: objStatus || undefined, page: 1, pageSize: 100 }),
    t('error.unknown'),
  );

  const close = (m: PointsMonth) => {
    if (!communityId) return;
    setRefusal(null);
    modal.confirm({
      title: t('points.months.confirmTitle', { month: m.month }),
      content: t('points.months.confirmText', { approved: m.approved }),
      okText: t('points.months.close'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await points.closeMonth(communityId, m.month);
          message.success(t('points.months.closed', { month: m.month }));
        } catch (e) {
          // The refusal (e.g. records still pending) is shown where the reader looks, not in a toast.
          setRefusal(errorMessage(e, t('error.unknown')));
        }
        months.reload();
      },
    });
  };

  return (
    <div>
      <PageHeader title={t('nav.pointsMonths')} description={t('points.months.description')} extra={<CommunityPicker value={communityId} fixed={fixed} onChange={setCommunityId} />} />
      {!communityId && <CommunityOverview onPick={setCommunityId} />}
      {communityId && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title={t('points.months.title')}>
            {months.error && <Alert type="error" showIcon title={months.error} className="page-alert" />}
            {refusal && <Alert type="error" showIcon title={t('points.months.refused')} description={refusal} className="page-alert" role="alert" closable={{ onClose: () => setRefusal(null) }} />}
            <Table<PointsMonth>
              rowKey="month"
              size="small"
              loading={months.loading}
              dataSource={[...(months.data?.items ?? [])].sort((a, b) => b.month.localeCompare(a.month))}
              pagination={false}
              scroll={{ x: 900 }}
              columns={[
                { title: t('points.months.col.month'), dataIndex: 'month', width: 100 },
                { title: t('points.months.col.status'), dataIndex: 'status', width: 100, render: (s: MonthStatus) => <Tag color={monthColor[s]}>{t(`points.monthStatus.${s}`)}</Tag> },
                {
                  title: t('points.months.col.pending'),
                  dataIndex: 'pending',
                  width: 90,
                  align: 'right',
                  render: (n: number, m) => (n ? <a href={`/points/records?communityId=${communityId}&month=${m.month}`}><Typography.Text type="warning" strong>{n}</Typography.Text></a> : 0),
                },
                { title: t('points.months.col.approved'), dataIndex: 'approved', width: 90, align: 'right' },
                { title: t('points.months.col.closedAt'), dataIndex: 'closedAt', width: 150, render: (v: string | null, m) => (v ? `${formatDateTime(v)} ${m.closedBy ?? ''}` : '-') },
                { title: t('points.months.col.objectionUntil'), dataIndex: 'objectionUntil', width: 150, render: formatDateTime },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 200,
                  fixed: 'right',
                  render: (_: unknown, m) => (
                    <Space size={0}>
                      {reviewer && m.status === 'open' && (
                        <Button type="link" icon={<LockOutlined />} onClick={() => close(m)} aria-label={t('points.months.closeMonth', { month: m.month })}>
                          {t('points.months.close')}
                        </Button>
                      )}
                      {m.status !== 'open' && (
                        <a href={m.noticeUrl ?? points.noticePath(communityId, m.month)} target="_blank" rel="noreferrer" aria-label={t('points.months.noticeOf', { month: m.month })}>
                          <LinkOutlined /> {t('points.months.notice')}
                        </a>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
          <Card
            title={t('points.objections.title')}
            extra={
              <Select
                aria-label={t('points.objections.filter')}
                style={{ width: 130 }}
                value={objStatus}
                onChange={setObjStatus}
                options={[...OBJECTION_STATUSES.map((s) => ({ value: s, label: t(`points.objectionStatus.${s}`) })), { value: '', label: t('points.records.filter.all') }]}
              />
            }
          >
            {objections.error && <Alert type="error" showIcon title={objections.error} className="page-alert" />}
            <Table<Objection>
              rowKey="id"
              size="small"
              loading={objections.loading}
              dataSource={objections.data?.items ?? []}
              pagination={false}
              scroll={{ x: 1040 }}
              tableLayout="fixed"
              locale={{ emptyText: t('points.objections.empty') }}
              columns={[
                { title: t('points.months.col.month'), dataIndex: 'month', width: 90 },
                {
                  title: t('points.objections.col.holder'), dataIndex: 'holderLabel', width: 200, ellipsis: { showTitle: false },
                  render: (v: string, o) => <CellText text={`${v}${o.recordId ? ` · #${o.recordId}` : ''}`} />,
                },
                { title: t('points.objections.col.reason'), dataIndex: 'reason', width: 220, ellipsis: { showTitle: false }, render: (v: string) => <CellText text={v} /> },
                { title: t('points.objections.col.createdAt'), dataIndex: 'createdAt', width: 140, render: formatDateTime },
                {
                  title: t('points.objections.col.status'),
                  dataIndex: 'status',
                  width: 200,
                  render: (s: ObjectionStatus, o) => (
                    <Space orientation="vertical" size={0}>
                      <Tag color={objectionColor[s]}>{t(`points.objectionStatus.${s}`)}</Tag>
                      {o.decisionNote && <Typography.Text type="secondary">{o.decisionNote}</Typography.Text>}
                    </Space>
                  ),
                },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 90,
                  fixed: 'right',
                  render: (_: unknown, o) => reviewer && o.status === 'open' && <Button type="link" onClick={() => setDeciding(o)}>{t('points.objections.decide')}</Button>,
                },
              ]}
            />
          </Card>
        </Space>
      )}
      {deciding && <DecideModal objection={deciding} onClose={() => setDeciding(null)} onDone={() => { objections.reload(); months.reload(); }} />}
    </div>
  );
}

interface DecideForm {
  decision: 'uphold' | 'dismiss';
  note: string;
  reverseRecordIds: string[];
  adjustPoints?: number | null;
}

/** Upholding reverses the named records in the ledger (nothing is edited); dismissing says why. */
function DecideModal({ objection, onClose, onDone }: { objection: Objection; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DecideForm>();
  const decision = Form.useWatch('decision', form);

  const submit = async (v: DecideForm) => {
    const input: ObjectionDecision = { decision: v.decision, note: v.note.trim() };
    if (v.decision === 'uphold') {
      const ids = (v.reverseRecordIds ?? []).map((x) => Number(String(x).replace(/^#/, ''))).filter((n) => Number.isInteger(n) && n > 0);
      if (ids.length) input.reverseRecordIds = ids;
      if (v.adjustPoints) input.adjust = { holderKind: objection.holderKind, holderId: objection.holderId, points: v.adjustPoints, note: v.note.trim() };
    }
    await points.decideObjection(objection.id, input);
    onDone();
  };

  return (
    <FormModal<DecideForm>
      open
      title={t('points.objections.decideTitle', { id: objection.id })}
      okText={t('common.confirm')}
      form={form}
      onSubmit={submit}
      onClose={onClose}
      initialValues={{ decision: 'uphold', note: '', reverseRecordIds: objection.recordId ? [String(objection.recordId)] : [] }}
      intro={(
        <Typography.Paragraph>
          <Typography.Text type="secondary">{objection.holderLabel} · {objection.month}</Typography.Text>
          <br />
          {objection.reason}
        </Typography.Paragraph>
      )}
    >
      <Form.Item name="decision" label={t('points.objections.decision')}>
        <Radio.Group options={[{ value: 'uphold', label: t('points.objections.uphold') }, { value: 'dismiss', label: t('points.objections.dismiss') }]} />
      </Form.Item>
      {decision !== 'dismiss' && (
        <Form.Item name="reverseRecordIds" label={t('points.objections.reverse')} extra={t('points.objections.reverseHint')}>
          <Select mode="tags" open={false} tokenSeparators={[',', ' ', '，']} aria-label={t('points.objections.reverse')} />
        </Form.Item>
      )}
      {decision !== 'dismiss' && (
        <Form.Item name="adjustPoints" label={t('points.objections.adjust', { holder: objection.holderLabel })} extra={t('points.objections.adjustHint')}>
          <InputNumber min={-1000} max={1000} precision={0} />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('points.objections.note')} rules={[{ required: true, whitespace: true, message: t('points.objections.noteRequired') }]}>
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
