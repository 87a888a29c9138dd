import { Alert, Card, Select, Space, Switch, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { PAGE_SIZES, readInt, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/supervision-api.js';
import type { Problem } from '../../services/supervision-api.js';

export function ProblemStatusTag({ status, overdue }: { status: Problem['status']; overdue?: boolean }) {
  const { t } = useTranslation();
  const color = status === 'verified' ? 'green' : status === 'sent_back' ? 'orange' : status === 'reported' ? 'blue' : undefined;
  return (
    <Space size={2}>
      <Tag color={color}>{t(`supervision.problemStatus.${status}`)}</Tag>
      {overdue && <Tag color="red">{t('supervision.problems.overdue')}</Tag>}
    </Space>
  );
}

/** Problems found by inspections: in scope for the city, counties and streets; handed to (or found by) a department for its accounts. */
export default function SupervisionProblemsPage() {
  const { t } = useTranslation();
  const { params, update } = useUrlState();
  const page = readInt(params, 'page', 1);
  const pageSize = readInt(params, 'pageSize', 20);
  const status = params.get('status') || undefined;
  const inspectionId = readInt(params, 'inspectionId', 0) || undefined;
  const overdue = params.get('overdue') === 'true' ? 'true' as const : undefined;
  const list = useLoad(`${page}|${pageSize}|${status}|${inspectionId}|${overdue}`, () => api.listProblems({ status, inspectionId, overdue, page, pageSize }), t('error.unknown'));
  return (
    <div>
      <PageHeader title={t('nav.supervisionProblems')} description={t('supervision.problems.description')} />
      {list.error && <Alert type="error" showIcon title={list.error} className="page-alert" />}
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select allowClear placeholder={t('supervision.filter.status')} aria-label={t('supervision.filter.status')} style={{ width: 140 }} value={status}
            onChange={(v) => update({ status: v, page: undefined })} options={api.PROBLEM_STATUSES.map((s) => ({ value: s, label: t(`supervision.problemStatus.${s}`) }))} />
          <Space><Switch aria-label={t('supervision.problems.overdueOnly')} checked={!!overdue} onChange={(v) => update({ overdue: v ? 'true' : undefined, page: undefined })} />{t('supervision.problems.overdueOnly')}</Space>
        </Space>
        <Table<Problem>
          rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, pageSizeOptions: PAGE_SIZES, showSizeChanger: true, onChange: (p, s) => update({ page: p, pageSize: s }) }}
          columns={[
            { title: t('supervision.problems.description'), dataIndex: 'description', render: (v: string, r) => <Link to={`/supervision/problems/${r.id}`}>{v.length > 40 ? `${v.slice(0, 40)}…` : v}</Link> },
            { title: t('supervision.problems.category'), dataIndex: 'category', render: (c: Problem['category']) => t(`supervision.category.${c}`) },
            { title: t('supervision.problems.place'), dataIndex: 'placeName' },
            { title: t('supervision.inspections.name'), dataIndex: 'inspectionTitle' },
            { title: t('supervision.problems.receiver'), dataIndex: 'receiver', render: (v: string | null) => v ?? '—' },
            { title: t('supervision.problems.deadline'), dataIndex: 'deadline', render: (v: string | null) => v ?? '—' },
            { title: t('supervision.filter.status'), render: (_, r) => <ProblemStatusTag status={r.status} overdue={r.overdue} /> },
            { title: t('supervision.problems.foundAt'), dataIndex: 'foundAt', render: formatDateTime },
          ]}
        />
      </Card>
    </div>
  );
}
