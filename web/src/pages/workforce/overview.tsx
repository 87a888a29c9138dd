import { useMemo } from 'react';
import { Alert, Card, Col, Row, Select, Space, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/echart.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { readInt, useUrlState } from '../../components/use-paged.js';
import * as wf from '../../services/workforce-api.js';
import type { Overview, Ratio } from '../../services/workforce-api.js';

const THIS_YEAR = new Date().getFullYear();

/** 队伍概览: community workers per 10,000 residents per street/community, and the secretaries' star distribution. */
export default function WorkforceOverviewPage() {
  const { t } = useTranslation();
  const { params, update } = useUrlState();
  const orgId = readInt(params, 'orgId', 0) || undefined;
  const year = readInt(params, 'year', THIS_YEAR);
  const { data, loading, error } = useLoad(`${orgId}|${year}`, () => wf.getOverview({ orgId, year }), t('error.unknown'));
  const o = data ?? undefined;
  const label = t('workforce.overview.per10k');
  const ratioChart = useMemo(() => (o && o.children.length ? ratioOption(o, label) : null), [o, label]);
  const starsChart = useMemo(() => (o ? starsOption(o, t('workforce.overview.secretaries')) : null), [o, t]);

  return (
    <div>
      <PageHeader
        title={t('nav.workforceOverview')}
        description={t('workforce.overview.description')}
        extra={
          <Space wrap>
            <OrgTreeSelect aria-label={t('workforce.org')} placeholder={t('workforce.org')} style={{ width: 240 }} value={orgId} onChange={(id) => update({ orgId: id })} />
            <Select aria-label={t('workforce.year')} style={{ width: 120 }} value={year} onChange={(v) => update({ year: v })}
              options={[THIS_YEAR, THIS_YEAR - 1, THIS_YEAR - 2].map((y) => ({ value: y, label: t('workforce.yearN', { year: y }) }))} />
          </Space>
        }
      />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Row gutter={[16, 16]} className="rates-kpis">
        <Col flex="1 1 180px"><Card size="small" data-testid="workforce-kpi-per10k"><Statistic title={label} value={o?.unit.per10k ?? '-'} loading={loading && !o} /></Card></Col>
        <Col flex="1 1 180px"><Card size="small"><Statistic title={t('workforce.overview.residents')} value={o?.unit.residents ?? '-'} /></Card></Col>
        <Col flex="1 1 180px"><Card size="small"><Statistic title={t('workforce.overview.communityWorkers')} value={o?.unit.communityWorkers ?? '-'} /></Card></Col>
        <Col flex="1 1 180px"><Card size="small"><Statistic title={t('workforce.overview.gridWorkers')} value={o?.unit.gridWorkers ?? '-'} /></Card></Col>
        <Col flex="1 1 180px"><Card size="small"><Statistic title={t('workforce.overview.assistants')} value={o?.unit.graduateAssistants ?? '-'} /></Card></Col>
      </Row>
      <Card title={t('workforce.overview.byChild')} className="rates-card">
        {ratioChart && <EChart option={ratioChart} height={300} resetKey={`${orgId}`} ariaLabel={t('workforce.overview.chartLabel')} testId="workforce-ratio-chart" />}
        <Table<Ratio>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={o?.children ?? []}
          pagination={false}
          columns={[
            { title: t('workforce.overview.name'), dataIndex: 'name' },
            { title: t('workforce.overview.residents'), dataIndex: 'residents', align: 'right' },
            { title: t('workforce.overview.communityWorkers'), dataIndex: 'communityWorkers', align: 'right' },
            { title: label, dataIndex: 'per10k', align: 'right', render: (v: number | null) => v ?? '-' },
            { title: t('workforce.overview.gridWorkers'), dataIndex: 'gridWorkers', align: 'right' },
            { title: t('workforce.overview.assistants'), dataIndex: 'graduateAssistants', align: 'right' },
          ]}
        />
      </Card>
      <Card title={t('workforce.overview.stars', { year })} className="rates-card">
        <Space wrap size="large" style={{ marginBottom: 12 }}>
          <Statistic title={t('workforce.overview.rated')} value={o?.rated ?? 0} />
          <Statistic title={t('workforce.overview.subsidy')} value={o?.subsidyYuan ?? 0} />
        </Space>
        {o && o.rated > 0
          ? starsChart && <EChart option={starsChart} height={260} resetKey={`${orgId}|${year}`} ariaLabel={t('workforce.overview.starsLabel')} />
          : <Alert type="info" showIcon title={t('workforce.overview.noRatings')} />}
      </Card>
    </div>
  );
}

function ratioOption(o: Overview, label: string) {
  const many = o.children.length > 8;
  return {
    color: ['#c8161d'],
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 24, bottom: many ? 64 : 32 },
    xAxis: { type: 'category', data: o.children.map((c) => c.name), axisLabel: { interval: 0, rotate: many ? 30 : 0 } },
    yAxis: { type: 'value', name: label },
    series: [{ name: label, type: 'bar', barMaxWidth: 24, data: o.children.map((c) => c.per10k ?? 0) }],
  };
}

function starsOption(o: Overview, label: string) {
  return {
    color: ['#faad14'],
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: o.stars.map((s) => (s.stars ? '★'.repeat(s.stars) : '0')) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: label, type: 'bar', barMaxWidth: 32, data: o.stars.map((s) => s.count) }],
  };
}
