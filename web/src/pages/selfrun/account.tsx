import { useMemo } from 'react';
import { Alert, Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EChart } from '../../components/echart.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { readInt, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/selfrun-account-api.js';

/** 公共账户: the self-run compounds in scope with their balance; money raised and spent by street; low service reviews. */
export default function SelfrunAccountsPage() {
  const { t } = useTranslation();
  const { params, update } = useUrlState();
  const page = readInt(params, 'page', 1);
  const pageSize = readInt(params, 'pageSize', 20);
  const list = useLoad(`${page}|${pageSize}`, () => api.listCompounds({ page, pageSize }), t('error.unknown'));
  const figures = useLoad('figures', () => api.getFigures(), t('error.unknown'));
  const option = useMemo(() => {
    const rows = figures.data?.byStreet ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: [t('selfrunAccount.income'), t('selfrunAccount.expense')] },
      grid: { left: 60, right: 20, top: 30, bottom: 40 },
      xAxis: { type: 'category', data: rows.map((r) => r.street) },
      yAxis: { type: 'value', name: t('selfrunAccount.yuanUnit') },
      series: [
        { name: t('selfrunAccount.income'), type: 'bar', data: rows.map((r) => r.incomeFen / 100) },
        { name: t('selfrunAccount.expense'), type: 'bar', data: rows.map((r) => r.expenseFen / 100) },
      ],
    };
  }, [figures.data, t]);
  const flagged = (figures.data?.reviews ?? []).filter((r) => r.flagged);

  return (
    <div>
      <PageHeader title={t('nav.selfrunAccount')} description={t('selfrunAccount.description')} />
      {(list.error || figures.error) && <Alert type="error" showIcon message={list.error ?? figures.error} style={{ marginBottom: 12 }} />}
      {flagged.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('selfrunAccount.flaggedTitle')}
          description={flagged.map((r) => t('selfrunAccount.flaggedLine', { compound: `${r.community} ${r.compound}`, average: r.average, ratings: r.ratings })).join('；')} />
      )}
      <Card size="small" title={t('selfrunAccount.figuresTitle')} style={{ marginBottom: 16 }}>
        <EChart option={option} height={260} ariaLabel={t('selfrunAccount.figuresTitle')} testId="selfrun-account-chart" />
      </Card>
      <Table
        rowKey="compoundId" loading={list.loading} dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize, total: list.data?.total ?? 0, onChange: (p, s) => update({ page: String(p), pageSize: String(s) }) }}
        columns={[
          { title: t('selfrunAccount.compound'), render: (_, r) => <Link to={`/selfrun/compounds/${r.compoundId}/account`}>{r.compound}</Link> },
          { title: t('selfrunAccount.community'), dataIndex: 'community' },
          { title: t('selfrunAccount.balance'), align: 'right', render: (_, r) => api.yuan(r.balanceFen) },
          { title: t('selfrunAccount.closedThrough'), render: (_, r) => r.closedThrough ?? <Tag>{t('selfrunAccount.none')}</Tag> },
        ]}
      />
    </div>
  );
}
