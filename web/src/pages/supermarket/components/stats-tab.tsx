import { Alert, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/echart.js';
import { useLoad } from '../../../components/use-load.js';
import * as storeApi from '../../../services/store-api.js';

/** Redemptions per store and month (orders not cancelled or expired), stacked. */
export function StatsTab() {
  const { t } = useTranslation();
  const { data, error } = useLoad('stats', () => storeApi.getStoreStats({ months: 12 }), t('error.unknown'));
  const withOrders = data ? data.stores.filter((s) => data.rows.some((r) => r.storeId === s.id)) : [];
  return (
    <Card title={t('store.console.stats.title')}>
      {error && <Alert type="error" showIcon title={error} />}
      {data && (
        <EChart
          height={380}
          ariaLabel={t('store.console.stats.title')}
          testId="store-stats-chart"
          option={{
            tooltip: { trigger: 'axis' },
            legend: { type: 'scroll', top: 0 },
            grid: { left: 40, right: 16, top: 40, bottom: 30 },
            xAxis: { type: 'category', data: data.months },
            yAxis: { type: 'value', name: t('store.console.stats.orders') },
            series: withOrders.map((s) => ({
              name: s.name,
              type: 'bar',
              stack: 'orders',
              data: data.months.map((m) => data.rows.find((r) => r.storeId === s.id && r.month === m)?.orders ?? 0),
            })),
          }}
        />
      )}
    </Card>
  );
}
