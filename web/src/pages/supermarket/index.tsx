import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/page-header.js';
import { EventsTab } from './components/events-tab.js';
import { OrdersTab } from './components/orders-tab.js';
import { StatsTab } from './components/stats-tab.js';
import { StoresTab } from './components/stores-tab.js';

const TABS = ['orders', 'stores', 'events', 'stats'] as const;

/** 积分超市 in the console: the counter (handover and orders) first, then stores and stock, events, figures. */
export default function SupermarketPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'orders';
  return (
    <div>
      <PageHeader title={t('nav.store')} description={t('store.console.description')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'orders' ? {} : { tab: k })}
        destroyOnHidden
        items={[
          { key: 'orders', label: t('store.console.tabs.orders'), children: <OrdersTab /> },
          { key: 'stores', label: t('store.console.tabs.stores'), children: <StoresTab /> },
          { key: 'events', label: t('store.console.tabs.events'), children: <EventsTab /> },
          { key: 'stats', label: t('store.console.tabs.stats'), children: <StatsTab /> },
        ]}
      />
    </div>
  );
}
