import { useMemo } from 'react';
import dayjs from 'dayjs';
import { Alert, Button, Card, Space, Spin, Table, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useMe } from '../../components/auth-provider.js';
import { EChart } from '../../components/echart.js';
import { formatNumber } from '../../components/format.js';
import { useLoad } from '../../components/use-load.js';
import { getCatalogue, getReport, reportExportUrl, type IndicatorMeta } from '../../services/stats-api.js';

type Measured = Exclude<IndicatorMeta['unit'], 'count' | 'percent'>;

/**
 * 月报: a unit's month on one printable page — the generated comparison with the month before,
 * every figure with last month's, and the units below — printed or saved as PDF from the
 * browser, or downloaded as a workbook. Nobody types the report again.
 */
export default function CockpitReportPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [params] = useSearchParams();
  const orgId = Number(params.get('orgId')) || me.scope.orgId;
  const month = params.get('month') ?? undefined;
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const catalogue = useLoad('catalogue', getCatalogue, t('error.unknown'));
  const report = useLoad(`${orgId}|${month ?? ''}`, () => getReport(orgId, month), t('error.unknown'));
  const metaOf = useMemo(() => new Map((catalogue.data?.items ?? []).map((i) => [i.key, i])), [catalogue.data]);
  const r = report.data;
  const unitLabel = (u: Measured) => t(`cockpit.unit.${u}`);
  const shown = (meta: IndicatorMeta | undefined, v: number | null) => {
    if (v === null) return '—';
    if (meta?.unit === 'percent') return `${v}%`;
    return `${formatNumber(v)}${meta && meta.unit !== 'count' ? ` ${unitLabel(meta.unit)}` : ''}`;
  };
  const chartKey = r?.figures.find((f) => f.key === 'demands.received' && f.childLevel) ?? r?.figures.find((f) => f.key === 'people.residents' && f.childLevel);
  const chart = useMemo(() => (r && chartKey && r.children.length ? {
    animation: false, // printed as drawn
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: r.children.map((c) => c.name), axisLabel: { interval: 0, rotate: r.children.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', data: r.children.map((c) => chartKey.byChild[String(c.id)]), itemStyle: { color: '#1677ff' } }],
  } : null), [r, chartKey]);

  return (
    <div className="print-page">
      <Space className="no-print" style={{ marginBottom: 12 }} wrap>
        <Link to={`/cockpit?orgId=${orgId}${month ? `&month=${month}` : ''}`}>{t('cockpit.report.back')}</Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!r}>{t('cockpit.report.print')}</Button>
        {r && <Button icon={<DownloadOutlined />} href={reportExportUrl(orgId, r.month)} download>{t('cockpit.report.export')}</Button>}
      </Space>
      {(report.error || catalogue.error) && <Alert type="error" showIcon message={report.error ?? catalogue.error} />}
      <Spin spinning={report.loading || catalogue.loading}>
        {r && (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Title level={3} data-testid="report-title" style={{ marginBottom: 0 }}>
              {t('cockpit.report.title', { unit: r.unit.name, month: r.month })}
            </Typography.Title>
            <Typography.Text type="secondary">{r.live ? t('cockpit.report.live', { time: dayjs(r.asOf).format('YYYY-MM-DD HH:mm') }) : t('cockpit.report.closed')}</Typography.Text>
            {r.previousSpan && <Typography.Text type="secondary" data-testid="report-same-span">{t('cockpit.report.sameSpan', { time: dayjs(r.previousSpan.to).format('YYYY-MM-DD HH:mm') })}</Typography.Text>}
            <Card size="small" title={t('cockpit.report.summary')}>
              {r.summary.map((line, k) => <Typography.Paragraph key={k} style={{ marginBottom: 4 }} data-testid="report-summary">{line}</Typography.Paragraph>)}
            </Card>
            <Card size="small" title={t('cockpit.report.figures')}>
              <Table
                size="small" rowKey="key" pagination={false} dataSource={r.figures}
                columns={[
                  { title: t('cockpit.report.group'), render: (_: unknown, f) => { const g = metaOf.get(f.key)?.group; return g ? t(`cockpit.group.${g}`) : ''; } },
                  { title: t('cockpit.report.indicator'), render: (_: unknown, f) => metaOf.get(f.key)?.name[lang] ?? f.key },
                  { title: t('cockpit.report.thisMonth'), align: 'right', render: (_: unknown, f) => shown(metaOf.get(f.key), f.value) },
                  { title: t('cockpit.report.lastMonth'), align: 'right', render: (_: unknown, f) => shown(metaOf.get(f.key), f.previous) },
                  ...(r.previousSpan ? [{ title: t('cockpit.report.lastMonthSameSpan'), align: 'right' as const, render: (_: unknown, f: (typeof r.figures)[number]) => shown(metaOf.get(f.key), f.previousSameSpan) }] : []),
                ]}
              />
            </Card>
            {chart && chartKey && (
              <Card size="small" title={`${t('cockpit.byChild')}：${metaOf.get(chartKey.key)?.name[lang] ?? ''}`}>
                <EChart option={chart} height={300} ariaLabel={t('cockpit.barLabel')} testId="report-chart" />
              </Card>
            )}
          </Space>
        )}
      </Spin>
    </div>
  );
}
