import { useState } from 'react';
import { Alert, Button, Select, Space, Table, Tabs } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../components/auth-provider.js';
import { OrgSearchSelect } from '../../components/org-search-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { readInt, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/dual-report-api.js';
import type { Grade, MemberRecord, Pairing } from '../../services/dual-report-api.js';
import { evaluates } from '../../../../server/modules/cobuild/dual-report.policy.js';
import { EvaluateModal, GradeTag, YearSelect, thisYear } from './shared.js';
import { MemberRecordTable } from './unit-record.js';

type Target = { id: number; label: string; grade: Grade | null; comment: string | null; kind: 'member' | 'unit' };

/**
 * 双评价: once a year the community grades each confirmed in-service member and each paired unit
 * (优秀/称职/基本称职/不称职, with a comment); the year's figures sit beside each name, and a
 * unit's year exports for its own appraisal.
 */
export default function DualReportEvaluationPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { params, update } = useUrlState();
  const tab = params.get('tab') ?? 'members';
  const page = readInt(params, 'page', 1);
  const year = readInt(params, 'year', thisYear());
  const graded = (params.get('graded') || undefined) as 'yes' | 'no' | undefined;
  const communityId = readInt(params, 'communityId', 0) || (me.scope.kind === 'community' ? me.scope.orgId : undefined);
  const [target, setTarget] = useState<Target | null>(null);
  const may = evaluates(me.role);
  const members = useLoad(tab === 'members' ? `m|${page}|${year}|${graded}|${communityId}` : null,
    () => api.memberRecords({ page, pageSize: 20, year, graded, communityId }), t('error.unknown'));
  const units = useLoad(tab === 'units' ? `u|${page}|${year}|${communityId}` : null,
    () => api.listPairings({ page, pageSize: 20, year, status: 'confirmed', communityId }), t('error.unknown'));
  const error = members.error ?? units.error;

  return (
    <div>
      <PageHeader title={t('nav.cobuildEvaluation')} description={t('dualReport.evaluation.description')} />
      <Space wrap className="page-alert">
        <YearSelect value={year} onChange={(y) => update({ year: y === thisYear() ? undefined : y, page: undefined })} />
        {me.scope.kind !== 'community' && (
          <OrgSearchSelect kind="community" aria-label={t('dualReport.field.community')} placeholder={t('dualReport.review.allCommunities')} style={{ width: 260 }}
            value={communityId} onChange={(id) => update({ communityId: id, page: undefined })} />
        )}
        {tab === 'members' && (
          <Select<'yes' | 'no'> aria-label={t('dualReport.evaluation.graded')} placeholder={t('dualReport.evaluation.graded')} allowClear style={{ width: 140 }} value={graded}
            options={[{ value: 'no', label: t('dualReport.evaluation.notGraded') }, { value: 'yes', label: t('dualReport.evaluation.isGraded') }]}
            onChange={(v) => update({ graded: v, page: undefined })} />
        )}
      </Space>
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Tabs activeKey={tab} onChange={(k) => update({ tab: k === 'members' ? undefined : k, page: undefined })}
        items={[
          {
            key: 'members', label: t('dualReport.evaluation.members'),
            children: (
              <MemberRecordTable items={members.data?.items ?? []} loading={members.loading} total={members.data?.total ?? 0} page={page} onPage={(p) => update({ page: p })}
                action={may ? (r: MemberRecord) => (
                  <Button type="link" size="small" onClick={() => setTarget({ id: r.reportId, label: r.memberName, grade: r.grade, comment: r.gradeComment, kind: 'member' })}>
                    {t('dualReport.action.evaluate')}
                  </Button>
                ) : undefined} />
            ),
          },
          {
            key: 'units', label: t('dualReport.evaluation.units'),
            children: (
              <Table<Pairing> rowKey="id" loading={units.loading} dataSource={units.data?.items ?? []} aria-label={t('dualReport.evaluation.units')}
                pagination={{ current: page, pageSize: 20, total: units.data?.total ?? 0, onChange: (p) => update({ page: p }), showSizeChanger: false }}
                columns={[
                  { title: t('dualReport.unit.name'), dataIndex: 'workUnitName' },
                  { title: t('dualReport.field.community'), dataIndex: 'communityName' },
                  { title: t('dualReport.field.grade'), key: 'grade', render: (_, p) => <GradeTag grade={p.grade} /> },
                  { title: t('dualReport.field.comment'), dataIndex: 'gradeComment', render: (v: string | null) => v ?? '' },
                  {
                    title: t('dualReport.field.actions'), key: 'actions',
                    render: (_, p) => (
                      <Space size={4}>
                        {may && (
                          <Button type="link" size="small" onClick={() => setTarget({ id: p.id, label: p.workUnitName, grade: p.grade, comment: p.gradeComment, kind: 'unit' })}>
                            {t('dualReport.action.evaluate')}
                          </Button>
                        )}
                        <Button type="link" size="small" icon={<DownloadOutlined />} href={api.unitExportUrl(p.workUnitId, year)}>{t('dualReport.unit.export')}</Button>
                      </Space>
                    ),
                  },
                ]} />
            ),
          },
        ]} />
      <EvaluateModal target={target} onClose={() => setTarget(null)}
        onSave={async (id, v) => {
          await (target?.kind === 'unit' ? api.evaluatePairing(id, v) : api.evaluateMember(id, v));
          if (target?.kind === 'unit') units.reload();
          else members.reload();
        }} />
    </div>
  );
}
