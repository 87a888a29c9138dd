import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Image, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import { CellText } from '../../components/cell-text.js';
import { formatDateTime } from '../../components/format.js';
import { FormModal } from '../../components/form-modal.js';
import { PageHeader } from '../../components/page-header.js';
import { PAGE_SIZES, readInt, usePaged, useUrlState } from '../../components/use-paged.js';
import * as points from '../../services/points-api.js';
import { RECORD_STATUSES, type HolderKind, type PointsRecord, type RecordStatus, type ReviewResult } from '../../services/points-api.js';
import { CommunityPicker, useCommunity } from './components/community.js';

export const recordStatusColor: Record<RecordStatus, string> = { pending: 'gold', approved: 'green', rejected: 'default' };
const personName = (p: { name: string } | null) => p?.name ?? '-';

/** 积分记录与评议: every deed recorded, reviewed in batches by the community's points group. */
export default function PointsRecordsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { communityId, fixed, setCommunityId } = useCommunity();
  const { params, update } = useUrlState();
  const status = (params.get('status') ?? 'pending') as RecordStatus | 'all';
  const month = params.get('month') ?? undefined;
  const holderKind = (params.get('holderKind') ?? undefined) as HolderKind | undefined;
  const page = readInt(params, 'page', 1);
  const pageSize = readInt(params, 'pageSize', 20);
  const [selected, setSelected] = useState<number[]>([]);
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ReviewResult | null>(null);
  const [reviewError, setReviewError] = useState<string | null>(null);
  const reviewer = can('points.review');


  const { data, loading, error, reload } = usePaged(
    `${communityId}|${status}|${month}|${holderKind}|${page}|${pageSize}`,
    () => points.listRecords({ communityId, status: status === 'all' ? undefined : status, month, holderKind, page, pageSize }),
    t('error.unknown'),
  );

  /** Throws on failure: approving shows it on the page, rejecting in its modal. */
  const review = async (decision: 'approve' | 'reject', note?: string) => {
    const r = await points.reviewRecords(selected, decision, note);
    setResult(r);
    message.success(t('points.records.reviewed', { approved: r.approved, rejected: r.rejected }));
    setSelected([]);
    reload();
  };
  const approve = async () => {
    setBusy(true);
    setReviewError(null);
    try {
      await review('approve');
    } catch (e) {
      setReviewError(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <PageHeader title={t('nav.pointsRecords')} description={t('points.records.description')} />
      <Card>
        <Space wrap className="toolbar">
          <CommunityPicker value={communityId} fixed={fixed} onChange={setCommunityId} />
          <Select
            aria-label={t('points.records.filter.status')}
            style={{ width: 140 }}
            value={status}
            onChange={(v) => update({ status: v === 'pending' ? undefined : v, page: undefined })}
            options={[...RECORD_STATUSES.map((s) => ({ value: s, label: t(`points.recordStatus.${s}`) })), { value: 'all', label: t('points.records.filter.all') }]}
          />
          <DatePicker
            picker="month"
            aria-label={t('points.records.filter.month')}
            placeholder={t('points.records.filter.month')}
            value={month ? dayjs(`${month}-01`) : null}
            onChange={(d) => update({ month: d ? d.format('YYYY-MM') : undefined, page: undefined })}
          />
          <Select
            aria-label={t('points.records.filter.holderKind')}
            style={{ width: 130 }}
            value={holderKind ?? ''}
            onChange={(v) => update({ holderKind: v || undefined, page: undefined })}
            options={[
              { value: '', label: t('points.records.filter.allHolders') },
              { value: 'household', label: t('points.holderKind.household') },
              { value: 'merchant', label: t('points.holderKind.merchant') },
            ]}
          />
        </Space>
        {reviewer && (
          <Space wrap className="toolbar" role="group" aria-label={t('points.records.batch')}>
            <Typography.Text type="secondary">{t('points.records.selected', { count: selected.length })}</Typography.Text>
            <Button type="primary" icon={<CheckOutlined />} disabled={!selected.length} loading={busy} onClick={() => void approve()}>
              {t('points.records.approve')}
            </Button>
            <Button danger icon={<CloseOutlined />} disabled={!selected.length} onClick={() => setRejecting(true)}>
              {t('points.records.reject')}
            </Button>
          </Space>
        )}
        {error && <Alert type="error" showIcon title={error} className="page-alert" />}
        {reviewError && <Alert type="error" showIcon title={reviewError} className="page-alert" closable={{ onClose: () => setReviewError(null) }} />}
        {result && result.skipped.length > 0 && (
          <Alert
            type="warning"
            showIcon
            className="page-alert"
            title={t('points.records.skipped', { count: result.skipped.length })}
            description={result.skipped.map((s) => `#${s.id}：${s.reason}`).join('；')}
            closable={{ onClose: () => setResult(null) }}
          />
        )}
        <Table<PointsRecord>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          scroll={{ x: 1400 }}
          tableLayout="fixed"
          rowSelection={reviewer ? {
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as number[]),
            getCheckboxProps: (r) => ({ disabled: r.status !== 'pending', 'aria-label': t('points.records.selectRow', { id: r.id }) }),
          } : undefined}
          locale={{ emptyText: communityId || !fixed ? t('points.records.empty') : t('points.community.pickFirst') }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { count: n }),
          }}
          onChange={(p) => update({ page: p.current === 1 ? undefined : p.current, pageSize: p.pageSize === 20 ? undefined : p.pageSize })}
          columns={[
            { title: t('points.records.col.id'), dataIndex: 'id', width: 70, render: (id: number) => `#${id}` },
            {
              title: t('points.records.col.holder'), dataIndex: 'holderLabel', width: 220, ellipsis: { showTitle: false },
              render: (v: string, r) => <CellText text={v}>{r.holderKind === 'merchant' && <Tag>{t('points.holderKind.merchant')}</Tag>}{v}</CellText>,
            },
            { title: t('points.records.col.item'), dataIndex: 'itemName', width: 160, ellipsis: { showTitle: false }, render: (v: string) => <CellText text={v} /> },
            {
              title: t('points.records.col.points'),
              dataIndex: 'points',
              width: 90,
              align: 'right',
              render: (v: number, r) => (
                <Typography.Text type={v < 0 ? 'danger' : 'success'} strong title={r.quantity !== 1 ? `× ${r.quantity}` : undefined}>
                  {v > 0 ? `+${v}` : v}
                </Typography.Text>
              ),
            },
            { title: t('points.records.col.occurredOn'), dataIndex: 'occurredOn', width: 110 },
            { title: t('points.records.col.note'), dataIndex: 'note', width: 180, ellipsis: { showTitle: false }, render: (v: string | null) => <CellText text={v} /> },
            {
              title: t('points.records.col.photos'),
              dataIndex: 'photoIds',
              width: 150,
              render: (ids: number[]) => (ids.length ? (
                <Image.PreviewGroup>
                  <Space size={4} wrap>
                    {ids.map((id) => <Image key={id} src={points.fileUrl(id)} width={40} height={40} style={{ objectFit: 'cover' }} alt={t('points.records.photoAlt', { id })} />)}
                  </Space>
                </Image.PreviewGroup>
              ) : '-'),
            },
            { title: t('points.records.col.recordedBy'), dataIndex: 'recordedBy', width: 100, render: (v: PointsRecord['recordedBy']) => personName(v) },
            { title: t('points.records.col.recordedAt'), dataIndex: 'recordedAt', width: 140, render: formatDateTime },
            {
              title: t('points.records.col.status'),
              dataIndex: 'status',
              width: 160,
              // The review outcome stays in view at 1366 px: the table scrolls under it.
              fixed: 'right',
              render: (s: RecordStatus, r) => (
                <Space orientation="vertical" size={0}>
                  <Tag color={recordStatusColor[s]}>{t(`points.recordStatus.${s}`)}</Tag>
                  {r.reviewNote && <Typography.Text type="secondary">{r.reviewNote}</Typography.Text>}
                  {r.reviewedBy && <Typography.Text type="secondary">{personName(r.reviewedBy)} {formatDateTime(r.reviewedAt)}</Typography.Text>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <RejectModal open={rejecting} count={selected.length} onClose={() => setRejecting(false)} onReject={(note) => review('reject', note)} />
    </div>
  );
}

/** Rejecting always says why: the recorder and the household see the reason. */
function RejectModal({ open, count, onClose, onReject }: { open: boolean; count: number; onClose: () => void; onReject: (note: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  return (
    <FormModal
      open={open}
      title={t('points.records.rejectTitle', { count })}
      okText={t('points.records.reject')}
      danger
      form={form}
      onClose={onClose}
      onSubmit={(v) => onReject(v.note.trim())}
    >
      <Form.Item name="note" label={t('points.records.rejectReason')} rules={[{ required: true, whitespace: true, message: t('points.records.rejectReasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
