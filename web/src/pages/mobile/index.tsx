import './react19.js';
import './mobile.css';
import { ConfigProvider } from 'antd-mobile';
import zhCN from 'antd-mobile/es/locales/zh-CN.js';
import enUS from 'antd-mobile/es/locales/en-US.js';
import { lazy, Suspense, type ReactNode } from 'react';
import { DotLoading } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router-dom';
import { useMe } from '../../components/auth-provider.js';
import { MobileLayout, isHolderAccount, mobileHome } from './layout.js';
import { OfflineProvider } from './offline.js';
import ReportPage from './report.js';
import MyDemandsPage from './my-demands.js';
import MobileDemandPage from './demand-detail.js';
import MessagesPage from './messages.js';
import VisitPage from './visit.js';
import VisitHistoryPage from './visit-history.js';
import TasksPage from './tasks.js';
import StoreHomePage from './store-home.js';
import StoreOrdersPage from './store-orders.js';
import StoreHandoverPage from './store-handover.js';
import PointsRecordPage from './points-record.js';
import PointsMinePage from './points-mine.js';
import ServePage from './serve.js';

// Volunteer pages load on their own (the phone entry's budget, ADR 0008).
const VolunteerHomePage = lazy(() => import('./volunteer.js'));
const VolunteerScanPage = lazy(() => import('./volunteer-scan.js'));
// Micro-wishes (微心愿) too.
const WishesPage = lazy(() => import('./wishes.js'));
const WishStaffPage = lazy(() => import('./wish-staff.js'));
const CobuildReportPage = lazy(() => import('./cobuild-report.js'));
// The property company's project manager.
const PropertyCompanyPage = lazy(() => import('./property-company.js'));
const PropertyTasksPage = lazy(() => import('./property-tasks.js'));
const PropertyRepairsPage = lazy(() => import('./property-repairs.js'));
const PropertyProposalsPage = lazy(() => import('./property-tasks.js').then((m) => ({ default: m.PropertyProposalsPage })));
const PropertyRatePage = lazy(() => import('./property-rate.js'));
// 居民自办: a committee member's steps.
const SelfrunCommitteePage = lazy(() => import('./selfrun-committee.js'));
// 业主表决: an owner's phone ballot.
const OwnerVotePage = lazy(() => import('./owner-vote.js'));
// 公共账户: owners' balance and statements, members' recording, the yearly rating.
const SelfrunAccountPage = lazy(() => import('./selfrun-account.js'));
// 新就业群体: the rider's pass and road reports, the gate's check.
const RiderPassPage = lazy(() => import('./rider-pass.js'));
const RiderReportPage = lazy(() => import('./rider-report.js'));
const RiderPointsPage = lazy(() => import('./rider-points.js')); // nearest open service points
// 督导: an inspector records problems with photos and place.
const InspectPage = lazy(() => import('./inspect.js'));
const RectifyPage = lazy(() => import('./rectify.js'));
const GatePage = lazy(() => import('./gate.js'));
// 党群阵地: book rooms, follow venues, this month's "@你".
const VenuesPhonePage = lazy(() => import('./venues.js'));
const lazyPage = (page: ReactNode) => <Suspense fallback={<div className="m-center"><DotLoading /></div>}>{page}</Suspense>;

/** The phone pages (/m/*): their own layout with a bottom tab bar, large text, no side menu. */
export default function MobileApp() {
  const { i18n } = useTranslation();
  const me = useMe();
  const staff = !isHolderAccount(me);
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
      <OfflineProvider>
        <Routes>
          <Route element={<MobileLayout />}>
            <Route index element={<Navigate to={mobileHome(me)} replace />} />
            <Route path="report" element={<ReportPage />} />
            <Route path="demands" element={<MyDemandsPage />} />
            <Route path="demands/:id" element={<MobileDemandPage />} />
            <Route path="messages" element={<MessagesPage />} />
            {me.permissions.includes('points.redeem') && <Route path="store" element={<StoreHomePage />} />}
            {me.permissions.includes('points.redeem') && <Route path="store/orders" element={<StoreOrdersPage />} />}
            {me.permissions.includes('points.store') && <Route path="store-handover" element={<StoreHandoverPage />} />}
            {me.permissions.includes('points.self') && <Route path="points" element={<PointsMinePage />} />}
            {me.permissions.includes('points.record') && <Route path="points/record" element={<PointsRecordPage />} />}
            {!staff && <Route path="serve" element={<ServePage />} />}
            {me.permissions.includes('volunteers.self') && <Route path="volunteer" element={lazyPage(<VolunteerHomePage />)} />}
            {me.permissions.includes('volunteers.self') && <Route path="volunteer/scan" element={lazyPage(<VolunteerScanPage />)} />}
            {me.permissions.includes('cobuild.report') && <Route path="cobuild-report" element={lazyPage(<CobuildReportPage />)} />}
            {me.permissions.includes('wishes.claim') && <Route path="wishes" element={lazyPage(<WishesPage />)} />}
            {me.permissions.includes('wishes.post') && <Route path="wishes/staff" element={lazyPage(<WishStaffPage />)} />}
            {me.permissions.includes('property.company') && <Route path="property/tasks" element={lazyPage(<PropertyTasksPage />)} />}
            {me.permissions.includes('property.resident') && <Route path="property/proposals" element={lazyPage(<PropertyProposalsPage />)} />}
            {me.permissions.includes('property.resident') && <Route path="property/rate" element={lazyPage(<PropertyRatePage />)} />}
            {me.permissions.includes('property.resident') && <Route path="property/repairs" element={lazyPage(<PropertyRepairsPage />)} />}
            {me.permissions.includes('property.company') && <Route path="property" element={lazyPage(<PropertyCompanyPage />)} />}
            {me.permissions.includes('selfrun.committee') && <Route path="selfrun" element={lazyPage(<SelfrunCommitteePage />)} />}
            {me.permissions.includes('selfrun.owner') && <Route path="owner-vote" element={lazyPage(<OwnerVotePage />)} />}
            {me.permissions.includes('selfrun.owner') && <Route path="selfrun/account" element={lazyPage(<SelfrunAccountPage />)} />}
            {me.permissions.includes('newgroups.rider') && <Route path="rider/pass" element={lazyPage(<RiderPassPage />)} />}
            {me.permissions.includes('newgroups.rider') && <Route path="rider/points" element={lazyPage(<RiderPointsPage />)} />}
            {me.permissions.includes('newgroups.rider') && <Route path="rider/report" element={lazyPage(<RiderReportPage />)} />}
            {me.permissions.includes('supervision.inspect') && <Route path="inspect" element={lazyPage(<InspectPage />)} />}
            {me.permissions.includes('supervision.rectify') && <Route path="rectify" element={lazyPage(<RectifyPage />)} />}
            {me.permissions.includes('newgroups.gate') && <Route path="gate" element={lazyPage(<GatePage />)} />}
            {me.permissions.includes('venues.visitor') && <Route path="venues" element={lazyPage(<VenuesPhonePage />)} />}
            {staff && <Route path="visit" element={<VisitPage />} />}
            {staff && <Route path="visits" element={<VisitHistoryPage />} />}
            {staff && <Route path="tasks" element={<TasksPage />} />}
            <Route path="*" element={<Navigate to={mobileHome(me)} replace />} />
          </Route>
        </Routes>
      </OfflineProvider>
    </ConfigProvider>
  );
}
