import { useEffect, useState } from 'react';
import { TabBar } from 'antd-mobile';
import { BellOutlined, EditOutlined, FileTextOutlined, LogoutOutlined, ScheduleOutlined, DesktopOutlined, HomeOutlined, ShopOutlined, ScanOutlined, StarOutlined, LikeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../../components/auth-provider.js';
import * as api from '../../services/api.js';
import type { Me } from '../../services/types.js';
import { useOffline } from './offline.js';

/** Accounts that stand for a points holder (a household's people, a merchant): phone pages only, no console. */
export const isHolderAccount = (me: Pick<Me, 'role'>) => me.role === 'resident' || me.role === 'party_member' || me.role === 'merchant';

/** Residents start on their demands; a merchant, who reports none, on its points. */
export const mobileHome = (me: Pick<Me, 'role'>) => (me.role === 'merchant' ? '/m/points' : isHolderAccount(me) ? '/m/demands' : '/m/tasks');

/** The page title above, the tab bar below; residents report, staff visit and handle. */
export function MobileLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { items: queued } = useOffline();
  const [unread, setUnread] = useState(0);

  useEffect(() => {
    api.listNotifications(1, 20).then((r) => setUnread(r.items.filter((n) => !n.read).length), () => undefined);
  }, [pathname]);

  const tabs = isHolderAccount(me)
    ? [
        ...(me.permissions.includes('demands.act') ? [{ key: '/m/report', title: t('mobile.tabs.report'), icon: <EditOutlined /> }] : []),
        ...(me.permissions.includes('demands.read') ? [{ key: '/m/demands', title: t('mobile.tabs.demands'), icon: <FileTextOutlined /> }] : []),
        ...(me.permissions.includes('points.self') ? [{ key: '/m/points', title: t('points.m.tabPoints'), icon: <StarOutlined /> }] : []),
        ...(me.permissions.includes('points.redeem') ? [{ key: '/m/store', title: t('store.mobile.tab'), icon: <ShopOutlined /> }] : []),
        { key: '/m/messages', title: t('mobile.tabs.messages'), icon: <BellOutlined />, badge: unread || undefined },
      ]
    : [
        { key: '/m/tasks', title: t('mobile.tabs.tasks'), icon: <ScheduleOutlined /> },
        { key: '/m/visit', title: t('mobile.tabs.visit'), icon: <HomeOutlined />, badge: queued.length || undefined },
        ...(me.permissions.includes('points.record') ? [{ key: '/m/points/record', title: t('points.m.tabRecord'), icon: <LikeOutlined /> }] : []),
        ...(me.permissions.includes('points.store') ? [{ key: '/m/store-handover', title: t('store.handover.tab'), icon: <ScanOutlined /> }] : []),
        { key: '/m/messages', title: t('mobile.tabs.messages'), icon: <BellOutlined />, badge: unread || undefined },
      ];
  const active = tabs.find((x) => pathname === x.key || pathname.startsWith(`${x.key}/`))?.key ?? (pathname.startsWith('/m/demands') ? '/m/demands' : null);
  const title = tabs.find((x) => x.key === active)?.title ?? t('mobile.detail.title');

  return (
    <div className="m-shell">
      <header className="m-header">
        <span className="app-brand-mark">{t('app.mark')}</span>
        <h1 className="m-title">{title}</h1>
        <span className="m-header-right">
          {!isHolderAccount(me) && (
            <button type="button" className="m-header-button" onClick={() => navigate('/')} aria-label={t('mobile.console')}>
              <DesktopOutlined />
            </button>
          )}
          <button type="button" className="m-header-button" onClick={() => void signOut().catch(() => undefined)} aria-label={t('mobile.logout')}>
            <LogoutOutlined />
          </button>
        </span>
      </header>
      <main className="m-main">
        <Outlet />
      </main>
      <nav className="m-tabbar" aria-label={t('nav.label')}>
        <TabBar activeKey={active} onChange={(k) => navigate(k)} safeArea>
          {tabs.map((x) => (
            <TabBar.Item
              key={x.key}
              title={x.title}
              icon={x.icon}
              badge={x.badge}
              aria-label={x.title}
            />
          ))}
        </TabBar>
      </nav>
    </div>
  );
}
