import { useMemo } from 'react';
import { Empty, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/echart.js';
import { GRID_TYPE_COLORS } from '../../../components/grid-colors.js';
import { useLoad } from '../../../components/use-load.js';
import * as api from '../../../services/api.js';
import type { GridFeatureProperties } from '../../../services/types.js';

/** Households per grid under a unit, from the same endpoint that draws the grid map. */
export function GridHouseholdsChart({ unitId, refreshKey }: { unitId: number; refreshKey: number }) {
  const { t } = useTranslation();
  const { data, loading, error } = useLoad(`${unitId}|${refreshKey}`, () => api.getGridMap(unitId), t('error.unknown'));
  // A map that cannot be read draws as no grids.
  const grids = useMemo<GridFeatureProperties[] | null>(
    () => (loading ? null : data ? data.features.map((f) => f.properties) : error ? [] : null),
    [loading, data, error],
  );

  const option = useMemo(() => {
    const rows = [...(grids ?? [])].sort((a, b) => b.householdCount - a.householdCount);
    return {
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: rows.map((g) => g.name), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', name: t('org.chart.households'), minInterval: 1 },
      dataZoom: rows.length > 15 ? [{ type: 'inside', start: 0, end: Math.round((15 / rows.length) * 100) }] : [],
      series: [
        {
          type: 'bar',
          name: t('org.chart.households'),
          barMaxWidth: 28,
          data: rows.map((g) => ({ value: g.householdCount, itemStyle: { color: GRID_TYPE_COLORS[g.gridType ?? 'none'] } })),
        },
      ],
    };
  }, [grids, t]);

  if (!grids) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (!grids.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.chart.empty')} />;
  return <EChart option={option} height={240} ariaLabel={t('org.chart.title')} resetKey={unitId} />;
}
