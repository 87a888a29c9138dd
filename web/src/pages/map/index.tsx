import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Descriptions, Drawer, Empty, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { ApartmentOutlined, HomeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth, useMe } from '../../components/auth-provider.js';
import { EChart, echarts } from '../../components/echart.js';
import { formatNumber } from '../../components/format.js';
import { GRID_TYPE_COLORS } from '../../components/grid-colors.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/api.js';
import { GRID_TYPES, type GridFeatureCollection, type GridFeatureProperties, type GridType } from '../../services/types.js';

type Bounds = [number, number, number, number]; // west, south, east, north
type County = GridFeatureCollection['counties'][number]['properties'];
type Loaded = {
  unitId: number; mapName: string; grids: GridFeatureProperties[]; bounds: Map<number, Bounds>;
  /** A city's map draws its county outlines (labelled, a click opens the county) instead of its grids. */
  countyMap: string | null; counties: County[]; countyBounds: Map<number, Bounds>;
};

/** The box around a GeoJSON geometry's coordinates, whatever its nesting (Polygon, MultiPolygon). */
function bboxOf(coords: unknown, box: Bounds = [Infinity, Infinity, -Infinity, -Infinity]): Bounds {
  if (Array.isArray(coords) && typeof coords[0] === 'number' && typeof coords[1] === 'number') {
    const [x, y] = coords as [number, number];
    return [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)];
  }
  if (Array.isArray(coords)) for (const c of coords) box = bboxOf(c, box);
  return box;
}

/** One box around boxes, widened by 4% each side so the outermost outlines and labels are not cut. */
function frame(boxes: Bounds[]): Bounds | null {
  if (!boxes.length) return null;
  const [w, s, e, n] = boxes.reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
  const dx = Math.max((e - w) * 0.04, 0.0005);
  const dy = Math.max((n - s) * 0.04, 0.0005);
  return [w - dx, s - dy, e + dx, n + dy];
}

/**
 * Registers the outlines under a name unique to the unit. Features are keyed by id, not by
 * name: two communities may both have a "第一网格".
 */
function registerGrids(unitId: number, fc: GridFeatureCollection): Loaded {
  const mapName = `linli-grids-${unitId}`;
  const geo = {
    type: 'FeatureCollection' as const,
    features: fc.features.map((f) => ({ ...f, properties: { ...f.properties, name: String(f.properties.id) } })),
  };
  echarts.registerMap(mapName, geo as Parameters<typeof echarts.registerMap>[1]);
  const bounds = new Map(fc.features.map((f) => [f.properties.id, bboxOf((f.geometry as { coordinates?: unknown }).coordinates)] as const));
  let countyMap: string | null = null;
  if (fc.unitKind === 'city' && fc.counties.length) {
    countyMap = `linli-counties-${unitId}`;
    const counties = { type: 'FeatureCollection' as const, features: fc.counties.map((f) => ({ ...f, properties: { ...f.properties, name: String(f.properties.id) } })) };
    echarts.registerMap(countyMap, counties as Parameters<typeof echarts.registerMap>[1]);
  }
  const countyBounds = new Map(fc.counties.map((f) => [f.properties.id, bboxOf((f.geometry as { coordinates?: unknown }).coordinates)] as const));
  return {
    unitId, mapName, grids: fc.features.map((f) => f.properties), bounds,
    countyMap, counties: countyMap ? fc.counties.map((f) => f.properties) : [], countyBounds,
  };
}

