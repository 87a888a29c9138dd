import { useMemo, useState } from 'react';
import { Alert, Breadcrumb, Card, Col, DatePicker, Empty, Row, Space, Spin, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, FileTextOutlined, LinkOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useMe } from '../../components/auth-provider.js';
import { EChart, echarts } from '../../components/echart.js';
import { formatNumber } from '../../components/format.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { getCatalogue, getCockpit, getOutlines, getTrend, type CockpitFigure, type IndicatorMeta, type Outlines } from '../../services/stats-api.js';

/** Where the records behind a figure are listed, by the indicator's module (within the viewer's scope). */
const RECORDS: Record<string, (orgId: number) => string> = {
  org: (id) => `/org?orgId=${id}`,
  people: (id) => `/residents?orgId=${id}`,
  party: () => '/party',
  workforce: (id) => `/workforce/staff?orgId=${id}`,
  demands: (id) => `/demands?orgId=${id}`,
  points: (id) => `/points/records?orgId=${id}`,
  leaders: () => '/leaders',
  venues: () => '/venues',
  // Most supervision figures count problems.
  supervision: () => '/supervision/problems',
  volunteers: (id) => `/volunteers?orgId=${id}`,
  // The co-building overview: paired units and the projects of each category, linking on to the lists.
  cobuild: (id) => `/cobuild/overview?orgId=${id}`,
  wishes: () => '/wishes',
  // The register page: companies with their compounds, branches, instructors, sanctions and list entries.
  property: () => '/property/companies',
  selfrun: () => '/selfrun/compounds',
  newgroups: (id) => `/newgroups/coverage?unitId=${id}`,
};

const GROUPS = ['organisation', 'workforce', 'demands', 'points', 'volunteers', 'property', 'selfrun', 'newgroups', 'venues', 'supervision'] as const;

/** A figure with its unit: percentages with %, rates per 10,000 as they are. */
type Measured = Exclude<IndicatorMeta['unit'], 'count' | 'percent'>;
function shown(meta: IndicatorMeta | undefined, v: number | null, unitLabel: (u: Measured) => string) {
  if (v === null) return '—';
  if (meta?.unit === 'percent') return `${v}%`;
  return `${formatNumber(v)}${meta && meta.unit !== 'count' ? ` ${unitLabel(meta.unit)}` : ''}`;
}

interface ChildOutlines {
  orgId: number;
  /** The registered map's name; null when no child has an outline. */
  name: string | null;
  drawn: number;
  /** Children with no outline of their own nor any grid's (无边界): listed under the map. */
  without: Outlines['items'];
  truncated: boolean;
}

/**
 * Registers a unit's children as one map: counties and grids by their own outlines, streets and
 * communities by their grids' (one MultiPolygon each, made by the server). Features are keyed by
 * id, not by name: two streets may share a name.
 */
async function childOutlines(orgId: number): Promise<ChildOutlines> {
  const o = await getOutlines(orgId);
  const drawn = o.items.filter((i) => i.outline);
  const name = `linli-cockpit-${orgId}`;
  if (drawn.length) {
    const geo = { type: 'FeatureCollection' as const, features: drawn.map((i) => ({ type: 'Feature' as const, id: i.id, properties: { name: String(i.id) }, geometry: i.outline })) };
    echarts.registerMap(name, geo as Parameters<typeof echarts.registerMap>[1]);
  }
  return { orgId, name: drawn.length ? name : null, drawn: drawn.length, without: o.items.filter((i) => !i.outline), truncated: o.truncated };
}

/**
 * 驾驶舱: a unit's figures for a month — every indicator of the catalogue, counted from the
 * records — with the month before, its children on a map (their outlines) and a chart, the
 * chosen figure's trend, and a click down to the next level. A county, street or community sees
 * the same page for its own subtree.
 */
