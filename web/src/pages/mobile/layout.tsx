import './language-bar.css';
import './queue-badge.css';
import { useEffect, useState } from 'react';
import { TabBar } from 'antd-mobile';
import {
  BellOutlined, CloudUploadOutlined, DesktopOutlined, EditOutlined, EnvironmentOutlined, FileTextOutlined, GiftOutlined, HeartOutlined, HomeOutlined, LikeOutlined,
  LogoutOutlined, SafetyCertificateOutlined, ScanOutlined, ScheduleOutlined, ShopOutlined, StarOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../../components/auth-provider.js';
import * as api from '../../services/api.js';
import type { Me } from '../../services/types.js';
import { chooseView } from '../../view-choice.js';
import { LanguageSwitch } from './components/language-switch.js';
import { usePhoneQueue } from './offline.js';
import type { QueueKind } from './phone-queue.js';
import { serveEntries } from './serve.js';

/** Accounts that stand for a points holder (a household's people, a merchant): phone pages only, no console. */
export const isHolderAccount = (me: Pick<Me, 'role'>) => me.role === 'resident' || me.role === 'party_member' || me.role === 'merchant';

/** Residents start on their demands; a merchant, who reports none, on its points. */
export const mobileHome = (me: Pick<Me, 'role'>) => (me.role === 'merchant' ? '/m/points' : isHolderAccount(me) ? '/m/demands'
  : me.role === 'gig_worker' ? '/m/rider/pass' : '/m/tasks'); // a rider starts on the pass (newgroups)

/** The page title above, the tab bar below; residents report, staff visit and handle. */
export function MobileLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { counts, sendNow } = usePhoneQueue();
  const waiting = counts.demand + counts.visit + counts.points + counts.scan;
  const [unread, setUnread] = useState(0);

  useEffect(() => {
    api.listNotifications(1, 20).then((r) => setUnread(r.items.filter((n) => !n.read).length), () => undefined);
  }, [pathname]);

  const serve = serveEntries(me);
  // A rider (gig_worker): the pass for gates, reports from the road, messages.
  const riderTabs = [
    ...(me.permissions.includes('newgroups.rider') ? [
      { key: '/m/rider/pass', title: t('newgroupsRoad.m.tabPass'), icon: <SafetyCertificateOutlined /> },
      { key: '/m/rider/report', title: t('newgroupsRoad.m.tabReport'), icon: <EditOutlined /> },
      { key: '/m/rider/points', title: t('newgroupsRegister.m.tabPoints'), icon: <EnvironmentOutlined /> },
    ] : []),
    { key: '/m/messages', title: t('mobile.tabs.messages'), icon: <BellOutlined />, badge: unread || undefined },
  ];
  const tabs = me.role === 'gig_worker' ? riderTabs : isHolderAccount(me)
    ? [
        ...(me.permissions.includes('demands.act') ? [{ key: '/m/report', title: t('mobile.tabs.report'), icon: <EditOutlined />, badge: counts.demand || undefined }] : []),
        ...(me.permissions.includes('demands.read') ? [{ key: '/m/demands', title: t('mobile.tabs.demands'), icon: <FileTextOutlined /> }] : []),
        ...(me.permissions.includes('points.self') ? [{ key: '/m/points', title: t('points.m.tabPoints'), icon: <StarOutlined /> }] : []),
        ...(me.permissions.includes('points.redeem') ? [{ key: '/m/store', title: t('store.mobile.tab'), icon: <ShopOutlined /> }] : []),
        // 报到, 志愿服务 and 微心愿 share one tab: eight tabs are too narrow for older fingers.
        ...(serve.length > 0 ? [{ key: '/m/serve', title: t('mobile.tabs.serve'), icon: <HeartOutlined />, badge: counts.scan || undefined }] : []),
        { key: '/m/messages', title: t('mobile.tabs.messages'), icon: <BellOutlined />, badge: unread || undefined },
      ]
    : [
        { key: '/m/tasks', title: t('mobile.tabs.tasks'), icon: <ScheduleOutlined /> },
        { key: '/m/visit', title: t('mobile.tabs.visit'), icon: <HomeOutlined />, badge: counts.demand + counts.visit || undefined },
        ...(me.permissions.includes('points.record') ? [{ key: '/m/points/record', title: t('points.m.tabRecord'), icon: <LikeOutlined />, badge: counts.points || undefined }] : []),
        ...(me.permissions.includes('points.store') ? [{ key: '/m/store-handover', title: t('store.handover.tab'), icon: <ScanOutlined /> }] : []),
        ...(me.permissions.includes('wishes.post') ? [{ key: '/m/wishes/staff', title: t('wishes.m.tab'), icon: <GiftOutlined /> }] : []),
        ...(me.permissions.includes('property.company') ? [{ key: '/m/property/tasks', title: t('propertyMeetings.m.tab'), icon: <ScheduleOutlined /> }] : []),
        ...(me.permissions.includes('property.company') ? [{ key: '/m/property', title: t('propertyCompanies.m.tab'), icon: <SafetyCertificateOutlined /> }] : []),
        // 门岗核验: the compound's guards (the company, grid workers); community staff open it from the console's menu.
        ...(me.permissions.includes('newgroups.gate') && (me.role === 'property_company' || me.role === 'grid_worker') ? [{ key: '/m/gate', title: t('newgroupsRoad.m.tabGate'), icon: <ScanOutlined /> }] : []),
        { key: '/m/messages', title: t('mobile.tabs.messages'), icon: <BellOutlined />, badge: unread || undefined },
      ];
  const serving = isHolderAccount(me) ? serve.find((e) => pathname === e.path || pathname.startsWith(`${e.path}/`)) : undefined;
  const active = serving ? '/m/serve' : tabs.find((x) => pathname === x.key || pathname.startsWith(`${x.key}/`))?.key
    ?? (pathname.startsWith('/m/demands') ? '/m/demands' : pathname === '/m/visits' ? '/m/visit' : null);
  const title = serving ? t(`mobile.serve.${serving.label}`) : tabs.find((x) => x.key === active)?.title ?? t('mobile.detail.title');

  return (
    <div className="m-shell">
      <header className="m-header">
        <span className="app-brand-mark">{t('app.mark')}</span>
        <h1 className="m-title">{title}</h1>
        <span className="m-header-right">
          {waiting > 0 && <QueueBadge counts={counts} total={waiting} onSend={() => void sendNow()} />}
          {!isHolderAccount(me) && (
            <button
              type="button"
              className="m-header-button"
              aria-label={t('mobile.console')}
              onClick={() => {
                // An explicit choice: the console's home no longer sends a small screen back here.
                chooseView('desktop');
                navigate('/?view=desktop');
              }}
            >
              <DesktopOutlined />
            </button>
          )}
          <button type="button" className="m-header-button" onClick={() => void signOut().catch(() => undefined)} aria-label={t('mobile.logout')}>
            <LogoutOutlined />
          </button>
        </span>
      </header>
      <div className="m-language-bar"><LanguageSwitch /></div>
      <main className="m-main">
        <Outlet />
      </main>
      <nav className="m-tabbar" aria-label={t('nav.label')}>
        <TabBar activeKey={active} safeArea>
          {tabs.map((x) => (
            <TabBar.Item
              key={x.key}
              title={x.title}
              icon={x.icon}
              badge={x.badge}
              aria-label={x.title}
              // On every tap, the active tab too: from a page inside a tab (报到 under 我要服务, a
              // demand under 我的诉求) its tab leads back to the tab's own page.
              onClick={() => {
                if (pathname !== x.key) navigate(x.key);
              }}
            />
          ))}
        </TabBar>
      </nav>
    </div>
  );
}

/** On every phone page while records wait: how many, by kind; a tap sends them now. */
function QueueBadge({ counts, total, onSend }: { counts: Record<QueueKind, number>; total: number; onSend: () => void }) {
  const { t } = useTranslation();
  const detail = (['demand', 'visit', 'points', 'scan'] as const)
    .filter((k) => counts[k] > 0)
    .map((k) => t(`mobile.queue.kind.${k}`, { count: counts[k] }))
    .join(t('mobile.queue.separator'));
  return (
    <button type="button" className="m-header-button m-queue-badge" data-testid="queue-badge" aria-label={t('mobile.queue.label', { detail })} title={detail} onClick={onSend}>
      <CloudUploadOutlined />
      <span className="m-queue-count">{t('mobile.queue.badge', { count: total })}</span>
    </button>
  );
}
