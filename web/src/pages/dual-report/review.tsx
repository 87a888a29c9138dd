import { useState } from 'react';
import { Alert, App, Button, Checkbox, Select, Space, Table, Tabs, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import { OrgSearchSelect } from '../../components/org-search-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { readInt, usePaged, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/dual-report-api.js';
import type { MemberPost, MemberReport, Pairing, ReportStatus } from '../../services/dual-report-api.js';
import { decidesReports } from '../../../../server/modules/cobuild/dual-report.policy.js';
import { DeclineModal, PostTags, StatusTag, thisYear } from './shared.js';
import { MemberRecordTable } from './unit-record.js';

/**
 * 报到审核: the community (or its street) confirms or declines in-service members' and units'
 * reports, sees the confirmed members who have not taken part this year, and sets the posts it
 * offers.
 */
export default function DualReportReviewPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { params, update } = useUrlState();
  const tab = params.get('tab') ?? 'members';
  const communityId = readInt(params, 'communityId', 0) || (me.scope.kind === 'community' ? me.scope.orgId : undefined);
  return (
    <div>
      <PageHeader title={t('nav.cobuildReview')} description={t('dualReport.review.description')} />
      {me.scope.kind !== 'community' && (
        <Space wrap className="page-alert">
          <OrgSearchSelect kind="community" aria-label={t('dualReport.field.community')} placeholder={t('dualReport.review.allCommunities')} style={{ width: 260 }}
            value={communityId} onChange={(id) => update({ communityId: id, page: undefined })} />
        </Space>
      )}
      <Tabs activeKey={tab} onChange={(k) => update({ tab: k === 'members' ? undefined : k, page: undefined, status: undefined })}
        items={[
          { key: 'members', label: t('dualReport.review.members'), children: <MemberReports communityId={communityId} /> },
          { key: 'units', label: t('dualReport.review.units'), children: <UnitReports communityId={communityId} /> },
          { key: 'absent', label: t('dualReport.review.absent'), children: <Absent communityId={communityId} /> },
          { key: 'posts', label: t('dualReport.review.posts'), children: <Posts communityId={communityId} /> },
        ]} />
    </div>
  );
}

function StatusFilter({ value, onChange }: { value: ReportStatus | 'all'; onChange: (v: ReportStatus | 'all') => void }) {
  const { t } = useTranslation();
  return (
    <Select<ReportStatus | 'all'> aria-label={t('dualReport.field.status')} style={{ width: 140 }} value={value} onChange={onChange}
      options={[...api.REPORT_STATUSES.map((s) => ({ value: s, label: t(`dualReport.status.${s}`) })), { value: 'all' as const, label: t('dualReport.review.allStatuses') }]} />
  );
}

/** What one review tab lists (members' reports or units' pairings) and how it confirms and declines them. */
interface ReviewKind<T extends { id: number; status: ReportStatus; declineReason: string | null }> {
  key: string;
  ariaLabel: string;
  load: (q: { page: number; pageSize: number; communityId?: number; status?: ReportStatus }) => Promise<{ items: T[]; total: number }>;
  confirm: (id: number) => Promise<unknown>;
  decline: (id: number, reason: string) => Promise<unknown>;
  /** Who the row is, in the confirmation message and the decline dialog. */
  label: (r: T) => string;
  columns: TableColumnsType<T>;
}

/** Pending reports first (the status filter), each confirmed or declined with a reason by those who decide. */
function ReviewTable<T extends { id: number; status: ReportStatus; declineReason: string | null }>({ kind, communityId }: { kind: ReviewKind<T>; communityId?: number }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const { params, update } = useUrlState();
  const page = readInt(params, 'page', 1);
  const status = (params.get('status') || 'pending') as ReportStatus | 'all';
  const [declining, setDeclining] = useState<{ id: number; label: string } | null>(null);
  const decides = decidesReports(me.role);
  const { data, loading, error, reload } = usePaged(`${kind.key}|${page}|${status}|${communityId}`,
    () => kind.load({ page, pageSize: 20, communityId, status: status === 'all' ? undefined : status }), t('error.unknown'));
  const confirm = async (r: T) => {
    try {
      await kind.confirm(r.id);
      void message.success(t('dualReport.review.confirmed', { name: kind.label(r) }));
      reload();
    } catch (e) {
      void message.error(errorMessage(e, t('error.unknown')));
    }
  };
  return (
    <>
      <Space className="page-alert"><StatusFilter value={status} onChange={(v) => update({ status: v === 'pending' ? undefined : v, page: undefined })} /></Space>
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Table<T> rowKey="id" loading={loading} dataSource={data?.items ?? []} aria-label={kind.ariaLabel}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: (p) => update({ page: p }), showSizeChanger: false }}
        columns={[
          ...kind.columns,
          { title: t('dualReport.field.status'), key: 'status', render: (_, r) => <Space><StatusTag status={r.status} />{r.declineReason}</Space> },
          ...(decides ? [{
            title: t('dualReport.field.actions'), key: 'actions',
            render: (_: unknown, r: T) => r.status === 'pending' && (
              <Space size={4}>
                <Button type="link" size="small" onClick={() => confirm(r)}>{t('dualReport.action.confirm')}</Button>
                <Button type="link" size="small" danger onClick={() => setDeclining({ id: r.id, label: kind.label(r) })}>{t('dualReport.action.decline')}</Button>
              </Space>
            ),
          }] : []),
        ]} />
      <DeclineModal target={declining} onClose={() => setDeclining(null)} onDecline={async (id, reason) => { await kind.decline(id, reason); reload(); }} />
    </>
  );
}

