import { useMemo } from 'react';
import { Alert, Card, Col, Row, Space, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { EChart } from '../../components/echart.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { readInt, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/cobuild-projects-api.js';
import type { CobuildCategory, CobuildOverview } from '../../services/cobuild-projects-api.js';

type Child = CobuildOverview['children'][number];

/** 结对共建概览: projects per category (the city's table), units, needs met, and per street or community; each figure opens its list. */
export default function CobuildOverviewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { params, update } = useUrlState();
  const orgId = readInt(params, 'orgId', 0) || undefined;
  const { data: o, loading, error } = useLoad(`${orgId}`, () => api.getOverview(orgId), t('error.unknown'));
  const at = (path: string, q: Record<string, string | number | undefined>) => {
    const s = new URLSearchParams();
    for (const [k, v] of Object.entries({ orgId: o?.place.id, ...q })) if (v !== undefined) s.set(k, String(v));
    return `${path}?${s.toString()}`;
  };
  const names = useMemo(() => Object.fromEntries(api.COBUILD_CATEGORIES.map((c) => [c, t(`cobuildProjects.category.${c}`)])) as Record<CobuildCategory, string>, [t]);
  const chart = useMemo(() => (o ? {
    color: ['#c8161d'],
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: o.byCategory.map((c) => names[c.category]), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: t('cobuildProjects.overview.projects'), type: 'bar', barMaxWidth: 36, label: { show: true, position: 'top' }, data: o.byCategory.map((c) => c.count) }],
  } : null), [o, names, t]);

  const kpi = (key: keyof CobuildOverview['totals'], to: string) => (
    <Col flex="1 1 150px" key={key}>
      <Card size="small" data-testid={`cobuild-kpi-${key}`}>
        <Link to={to}><Statistic title={t(`cobuildProjects.overview.${key}`)} value={o?.totals[key] ?? '-'} loading={loading && !o} /></Link>
      </Card>
    </Col>
  );

  return (
    <div>
      <PageHeader
        title={o ? `${t('nav.cobuildOverview')} · ${o.place.name}` : t('nav.cobuildOverview')}
        description={t('cobuildProjects.overview.description')}
        extra={<OrgTreeSelect aria-label={t('cobuildProjects.field.org')} placeholder={t('cobuildProjects.field.org')} style={{ width: 240 }} value={orgId} onChange={(id) => update({ orgId: id })} />}
      />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Row gutter={[16, 16]} className="rates-kpis">
        {kpi('projects', at('/cobuild/projects', {}))}
        {kpi('published', at('/cobuild/projects', { status: 'published' }))}
        {kpi('running', at('/cobuild/projects', { status: 'in_progress' }))}
        {kpi('accepted', at('/cobuild/projects', { status: 'accepted' }))}
        {kpi('units', at('/cobuild/projects', {}))}
        {kpi('paired', at('/cobuild/projects', {}))}
        {kpi('needsOpen', at('/cobuild/needs', { status: 'open' }))}
        {kpi('needsMet', at('/cobuild/needs', { status: 'met' }))}
        {kpi('resources', at('/cobuild/resources', {}))}
      </Row>
      <Card title={t('cobuildProjects.overview.byCategory')} className="rates-card">
        {chart && (
          <EChart option={chart} height={300} resetKey={`${orgId}`} ariaLabel={t('cobuildProjects.overview.chartLabel')} testId="cobuild-category-chart"
            onClick={(e) => navigate(at('/cobuild/projects', { category: api.COBUILD_CATEGORIES[e.dataIndex] }))} />
        )}
        <Space wrap size="large">
          {o?.byCategory.map((c) => (
            <Link key={c.category} to={at('/cobuild/projects', { category: c.category })}><Statistic title={names[c.category]} value={c.count} /></Link>
          ))}
        </Space>
      </Card>
      {o && o.children.length > 0 && (
        <Card title={t('cobuildProjects.overview.byChild')} className="rates-card">
          <Table<Child>
            rowKey="id"
            size="small"
            dataSource={o.children}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('cobuildProjects.overview.name'), dataIndex: 'name', render: (v: string, c) => <Link to={`/cobuild/overview?orgId=${c.id}`}>{v}</Link> },
              ...api.COBUILD_CATEGORIES.map((cat) => ({
                title: names[cat], key: cat, align: 'right' as const,
                render: (_: unknown, c: Child) => <Link to={`/cobuild/projects?orgId=${c.id}&category=${cat}`}>{c.byCategory[cat]}</Link>,
              })),
              { title: t('cobuildProjects.overview.total'), dataIndex: 'total', align: 'right', render: (v: number, c) => <Link to={`/cobuild/projects?orgId=${c.id}`}>{v}</Link> },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
