import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Popconfirm, Space, Statistic, Table, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors.js';
import { FormModal } from '../../components/form-modal.js';
import { OrgSearchSelect } from '../../components/org-search-select.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/dual-report-api.js';
import type { MemberRecord, Pairing } from '../../services/dual-report-api.js';
import { GradeTag, PostTags, StatusTag, YearSelect, thisYear } from './shared.js';

/**
 * A unit's year: who it is, the communities it reported to, its in-service members' records and
 * the communities' evaluations, with the export for its own appraisal. The unit admin reports
 * to a community and withdraws a waiting report here; a county or street records one for it.
 */
export function UnitRecordView({ unitId, mode }: { unitId: number; mode: 'unit' | 'registrar' | 'viewer' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [year, setYear] = useState(thisYear());
  const [reporting, setReporting] = useState(false);
  const [form] = Form.useForm<{ communityId: number; note?: string }>();
  const { data, error, loading, reload } = useLoad(`unit-record|${unitId}|${year}`, () => api.unitRecord(unitId, year), t('error.unknown'));
  const withdraw = async (p: Pairing) => {
    try {
      await api.withdrawPairing(p.id);
      reload();
    } catch (e) {
      void message.error(errorMessage(e, t('error.unknown')));
    }
  };
  return (
    <div>
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      {data && (
        <>
          <Descriptions size="small" className="page-alert" column={2} items={[
            { key: 'name', label: t('dualReport.unit.name'), children: data.unit.name },
            { key: 'kind', label: t('dualReport.unit.kind'), children: t(`dualReport.kind.${data.unit.kind}`) },
            { key: 'party', label: t('dualReport.unit.partyOrg'), children: data.unit.partyOrgName },
            { key: 'credit', label: t('dualReport.unit.creditCode'), children: data.unit.creditCode ?? '-' },
            { key: 'contact', label: t('dualReport.unit.contact'), children: `${data.unit.contactName} ${data.unit.phone ?? ''}` },
            { key: 'org', label: t('dualReport.unit.registeredBy'), children: data.unit.orgName },
          ]} />
          <div className="page-alert"><Space wrap>
            <YearSelect value={year} onChange={setYear} />
            <Button icon={<DownloadOutlined />} href={api.unitExportUrl(unitId, year)}>{t('dualReport.unit.export')}</Button>
            {mode !== 'viewer' && <Button type="primary" icon={<PlusOutlined />} onClick={() => setReporting(true)}>{t('dualReport.unit.reportTo')}</Button>}
          </Space></div>
          <div className="page-alert"><Space wrap size="large">
            <Statistic title={t('dualReport.totals.members')} value={data.totals.members} />
            <Statistic title={t('dualReport.totals.participated')} value={data.totals.participated} />
            <Statistic title={t('dualReport.totals.services')} value={data.totals.services} />
            <Statistic title={t('dualReport.totals.hours')} value={data.totals.hours} />
            <Statistic title={t('dualReport.totals.wishes')} value={data.totals.wishesFulfilled} />
          </Space></div>
        </>
      )}
      <Card title={t('dualReport.unit.pairings')} className="page-alert" size="small">
        <Table<Pairing> rowKey="id" size="small" loading={loading} dataSource={data?.pairings ?? []} pagination={false} aria-label={t('dualReport.unit.pairings')}
          columns={[
            { title: t('dualReport.field.community'), dataIndex: 'communityName' },
            { title: t('dualReport.field.status'), key: 'status', render: (_, p) => <Space><StatusTag status={p.status} />{p.declineReason}</Space> },
            { title: t('dualReport.field.note'), dataIndex: 'note', render: (v: string | null) => v ?? '-' },
            { title: t('dualReport.field.grade'), key: 'grade', render: (_, p) => (p.status === 'confirmed' ? <GradeTag grade={p.grade} /> : '-') },
            { title: t('dualReport.field.comment'), dataIndex: 'gradeComment', render: (v: string | null) => v ?? '' },
            ...(mode === 'unit' ? [{
              title: t('dualReport.field.actions'), key: 'actions',
              render: (_: unknown, p: Pairing) => p.status === 'pending' && (
                <Popconfirm title={t('dualReport.unit.withdrawConfirm')} onConfirm={() => withdraw(p)}>
                  <Button type="link" size="small">{t('dualReport.action.withdraw')}</Button>
                </Popconfirm>
              ),
            }] : []),
          ]} />
      </Card>
      <Card title={t('dualReport.unit.members')} className="page-alert" size="small">
        <MemberRecordTable items={data?.members ?? []} loading={loading} />
      </Card>
      <FormModal<{ communityId: number; note?: string }> open={reporting} form={form} title={t('dualReport.unit.reportTo')}
        onClose={() => setReporting(false)}
        onSubmit={async (v) => {
          const input = { communityId: v.communityId, year, note: v.note?.trim() || undefined };
          await (mode === 'unit' ? api.requestPairing(input) : api.recordPairing(unitId, input));
          reload();
        }}>
        <Form.Item name="communityId" label={t('dualReport.field.community')} rules={[{ required: true, message: t('dualReport.unit.communityRequired') }]}>
          <OrgSearchSelect kind="community" aria-label={t('dualReport.field.community')} placeholder={t('dualReport.unit.communitySearch')} />
        </Form.Item>
        <Form.Item name="note" label={t('dualReport.field.note')} extra={t('dualReport.unit.noteHint')}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </FormModal>
    </div>
  );
}

/** Members' year records: counted figures, 未参与 shown plainly, and the evaluation. */
export function MemberRecordTable({ items, loading, total, page, onPage, action }: {
  items: MemberRecord[];
  loading: boolean;
  total?: number;
  page?: number;
  onPage?: (p: number) => void;
  action?: (r: MemberRecord) => React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Table<MemberRecord> rowKey="reportId" size="small" loading={loading} dataSource={items} aria-label={t('dualReport.unit.members')}
      pagination={onPage ? { current: page, pageSize: 20, total, onChange: onPage, showSizeChanger: false } : false}
      columns={[
        { title: t('dualReport.field.member'), dataIndex: 'memberName' },
        { title: t('dualReport.field.community'), dataIndex: 'communityName' },
        { title: t('dualReport.field.unit'), dataIndex: 'workUnitName' },
        { title: t('dualReport.field.posts'), key: 'posts', render: (_, r) => <PostTags posts={r.posts} /> },
        { title: t('dualReport.totals.services'), dataIndex: 'services', align: 'right' },
        { title: t('dualReport.totals.hours'), dataIndex: 'hours', align: 'right' },
        { title: t('dualReport.totals.wishes'), dataIndex: 'wishesFulfilled', align: 'right' },
        {
          title: t('dualReport.field.participation'), key: 'participated',
          render: (_, r) => (r.participated ? <Tag color="green">{t('dualReport.participated.yes')}</Tag> : <Tag color="red">{t('dualReport.participated.no')}</Tag>),
        },
        { title: t('dualReport.field.grade'), key: 'grade', render: (_, r) => <GradeTag grade={r.grade} /> },
        { title: t('dualReport.field.comment'), dataIndex: 'gradeComment', render: (v: string | null) => v ?? '' },
        ...(action ? [{ title: t('dualReport.field.actions'), key: 'actions', render: (_: unknown, r: MemberRecord) => action(r) }] : []),
      ]} />
  );
}