export default function CockpitPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const orgId = Number(params.get('orgId')) || me.scope.orgId;
  const month = params.get('month') ?? undefined;
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const unitLabel = (u: Measured) => t(`cockpit.unit.${u}`);

  const catalogue = useLoad('catalogue', getCatalogue, t('error.unknown'));
  const cockpit = useLoad(`${orgId}|${month ?? ''}`, () => getCockpit(orgId, month), t('error.unknown'));
  const metaOf = useMemo(() => new Map((catalogue.data?.items ?? []).map((i) => [i.key, i])), [catalogue.data]);
  const data = cockpit.data;
  const [picked, setPicked] = useState<string | null>(params.get('key'));
  const figures = data?.figures ?? [];
  // The figure on the map: the one picked, else residents (every level has them), else the first counted below.
  const current: CockpitFigure | undefined = figures.find((f) => f.key === picked) ?? figures.find((f) => f.key === 'people.residents') ?? figures.find((f) => f.childLevel) ?? figures[0];
  const currentMeta = current ? metaOf.get(current.key) : undefined;

  const outlines = useLoad(`outlines|${orgId}`, () => childOutlines(orgId), t('error.unknown'));
  // The last unit's outlines stay loaded while the next unit's come: never drawn with another unit's figures.
  const shapes = outlines.data && data && outlines.data.orgId === data.unit.id ? outlines.data : null;
  const trend = useLoad(current ? `${orgId}|${current.key}` : null, () => getTrend(orgId, current!.key), t('error.unknown'));
  // Which unit and figure the map last finished drawing: the page (and its tests) can tell the map is current.
  const [drawnFor, setDrawnFor] = useState<string | null>(null);
  const mapKey = `${data?.unit.id}|${current?.key}`;

  const go = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined) p.delete(k);
      else p.set(k, v);
    }
    setParams(p);
  };
  const drill = (id: number) => go({ orgId: String(id) });
  const pick = (key: string) => {
    setPicked(key);
    go({ key });
  };

  const childName = useMemo(() => new Map((data?.children ?? []).map((c) => [String(c.id), c.name])), [data]);
  const mapOption = useMemo(() => {
    if (!current || !shapes?.name || !data) return null;
    const values = data.children.map((c) => current.byChild[String(c.id)] ?? 0).filter((v): v is number => v !== null);
    const name = (p: { name: string }) => childName.get(p.name) ?? '';
    return {
      tooltip: {
        trigger: 'item', className: 'cockpit-map-tip',
        // The tooltip is HTML: names and figures escaped one by one, the line break kept.
        formatter: (p: { name: string; value: number }) => [name(p), shown(currentMeta, Number.isFinite(p.value) ? p.value : null, unitLabel)]
          .map((text) => text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`)).join('<br/>'),
      },
      visualMap: { min: Math.min(0, ...values), max: Math.max(1, ...values), calculable: true, left: 'left', bottom: 10, inRange: { color: ['#e6f4ff', '#1677ff', '#002c8c'] } },
      series: [{
        type: 'map', map: shapes.name, roam: true, selectedMode: false,
        label: { show: true, formatter: name, fontSize: 12 },
        emphasis: { label: { show: true, formatter: name }, itemStyle: { areaColor: '#ffd666' } },
        data: data.children.map((c) => ({ name: String(c.id), value: current.byChild[String(c.id)] ?? 0 })),
      }],
    };
  }, [current, shapes, data, childName, currentMeta, unitLabel]);

  const barOption = useMemo(() => {
    if (!current || !data || !data.children.length) return null;
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.children.map((c) => c.name), axisLabel: { interval: 0, rotate: data.children.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: data.children.map((c) => ({ value: current.byChild[String(c.id)], id: c.id })), itemStyle: { color: '#1677ff' } }],
    };
  }, [current, data]);

  const trendOption = useMemo(() => {
    if (!trend.data) return null;
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: trend.data.points.map((p) => p.month) },
      yAxis: { type: 'value' },
      series: [{ type: 'line', connectNulls: false, data: trend.data.points.map((p) => p.value), smooth: false }],
    };
  }, [trend.data]);

  const grouped = GROUPS.map((g) => ({ g, items: figures.filter((f) => metaOf.get(f.key)?.group === g) })).filter((x) => x.items.length);

  /** One figure: its value, the change from last month, and a link to its records; a click shows it on the map. */
  const tile = (f: CockpitFigure, prefix: 'figure' | 'headline', xl: number) => {
    const meta = metaOf.get(f.key);
    // While the month is under way a period figure compares with the same days of last month.
    const sameSpan = f.previousSameSpan !== null;
    const before = sameSpan ? f.previousSameSpan : f.previous;
    const delta = f.value !== null && before !== null ? Math.round((f.value - before) * 10) / 10 : null;
    const records = meta && RECORDS[meta.module];
    return (
      <Col key={f.key} xs={12} md={8} lg={6} xl={xl}>
        <Card
          size="small" hoverable data-testid={`${prefix}-${f.key}`}
          onClick={() => pick(f.key)}
          style={current?.key === f.key ? { borderColor: '#1677ff', boxShadow: '0 0 0 1px #1677ff' } : undefined}
        >
          <Tooltip title={meta?.definition[lang]}>
            <Statistic title={meta?.name[lang] ?? f.key} value={shown(meta, f.value, unitLabel)} valueStyle={{ fontSize: 20 }} />
          </Tooltip>
          <Space size={8} style={{ fontSize: 12 }}>
            {f.value === null ? null // nothing counted this month (a rate with nothing to divide by): nothing to compare
              : delta === null ? <Typography.Text type="secondary">{t('cockpit.noPrevious')}</Typography.Text>
              : delta === 0 ? <Typography.Text type="secondary">{t(sameSpan ? 'cockpit.sameAsSpan' : 'cockpit.same')}</Typography.Text>
                : (
                  <Typography.Text type={delta > 0 ? 'success' : 'danger'} data-testid={`delta-${f.key}`}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(sameSpan ? 'cockpit.vsSameSpan' : 'cockpit.vsLastMonth')}</Typography.Text>{' '}
                    {delta > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {Math.abs(delta)}
                  </Typography.Text>
                )}
            {records && data && (
              <Link to={records(data.unit.id)} onClick={(e) => e.stopPropagation()} aria-label={t('cockpit.records')}>
                <LinkOutlined /> {t('cockpit.records')}
              </Link>
            )}
          </Space>
        </Card>
      </Col>
    );
  };

  return (
    <>
      <PageHeader
        title={t('cockpit.title')}
        description={t('cockpit.description')}
        extra={(
          <Space wrap>
            <DatePicker
              picker="month" allowClear={false} aria-label={t('cockpit.month')}
              value={dayjs(`${data?.month ?? month ?? dayjs().format('YYYY-MM')}-01`)}
              disabledDate={(d) => d.isAfter(dayjs(), 'month')}
              onChange={(d) => go({ month: d ? d.format('YYYY-MM') : undefined })}
            />
            {data && (
              <Tooltip title={data.live ? `${t('cockpit.asOfHelp')}${data.previousSpan ? t('cockpit.sameSpanHelp', { time: dayjs(data.previousSpan.to).format('MM-DD HH:mm') }) : ''}` : undefined}>
                <Tag color={data.live ? 'green' : 'blue'} data-testid="cockpit-as-of">
                  {data.live ? t('cockpit.live', { time: dayjs(data.asOf).format('MM-DD HH:mm') }) : t('cockpit.closed')}
                </Tag>
              </Tooltip>
            )}
            {data && <Link to={`/cockpit/report?orgId=${data.unit.id}&month=${data.month}`}><FileTextOutlined /> {t('cockpit.reportLink')}</Link>}
          </Space>
        )}
      />
      {data && (
        <Breadcrumb
          style={{ marginBottom: 12 }}
          items={data.trail.map((p) => ({
            title: p.id === data.unit.id ? <span data-testid="cockpit-unit">{p.name}</span> : <a onClick={() => drill(p.id)}>{p.name}</a>,
          }))}
        />
      )}
      {(cockpit.error || catalogue.error) && <Alert type="error" showIcon message={cockpit.error ?? catalogue.error} style={{ marginBottom: 12 }} />}
      <Spin spinning={cockpit.loading || catalogue.loading}>
        {data && (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title={t('cockpit.headline')} data-testid="cockpit-headline">
              <Row gutter={[12, 12]}>
                {figures.filter((f) => metaOf.get(f.key)?.headline).map((f) => tile(f, 'headline', 6))}
              </Row>
            </Card>
            {current && (
              <Row gutter={12}>
                <Col xs={24} lg={14}>
                  <Card size="small" title={`${t('cockpit.byChild')}：${currentMeta?.name[lang] ?? current.key}`}>
                    {!data.children.length ? <Empty description={t('cockpit.noChildren')} />
                      : !current.childLevel ? <Empty description={t('cockpit.notAtChildLevel')} />
                        : (
                          <>
                            {mapOption && shapes && (
                              <div
                                data-testid="cockpit-map" data-org={data.unit.id} data-shapes={shapes.drawn}
                                data-rendered={drawnFor === mapKey ? 'true' : 'false'}
                              >
                                <EChart
                                  option={mapOption} height={420} ariaLabel={t('cockpit.mapLabel')} resetKey={`${data.unit.id}`}
                                  onFinished={() => setDrawnFor(mapKey)}
                                  onClick={(e) => { const id = Number(e.name); if (id) drill(id); }}
                                />
                              </div>
                            )}
                            {shapes?.truncated && <Alert type="info" showIcon message={t('cockpit.outlinesTruncated', { count: shapes.drawn + shapes.without.length })} />}
                            {!!shapes?.without.length && (
                              <div data-testid="cockpit-no-outline" style={{ margin: '8px 0' }}>
                                <Typography.Text type="secondary">{t('cockpit.noOutlineHint')}</Typography.Text>
                                <div style={{ marginTop: 4 }}>
                                  {shapes.without.map((c) => (
                                    <Tag key={c.id} style={{ marginBottom: 4 }}>
                                      <a onClick={() => drill(c.id)}>{c.name}</a>
                                      {` ${t('cockpit.noOutline')} · ${shown(currentMeta, current.byChild[String(c.id)] ?? null, unitLabel)}`}
                                    </Tag>
                                  ))}
                                </div>
                              </div>
                            )}
                            {barOption && (
                              <EChart
                                option={barOption} height={mapOption ? 260 : 360} ariaLabel={t('cockpit.barLabel')} testId="cockpit-bars"
                                onClick={(e) => { const id = (e.data as { id?: number } | undefined)?.id; if (id) drill(id); }}
                              />
                            )}
                          </>
                        )}
                  </Card>
                </Col>
                <Col xs={24} lg={10}>
                  <Card size="small" title={t('cockpit.trend')}>
                    {trendOption ? <EChart option={trendOption} height={220} ariaLabel={t('cockpit.trendLabel')} testId="cockpit-trend" /> : <Spin />}
                  </Card>
                  <Card size="small" title={t('cockpit.children')} style={{ marginTop: 12 }}>
                    <Table
                      size="small" rowKey="id" pagination={data.children.length > 10 ? { pageSize: 10 } : false}
                      dataSource={data.children}
                      columns={[
                        { title: t('cockpit.unitName'), dataIndex: 'name', render: (name: string, c) => <a onClick={() => drill(c.id)}>{name}</a> },
                        {
                          title: currentMeta?.name[lang] ?? '', align: 'right',
                          render: (_: unknown, c) => (current.childLevel ? shown(currentMeta, current.byChild[String(c.id)] ?? null, unitLabel) : '—'),
                          sorter: (a, b) => (current.byChild[String(a.id)] ?? 0) - (current.byChild[String(b.id)] ?? 0),
                        },
                      ]}
                    />
                  </Card>
                </Col>
              </Row>
            )}
            <Card size="small" title={t('cockpit.catalogue')}>
              <Tabs
                items={grouped.map(({ g, items }) => ({
                  key: g,
                  label: `${t(`cockpit.group.${g}`)} (${items.length})`,
                  children: <Row gutter={[12, 12]}>{items.map((f) => tile(f, 'figure', 4))}</Row>,
                }))}
              />
            </Card>
          </Space>
        )}
      </Spin>
    </>
  );
}