function MemberReports({ communityId }: { communityId?: number }) {
  const { t } = useTranslation();
  const kind: ReviewKind<MemberReport> = {
    key: 'm', ariaLabel: t('dualReport.review.members'), load: api.listMemberReports, confirm: api.confirmMemberReport, decline: api.declineMemberReport,
    label: (r) => r.memberName,
    columns: [
      { title: t('dualReport.field.member'), dataIndex: 'memberName' },
      { title: t('dualReport.field.community'), dataIndex: 'communityName' },
      { title: t('dualReport.field.unit'), key: 'unit', render: (_, r) => <>{r.workUnitName}{!r.unitListed && <> ({t('dualReport.review.unlisted')})</>}</> },
      { title: t('dualReport.field.posts'), key: 'posts', render: (_, r) => <PostTags posts={r.posts} /> },
      { title: t('dualReport.year'), dataIndex: 'year' },
      { title: t('dualReport.field.submittedAt'), dataIndex: 'submittedAt', render: (v: string) => new Date(v).toLocaleDateString('zh-CN') },
    ],
  };
  return <ReviewTable kind={kind} communityId={communityId} />;
}

function UnitReports({ communityId }: { communityId?: number }) {
  const { t } = useTranslation();
  const kind: ReviewKind<Pairing> = {
    key: 'u', ariaLabel: t('dualReport.review.units'), load: api.listPairings, confirm: api.confirmPairing, decline: api.declinePairing,
    label: (p) => p.workUnitName,
    columns: [
      { title: t('dualReport.unit.name'), dataIndex: 'workUnitName' },
      { title: t('dualReport.field.community'), dataIndex: 'communityName' },
      { title: t('dualReport.year'), dataIndex: 'year' },
      { title: t('dualReport.field.note'), dataIndex: 'note', render: (v: string | null) => v ?? '-' },
    ],
  };
  return <ReviewTable kind={kind} communityId={communityId} />;
}

/** Confirmed members with no service and no wish this year: shown, never hidden. */
function Absent({ communityId }: { communityId?: number }) {
  const { t } = useTranslation();
  const { params, update } = useUrlState();
  const page = readInt(params, 'page', 1);
  const { data, loading, error } = usePaged(`a|${page}|${communityId}`,
    () => api.memberRecords({ page, pageSize: 20, communityId, year: thisYear(), participated: 'no' }), t('error.unknown'));
  return (
    <>
      <Alert type="info" showIcon title={t('dualReport.review.absentHint')} className="page-alert" />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <MemberRecordTable items={data?.items ?? []} loading={loading} total={data?.total ?? 0} page={page} onPage={(p) => update({ page: p })} />
    </>
  );
}

function Posts({ communityId }: { communityId?: number }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const [picked, setPicked] = useState<MemberPost[] | null>(null);
  const { data, error, reload } = useLoad(communityId ? `posts|${communityId}` : null, () => api.postOffers(communityId!), t('error.unknown'));
  if (!communityId) return <Alert type="info" showIcon title={t('dualReport.review.pickCommunity')} />;
  const value = picked ?? data?.posts ?? [];
  const save = async () => {
    try {
      await api.setPostOffers(communityId, value);
      setPicked(null);
      reload();
      void message.success(t('dualReport.review.postsSaved'));
    } catch (e) {
      void message.error(errorMessage(e, t('error.unknown')));
    }
  };
  return (
    <>
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <p>{t(data?.limited ? 'dualReport.review.postsLimited' : 'dualReport.review.postsAll')}</p>
      <Checkbox.Group aria-label={t('dualReport.review.posts')} value={value} onChange={(v) => setPicked(v as MemberPost[])} disabled={!decidesReports(me.role)}
        options={api.MEMBER_POSTS.map((p) => ({ value: p, label: t(`dualReport.post.${p}`) }))} />
      {decidesReports(me.role) && (
        <div className="page-alert"><Button type="primary" disabled={!value.length} onClick={save}>{t('common.save')}</Button></div>
      )}
    </>
  );
}