export default function MapPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const unitId = Number(params.get('orgId')) || me.scope.orgId;
  const map = useLoad(`${unitId}`, async () => registerGrids(unitId, await api.getGridMap(unitId)), t('error.unknown'));
  // Another unit's map is not drawn while this one loads.
  const loaded = map.data?.unitId === unitId && !map.loading ? map.data : null;
  const error = map.error;
  const [hidden, setHidden] = useState<Set<GridType>>(new Set());
  const [picked, setPicked] = useState<GridFeatureProperties | null>(null);
  const [rendered, setRendered] = useState(false);
  // data-rendered tells when the chart has drawn this unit's map.
  useEffect(() => setRendered(false), [unitId]);

  const byId = useMemo(() => new Map((loaded?.grids ?? []).map((g) => [String(g.id), g])), [loaded]);
  const countyById = useMemo(() => new Map((loaded?.counties ?? []).map((c) => [String(c.id), c])), [loaded]);
  const cityMode = !!loaded?.countyMap;
  const openCounty = (c: County) => {
    setPicked(null);
    setParams({ orgId: String(c.id) });
  };
  const counts = useMemo(() => {
    const c: Record<GridType, { grids: number; households: number }> = {
      enclosed: { grids: 0, households: 0 },
      scattered: { grids: 0, households: 0 },
      business: { grids: 0, households: 0 },
    };
    for (const g of loaded?.grids ?? []) {
      if (!g.gridType) continue;
      c[g.gridType].grids += 1;
      c[g.gridType].households += g.householdCount;
    }
    return c;
  }, [loaded]);

  // The map is framed on the grids shown: those of a type switched off in the legend drop out of the frame.
  const bounds = useMemo(() => {
    if (!loaded) return null;
    if (loaded.countyMap) return frame(loaded.counties.map((c) => loaded.countyBounds.get(c.id)!).filter((b) => Number.isFinite(b[0])));
    const shown = loaded.grids.filter((g) => !(g.gridType && hidden.has(g.gridType)));
    return frame((shown.length ? shown : loaded.grids).map((g) => loaded.bounds.get(g.id)!).filter((b) => Number.isFinite(b[0])));
  }, [loaded, hidden]);

  const option = useMemo(() => {
    if (!loaded) return {};
    const layout = bounds ? {
      boundingCoords: [[bounds[0], bounds[3]], [bounds[2], bounds[1]]],
      aspectScale: Math.cos((((bounds[1] + bounds[3]) / 2) * Math.PI) / 180),
      layoutCenter: ['50%', '50%'],
      layoutSize: '95%',
    } : {};
    if (loaded.countyMap) {
      const countyName = (p: { name: string }) => countyById.get(p.name)?.name ?? '';
      return {
        tooltip: { trigger: 'item', formatter: (p: { name: string }) => countyName(p).replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`) },
        series: [{
          type: 'map',
          map: loaded.countyMap,
          roam: true,
          selectedMode: false,
          ...layout,
          label: { show: true, fontSize: 13, fontWeight: 'bold', color: '#1f1f1f', formatter: countyName },
          emphasis: { label: { show: true, formatter: countyName }, itemStyle: { areaColor: '#ffd666' } },
          itemStyle: { areaColor: '#e6f4ff', borderColor: '#1677ff', borderWidth: 1.5 },
          data: loaded.counties.map((c) => ({ name: String(c.id), value: c.id })),
        }],
      };
    }
    const gridTypeName = (g: GridFeatureProperties) => (g.gridType ? t(`gridType.${g.gridType}`) : t('map.noType'));
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string }) => {
          const g = byId.get(p.name);
          if (!g) return '';
          const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
          const line = (label: string, value: string) => esc(t('map.tooltipLine', { label, value }));
          return [
            `<b>${esc(g.name)}</b>`,
            line(t('map.field.code'), g.code),
            line(t('map.field.gridType'), gridTypeName(g)),
            line(t('map.field.households'), formatNumber(g.householdCount)),
          ].join('<br/>');
        },
      },
      series: [
        {
          type: 'map',
          map: loaded.mapName,
          roam: true,
          selectedMode: false,
          // Degrees of longitude shrink with latitude: cos(φ) keeps outlines in proportion.
          ...layout,
          // Every grid is named; names that would overlap give way rather than pile up.
          labelLayout: { hideOverlap: true },
          label: {
            show: true,
            fontSize: 11,
            color: '#1f1f1f',
            formatter: (p: { name: string }) => byId.get(p.name)?.name ?? '',
          },
          emphasis: { label: { show: true, formatter: (p: { name: string }) => byId.get(p.name)?.name ?? '' }, itemStyle: { areaColor: '#ffd666' } },
          itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
          data: loaded.grids.map((g) => {
            const type = g.gridType ?? 'none';
            const off = g.gridType ? hidden.has(g.gridType) : false;
            return {
              name: String(g.id),
              value: g.householdCount,
              itemStyle: {
                areaColor: off ? '#f0f0f0' : GRID_TYPE_COLORS[type],
                opacity: off ? 0.4 : 0.85,
                ...(picked?.id === g.id ? { borderColor: '#c8161d', borderWidth: 3 } : {}),
              },
            };
          }),
        },
      ],
    };
  }, [loaded, byId, countyById, hidden, picked, bounds, t]);

  const total = loaded?.grids.length ?? 0;
  const households = (loaded?.grids ?? []).reduce((s, g) => s + g.householdCount, 0);

  return (
    <div>
      <PageHeader
        title={t('nav.map')}
        description={t('map.description')}
        extra={
          <Space>
            <Typography.Text>{t('map.unit')}</Typography.Text>
            <OrgTreeSelect
              aria-label={t('map.unit')}
              style={{ width: 280 }}
              allowClear={false}
              value={unitId}
              onChange={(id) => {
                setPicked(null);
                setParams(id && id !== me.scope.orgId ? { orgId: String(id) } : {});
              }}
            />
          </Space>
        }
      />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <div className="map-layout">
        <Card className="map-card" size="small">
          <div className="map-legend" role="group" aria-label={t('map.legend')}>
            {GRID_TYPES.map((g) => (
              <Tag.CheckableTag
                key={g}
                checked={!hidden.has(g)}
                onChange={(on) =>
                  setHidden((h) => {
                    const next = new Set(h);
                    if (on) next.delete(g);
                    else next.add(g);
                    return next;
                  })
                }
                className="map-legend-item"
              >
                <span className="legend-swatch" style={{ background: GRID_TYPE_COLORS[g] }} />
                {t('map.legendItem', { type: t(`gridType.${g}`), count: counts[g].grids })}
              </Tag.CheckableTag>
            ))}
            <Typography.Text type="secondary" className="map-legend-hint">{t('map.legendHint')}</Typography.Text>
          </div>
          {!loaded && !error ? (
            <div className="map-placeholder"><Spin description={t('common.loading')} /></div>
          ) : loaded && total === 0 && !cityMode ? (
            <div className="map-placeholder"><Empty description={t('map.empty')} /></div>
          ) : loaded ? (
            <div
              className="map-canvas"
              data-grid-count={total}
              data-county-count={loaded.counties.length}
              data-rendered={rendered ? 'true' : 'false'}
              data-bounds={bounds?.map((x) => x.toFixed(5)).join(',')}
            >
              <EChart
                option={option}
                height={560}
                ariaLabel={cityMode ? t('map.countyChartLabel', { count: loaded.counties.length }) : t('map.chartLabel', { count: total })}
                testId="grid-map"
                resetKey={loaded.mapName}
                onFinished={() => setRendered(true)}
                onClick={(e) => {
                  const c = cityMode ? countyById.get(String(e.name)) : undefined;
                  if (c) return openCounty(c);
                  const g = byId.get(String(e.name));
                  if (g) setPicked(g);
                }}
              />
            </div>
          ) : null}
        </Card>
        <Card className="map-side" size="small" title={cityMode ? t('map.counties') : t('map.summary')}>
          <Space size="large" className="map-stats">
            <Statistic title={t('map.stat.grids')} value={total} />
            <Statistic title={t('map.stat.households')} value={households} formatter={(v) => formatNumber(Number(v))} />
          </Space>
          {cityMode && loaded && (
            <Table<County>
              size="small"
              rowKey="id"
              className="map-counties"
              title={() => <Typography.Text type="secondary">{t('map.countyHint')}</Typography.Text>}
              dataSource={loaded.counties}
              pagination={false}
              onRow={(c) => ({ onClick: () => openCounty(c), className: 'clickable-row' })}
              columns={[{ title: t('map.countyName'), dataIndex: 'name' }]}
            />
          )}
          {!cityMode && <Table<GridFeatureProperties>
            size="small"
            rowKey="id"
            loading={!loaded && !error}
            dataSource={loaded?.grids ?? []}
            pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true, showSizeChanger: false }}
            locale={{ emptyText: t('map.empty') }}
            onRow={(g) => ({ onClick: () => setPicked(g), className: 'clickable-row' })}
            columns={[
              { title: t('map.field.name'), dataIndex: 'name', ellipsis: true },
              {
                title: t('map.field.gridType'),
                dataIndex: 'gridType',
                width: 96,
                render: (v: GridType | null) => (v ? <Tag color={GRID_TYPE_COLORS[v]}>{t(`gridType.${v}`)}</Tag> : '-'),
              },
              {
                title: t('map.field.households'),
                dataIndex: 'householdCount',
                width: 72,
                align: 'right',
                sorter: (a, b) => a.householdCount - b.householdCount,
                render: (v: number) => formatNumber(v),
              },
            ]}
          />}
        </Card>
      </div>
      <Drawer open={!!picked} onClose={() => setPicked(null)} title={picked?.name} size={380}>
        {picked && (
          <Space orientation="vertical" size="large" className="full-width">
            <Descriptions
              column={1}
              bordered
              size="small"
              items={[
                { key: 'name', label: t('map.field.name'), children: picked.name },
                { key: 'code', label: t('map.field.code'), children: picked.code },
                { key: 'type', label: t('map.field.gridType'), children: picked.gridType ? t(`gridType.${picked.gridType}`) : t('map.noType') },
                { key: 'hh', label: t('map.field.households'), children: formatNumber(picked.householdCount) },
                {
                  key: 'worker',
                  label: t('map.field.gridWorker'),
                  children: picked.gridWorkers.length ? (
                    <div data-testid="grid-workers">
                      {picked.gridWorkers.map((w, i) => (
                        <div key={i}>{w.name} <Typography.Text type="secondary" className="mono">{w.phone ?? t('map.noPhone')}</Typography.Text></div>
                      ))}
                    </div>
                  ) : <Typography.Text type="secondary">{t('map.noGridWorker')}</Typography.Text>,
                },
              ]}
            />
            <Space wrap>
              <Button type="primary" icon={<ApartmentOutlined />} onClick={() => navigate(`/org?id=${picked.id}`)}>
                {t('map.openInTree')}
              </Button>
              {can('people.read') && (
                <Button icon={<HomeOutlined />} onClick={() => navigate(`/households?orgId=${picked.id}`)}>
                  {t('map.viewHouseholds')}
                </Button>
              )}
            </Space>
          </Space>
        )}
      </Drawer>
    </div>
  );
}
