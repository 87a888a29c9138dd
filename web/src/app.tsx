import { Suspense, lazy, useEffect, useState, type ReactNode } from 'react';
import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/es/locale/zh_CN.js';
import enUS from 'antd/es/locale/en_US.js';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { AuthProvider, useAuth } from './components/auth-provider.js';
import { AppLayout } from './components/app-layout.js';
import { allowedNavItems } from './components/nav-items.js';
import { Forbidden, NoConsoleAccess } from './components/status-pages.js';
import { ForcePasswordChange } from './components/force-password-change.js';
import { switchBundle } from './phone-bundle.js';
import { prefersDesktop } from './view-choice.js';
import type { Me, Permission } from './services/types.js';
import LoginPage from './pages/login/index.js';
import NotFoundPage from './pages/not-found/index.js';

// Pages load on demand: the chart library only comes with the pages that draw charts.
const OrgPage = lazy(() => import('./pages/org/index.js'));
const MapPage = lazy(() => import('./pages/map/index.js'));
const HouseholdsPage = lazy(() => import('./pages/households/index.js'));
const MerchantsPage = lazy(() => import('./pages/merchants/index.js'));
const ResidentsPage = lazy(() => import('./pages/residents/index.js'));
const PartyPage = lazy(() => import('./pages/party/index.js'));
const ImportPage = lazy(() => import('./pages/import/index.js'));
const AuditPage = lazy(() => import('./pages/audit/index.js'));
const AccountsPage = lazy(() => import('./pages/accounts/index.js'));
const DemandsPage = lazy(() => import('./pages/demands/index.js'));
const DemandDetailPage = lazy(() => import('./pages/demands/detail.js'));
const DemandInboxPage = lazy(() => import('./pages/demands/inbox.js'));
const DemandRatesPage = lazy(() => import('./pages/demands/rates.js'));
const MeetingsPage = lazy(() => import('./pages/meetings/index.js'));
const MeetingDetailPage = lazy(() => import('./pages/meetings/detail.js'));
const LeadersPage = lazy(() => import('./pages/leaders/index.js'));
const LeaderDetailPage = lazy(() => import('./pages/leaders/detail.js'));
const WorkforceStaffPage = lazy(() => import('./pages/workforce/staff.js'));
const WorkforceOverviewPage = lazy(() => import('./pages/workforce/overview.js'));
const WorkforcePayTablePage = lazy(() => import('./pages/workforce/pay-table.js'));
const WorkforceStarsPage = lazy(() => import('./pages/workforce/stars.js'));
const SupermarketPage = lazy(() => import('./pages/supermarket/index.js'));
const PointsRulesPage = lazy(() => import('./pages/points/rules.js'));
const PointsRecordsPage = lazy(() => import('./pages/points/records.js'));
const PointsMonthsPage = lazy(() => import('./pages/points/months.js'));
const PointsStatsPage = lazy(() => import('./pages/points/stats.js'));
const PointsHonoursPage = lazy(() => import('./pages/points/honours.js'));
const PointsLedgerPage = lazy(() => import('./pages/points/ledger.js'));
const GridTasksPage = lazy(() => import('./pages/gridtasks/index.js'));
const Open311KeysPage = lazy(() => import('./pages/open311-keys/index.js'));
const CalendarPage = lazy(() => import('./pages/calendar/index.js'));
const WishesPage = lazy(() => import('./pages/wishes/index.js'));
const PublicWishesPage = lazy(() => import('./pages/public/wishes.js'));
const CampaignsPage = lazy(() => import('./pages/campaigns/index.js'));
const CampaignDetailPage = lazy(() => import('./pages/campaigns/detail.js'));
// The public notice (一月一示) needs no account: it hangs on notice boards as a QR code.
const PublicNoticesPage = lazy(() => import('./pages/public/points-notices.js'));
const PublicNoticePage = lazy(() => import('./pages/public/points-notice.js'));
const RegistrationsPage = lazy(() => import('./pages/registrations/index.js'));
const VolunteersPage = lazy(() => import('./pages/volunteers/index.js'));
const VolunteerActivityPage = lazy(() => import('./pages/volunteers/detail.js'));
const VolunteerQrPage = lazy(() => import('./pages/volunteers/qr.js'));
const PropertyMeetingsBoardPage = lazy(() => import('./pages/property/meetings.js'));
const PropertyCompaniesPage = lazy(() => import('./pages/property/companies.js'));
const PropertyCompanyDetailPage = lazy(() => import('./pages/property/company-detail.js'));
const PropertyCompanyOwnPage = lazy(() => import('./pages/property/company-own.js'));
const PropertyCreditPage = lazy(() => import('./pages/property/credit-quarters.js'));
const PropertyCreditSchemesPage = lazy(() => import('./pages/property/credit-schemes.js'));
const PropertyCreditRatingsPage = lazy(() => import('./pages/property/credit-ratings.js'));
// The 红黑榜 is public: anyone may read the published list without an account.
const PublicPropertyListPage = lazy(() => import('./pages/public/property-list.js'));
const PropertyMeetingPage = lazy(() => import('./pages/property/meetings-detail.js'));
const PropertyMeetingsOverviewPage = lazy(() => import('./pages/property/meetings-overview.js'));
const PropertyRepairsPage = lazy(() => import('./pages/property/repairs.js'));
const PropertyRepairDetailPage = lazy(() => import('./pages/property/repairs-detail.js'));
const PropertyRepairFiguresPage = lazy(() => import('./pages/property/repairs-figures.js'));
const SupervisionInspectionsPage = lazy(() => import('./pages/supervision/inspections.js'));
const SupervisionProblemsPage = lazy(() => import('./pages/supervision/problems.js'));
const SupervisionProblemDetailPage = lazy(() => import('./pages/supervision/problem-detail.js'));
const SupervisionFiguresPage = lazy(() => import('./pages/supervision/figures.js'));
const ReliefCertificatesPage = lazy(() => import('./pages/relief/certificates.js'));
const ReliefRemovalsPage = lazy(() => import('./pages/relief/removals.js'));
const CockpitPage = lazy(() => import('./pages/cockpit/index.js'));
const CockpitReportPage = lazy(() => import('./pages/cockpit/report.js'));
const OpenDataPage = lazy(() => import('./pages/cockpit/open-data.js'));
const PublicPortalPage = lazy(() => import('./pages/public/portal.js'));
// The portal's full lists and a venue's monthly calendar (党群阵地@你) need no account either.
const PublicPortalMorePage = lazy(() => import('./pages/public/portal-more.js'));
const PublicVenueCalendarPage = lazy(() => import('./pages/public/venue-calendar.js'));
const SelfrunCompoundsPage = lazy(() => import('./pages/selfrun/compounds.js'));
const SelfrunCompoundDetailPage = lazy(() => import('./pages/selfrun/compound-detail.js'));
const SelfrunStepsBoardPage = lazy(() => import('./pages/selfrun/steps.js'));
const SelfrunStepsDetailPage = lazy(() => import('./pages/selfrun/steps-detail.js'));
const SelfrunVotesPage = lazy(() => import('./pages/selfrun/votes.js'));
// 新就业群体: 白名单, part-time grid workers and road reports.
const NewgroupsWhitelistPage = lazy(() => import('./pages/newgroups/whitelist.js'));
const NewgroupsParttimePage = lazy(() => import('./pages/newgroups/parttime.js'));
const NewgroupsRegisterPage = lazy(() => import('./pages/newgroups/register.js'));
const NewgroupsStationPage = lazy(() => import('./pages/newgroups/station-detail.js'));
const NewgroupsCoveragePage = lazy(() => import('./pages/newgroups/coverage.js'));
const NewgroupsPointsPage = lazy(() => import('./pages/newgroups/service-points.js'));
const VenuesPage = lazy(() => import('./pages/venues/index.js'));
const VenueDetailPage = lazy(() => import('./pages/venues/detail.js'));
const VenueFundingPage = lazy(() => import('./pages/venues/funding.js'));
const SelfrunVoteDetailPage = lazy(() => import('./pages/selfrun/votes-detail.js'));
const SelfrunAccountsPage = lazy(() => import('./pages/selfrun/account.js'));
const SelfrunAccountDetailPage = lazy(() => import('./pages/selfrun/account-detail.js'));
// 小区收支公开 needs no account.
const PublicCompoundStatementPage = lazy(() => import('./pages/public/compound-statement.js'));
// 业主表决结果公示 needs no account.
const PublicVoteResultPage = lazy(() => import('./pages/public/vote-result.js'));
const CobuildOverviewPage = lazy(() => import('./pages/cobuild-projects/overview.js'));
const CobuildNeedsPage = lazy(() => import('./pages/cobuild-projects/needs.js'));
const CobuildResourcesPage = lazy(() => import('./pages/cobuild-projects/resources.js'));
const CobuildProjectsPage = lazy(() => import('./pages/cobuild-projects/projects.js'));
const CobuildProjectDetailPage = lazy(() => import('./pages/cobuild-projects/detail.js'));
const CobuildUnitPage = lazy(() => import('./pages/cobuild-projects/unit.js'));
const DualReportUnitsPage = lazy(() => import('./pages/dual-report/units.js'));
const DualReportReviewPage = lazy(() => import('./pages/dual-report/review.js'));
const DualReportEvaluationPage = lazy(() => import('./pages/dual-report/evaluation.js'));

// People who ask their system for less motion (many older staff; also the browser tests) get
// lists and dialogs that open at once, with no animation to wait for or to click through.
const reducedMotion = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

const theme = {
  token: { colorPrimary: '#c8161d', borderRadius: 6, motion: !reducedMotion },
  components: { Layout: { siderBg: '#001529', headerBg: '#ffffff' } },
};

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <AuthProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

function FullPageSpin() {
  const { t } = useTranslation();
  return (
    <div className="full-page-center">
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}

/**
 * The phone pages (/m/*, the residents' sign-in) are a page of their own without Ant Design
 * (mobile.html, docs/adr/0008-phone-bundle.md): a route there loads that page.
 */
function PhonePages() {
  const { t } = useTranslation();
  const { pathname, search, hash } = useLocation();
  const [stuck, setStuck] = useState(false);
  useEffect(() => {
    if (!switchBundle(pathname + search + hash)) setStuck(true);
  }, [pathname, search, hash]);
  if (!stuck) return <FullPageSpin />;
  return <Result status="warning" title={t('mobile.bundleMissing')} extra={<Button type="primary" onClick={() => window.location.reload()}>{t('mobile.reload')}</Button>} />;
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { me, signedOut } = useAuth();
  const location = useLocation();
  if (me === undefined) return <FullPageSpin />;
  if (me === null) return <Navigate to="/login" replace state={signedOut ? null : { from: location.pathname + location.search }} />;
  // A new or reset account chooses its own password before anything else, then goes on where it was.
  if (me.mustChangePassword) return <ForcePasswordChange />;
  return <>{children}</>;
}

function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useAuth();
  if (!can(permission)) return <Forbidden />;
  return <Suspense fallback={<FullPageSpin />}>{children}</Suspense>;
}

/** Where an account starts: residents on their phone pages, departments in their inbox, others on their first menu entry. */
export function homePath(me: Me, screenWidth: number, desktopChosen = false): string | undefined {
  if (me.role === 'resident' || me.role === 'party_member') return '/m/demands';
  if (me.role === 'merchant') return '/m/points';
  // A work unit's admin and a volunteer organisation's admin start on their own work, not the org tree.
  if (me.role === 'work_unit') return '/cobuild/unit';
  if (me.role === 'volunteer_org') return '/volunteers';
  // A property company's account starts on its own company: compounds, demands, rectification tasks.
  if (me.role === 'property_company') return screenWidth < 768 && !desktopChosen ? '/m/property' : '/property/mine';
  if (me.role === 'department' && me.permissions.includes('demands.dispatch')) return '/demands/inbox';
  // The city's and counties' organisation departments start on the cockpit: their figures, counted.
  if ((me.role === 'city_admin' || me.role === 'county_admin') && me.permissions.includes('stats.read')) return '/cockpit';
  // A courier, rider or driver starts on the phone pass.
  if (me.role === 'gig_worker') return '/m/rider/pass';
  // A grid worker who pressed 电脑版 on the phone stays in the console (view-choice.ts).
  if (me.role === 'grid_worker' && screenWidth < 768 && !desktopChosen && me.permissions.includes('demands.act')) return '/m/tasks';
  return allowedNavItems(me).find((i) => !i.external)?.path;
}

function HomeRedirect() {
  const { me } = useAuth();
  const { search } = useLocation();
  const home = me ? homePath(me, window.innerWidth, prefersDesktop(search)) : undefined;
  if (!home) return <NoConsoleAccess />;
  return <Navigate to={home} replace />;
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/public/points" element={<Suspense fallback={<FullPageSpin />}><PublicNoticesPage /></Suspense>} />
      <Route path="/public/points/:communityId/:month" element={<Suspense fallback={<FullPageSpin />}><PublicNoticePage /></Suspense>} />
      <Route path="/public" element={<Suspense fallback={<FullPageSpin />}><PublicPortalPage /></Suspense>} />
      <Route path="/public/more/:list" element={<Suspense fallback={<FullPageSpin />}><PublicPortalMorePage /></Suspense>} />
      <Route path="/public/venue-calendars/:id" element={<Suspense fallback={<FullPageSpin />}><PublicVenueCalendarPage /></Suspense>} />
      <Route path="/public/property-list" element={<Suspense fallback={<FullPageSpin />}><PublicPropertyListPage /></Suspense>} />
      <Route path="/public/votes/:id" element={<Suspense fallback={<FullPageSpin />}><PublicVoteResultPage /></Suspense>} />
      <Route path="/public/compounds/:id/statements" element={<Suspense fallback={<FullPageSpin />}><PublicCompoundStatementPage /></Suspense>} />
      <Route path="/public/wishes/:communityId" element={<Suspense fallback={<FullPageSpin />}><PublicWishesPage /></Suspense>} />
      <Route path="/m/*" element={<PhonePages />} />
      {/* The check-in QR, full screen for a projector: no menu around it. */}
      <Route path="/volunteers/activities/:id/qr" element={<RequireAuth><RequirePermission permission="volunteers.manage"><VolunteerQrPage /></RequirePermission></RequireAuth>} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<HomeRedirect />} />
        <Route path="org" element={<RequirePermission permission="org.read"><OrgPage /></RequirePermission>} />
        <Route path="map" element={<RequirePermission permission="org.read"><MapPage /></RequirePermission>} />
        <Route path="households" element={<RequirePermission permission="people.read"><HouseholdsPage /></RequirePermission>} />
        <Route path="merchants" element={<RequirePermission permission="people.read"><MerchantsPage /></RequirePermission>} />
        <Route path="residents" element={<RequirePermission permission="people.read"><ResidentsPage /></RequirePermission>} />
        <Route path="registrations" element={<RequirePermission permission="registrations.review"><RegistrationsPage /></RequirePermission>} />
        <Route path="party" element={<RequirePermission permission="party.read"><PartyPage /></RequirePermission>} />
        <Route path="import" element={<RequirePermission permission="org.write"><ImportPage /></RequirePermission>} />
        <Route path="audit" element={<RequirePermission permission="audit.read"><AuditPage /></RequirePermission>} />
        <Route path="accounts" element={<RequirePermission permission="accounts.manage"><AccountsPage /></RequirePermission>} />
        <Route path="demands" element={<RequirePermission permission="demands.read"><DemandsPage /></RequirePermission>} />
        <Route path="demands/inbox" element={<RequirePermission permission="demands.dispatch"><DemandInboxPage /></RequirePermission>} />
        <Route path="demands/rates" element={<RequirePermission permission="demands.rates"><DemandRatesPage /></RequirePermission>} />
        <Route path="demands/:id" element={<RequirePermission permission="demands.read"><DemandDetailPage /></RequirePermission>} />
        <Route path="meetings" element={<RequirePermission permission="demands.meetings"><MeetingsPage /></RequirePermission>} />
        <Route path="meetings/:id" element={<RequirePermission permission="demands.meetings"><MeetingDetailPage /></RequirePermission>} />
        <Route path="leaders" element={<RequirePermission permission="leaders.read"><LeadersPage /></RequirePermission>} />
        <Route path="leaders/:id" element={<RequirePermission permission="leaders.read"><LeaderDetailPage /></RequirePermission>} />
        <Route path="workforce/staff" element={<RequirePermission permission="workforce.read"><WorkforceStaffPage /></RequirePermission>} />
        <Route path="workforce/overview" element={<RequirePermission permission="workforce.read"><WorkforceOverviewPage /></RequirePermission>} />
        <Route path="workforce/pay" element={<RequirePermission permission="workforce.read"><WorkforcePayTablePage /></RequirePermission>} />
        <Route path="workforce/stars" element={<RequirePermission permission="workforce.read"><WorkforceStarsPage /></RequirePermission>} />
        <Route path="store" element={<RequirePermission permission="points.store"><SupermarketPage /></RequirePermission>} />
        <Route path="points/rules" element={<RequirePermission permission="points.read"><PointsRulesPage /></RequirePermission>} />
        <Route path="points/records" element={<RequirePermission permission="points.read"><PointsRecordsPage /></RequirePermission>} />
        <Route path="points/months" element={<RequirePermission permission="points.read"><PointsMonthsPage /></RequirePermission>} />
        <Route path="points/stats" element={<RequirePermission permission="points.read"><PointsStatsPage /></RequirePermission>} />
        <Route path="points/honours" element={<RequirePermission permission="points.read"><PointsHonoursPage /></RequirePermission>} />
        <Route path="points/ledger" element={<RequirePermission permission="points.verify"><PointsLedgerPage /></RequirePermission>} />
        <Route path="gridtasks" element={<RequirePermission permission="gridtasks.read"><GridTasksPage /></RequirePermission>} />
        <Route path="open311-keys" element={<RequirePermission permission="open311.keys"><Open311KeysPage /></RequirePermission>} />
        <Route path="calendar" element={<RequirePermission permission="calendar.read"><CalendarPage /></RequirePermission>} />
        <Route path="wishes" element={<RequirePermission permission="wishes.read"><WishesPage /></RequirePermission>} />
        <Route path="campaigns" element={<RequirePermission permission="campaigns.read"><CampaignsPage /></RequirePermission>} />
        <Route path="campaigns/:id" element={<RequirePermission permission="campaigns.read"><CampaignDetailPage /></RequirePermission>} />
        <Route path="volunteers" element={<RequirePermission permission="volunteers.read"><VolunteersPage /></RequirePermission>} />
        <Route path="volunteers/activities/:id" element={<RequirePermission permission="volunteers.read"><VolunteerActivityPage /></RequirePermission>} />
        <Route path="property/companies" element={<RequirePermission permission="property.read"><PropertyCompaniesPage /></RequirePermission>} />
        <Route path="property/companies/:id" element={<RequirePermission permission="property.read"><PropertyCompanyDetailPage /></RequirePermission>} />
        <Route path="property/credit" element={<RequirePermission permission="property.read"><PropertyCreditPage /></RequirePermission>} />
        <Route path="property/credit/schemes" element={<RequirePermission permission="property.read"><PropertyCreditSchemesPage /></RequirePermission>} />
        <Route path="property/credit/ratings" element={<RequirePermission permission="property.rate"><PropertyCreditRatingsPage /></RequirePermission>} />
        <Route path="property/mine" element={<RequirePermission permission="property.company"><PropertyCompanyOwnPage /></RequirePermission>} />
        <Route path="property/meetings" element={<RequirePermission permission="property.read"><PropertyMeetingsBoardPage /></RequirePermission>} />
        <Route path="property/meetings/overview" element={<RequirePermission permission="property.read"><PropertyMeetingsOverviewPage /></RequirePermission>} />
        <Route path="property/meetings/:id" element={<RequirePermission permission="property.read"><PropertyMeetingPage /></RequirePermission>} />
        {/* Staff read repairs with property.read, the serving company with property.repairs: the page checks either. */}
        <Route path="property/repairs" element={<RequirePermission permission="self"><PropertyRepairsPage /></RequirePermission>} />
        <Route path="property/repairs/figures" element={<RequirePermission permission="property.read"><PropertyRepairFiguresPage /></RequirePermission>} />
        <Route path="property/repairs/:id" element={<RequirePermission permission="self"><PropertyRepairDetailPage /></RequirePermission>} />
        <Route path="supervision" element={<RequirePermission permission="supervision.read"><SupervisionInspectionsPage /></RequirePermission>} />
        <Route path="supervision/problems" element={<RequirePermission permission="supervision.read"><SupervisionProblemsPage /></RequirePermission>} />
        <Route path="supervision/problems/:id" element={<RequirePermission permission="supervision.read"><SupervisionProblemDetailPage /></RequirePermission>} />
        <Route path="supervision/figures" element={<RequirePermission permission="supervision.read"><SupervisionFiguresPage /></RequirePermission>} />
        <Route path="relief/certificates" element={<RequirePermission permission="relief.read"><ReliefCertificatesPage /></RequirePermission>} />
        <Route path="relief/removals" element={<RequirePermission permission="relief.read"><ReliefRemovalsPage /></RequirePermission>} />
        <Route path="cockpit" element={<RequirePermission permission="stats.read"><CockpitPage /></RequirePermission>} />
        <Route path="cockpit/report" element={<RequirePermission permission="stats.read"><CockpitReportPage /></RequirePermission>} />
        <Route path="cockpit/open-data" element={<RequirePermission permission="stats.read"><OpenDataPage /></RequirePermission>} />
        <Route path="selfrun/compounds" element={<RequirePermission permission="selfrun.read"><SelfrunCompoundsPage /></RequirePermission>} />
        <Route path="selfrun/compounds/:id" element={<RequirePermission permission="selfrun.read"><SelfrunCompoundDetailPage /></RequirePermission>} />
        <Route path="selfrun/steps" element={<RequirePermission permission="selfrun.read"><SelfrunStepsBoardPage /></RequirePermission>} />
        <Route path="selfrun/compounds/:id/steps" element={<RequirePermission permission="selfrun.read"><SelfrunStepsDetailPage /></RequirePermission>} />
        <Route path="selfrun/votes" element={<RequirePermission permission="selfrun.read"><SelfrunVotesPage /></RequirePermission>} />
        <Route path="newgroups/whitelist" element={<RequirePermission permission="newgroups.read"><NewgroupsWhitelistPage /></RequirePermission>} />
        <Route path="newgroups/parttime" element={<RequirePermission permission="newgroups.read"><NewgroupsParttimePage /></RequirePermission>} />
        <Route path="newgroups/register" element={<RequirePermission permission="newgroups.read"><NewgroupsRegisterPage /></RequirePermission>} />
        <Route path="newgroups/register/stations/:id" element={<RequirePermission permission="newgroups.read"><NewgroupsStationPage /></RequirePermission>} />
        <Route path="newgroups/coverage" element={<RequirePermission permission="newgroups.read"><NewgroupsCoveragePage /></RequirePermission>} />
        <Route path="newgroups/service-points" element={<RequirePermission permission="newgroups.read"><NewgroupsPointsPage /></RequirePermission>} />
        <Route path="venues" element={<RequirePermission permission="venues.read"><VenuesPage /></RequirePermission>} />
        <Route path="venues/funding" element={<RequirePermission permission="venues.read"><VenueFundingPage /></RequirePermission>} />
        <Route path="venues/:id" element={<RequirePermission permission="venues.read"><VenueDetailPage /></RequirePermission>} />
        <Route path="selfrun/votes/:id" element={<RequirePermission permission="selfrun.read"><SelfrunVoteDetailPage /></RequirePermission>} />
        <Route path="selfrun/account" element={<RequirePermission permission="selfrun.read"><SelfrunAccountsPage /></RequirePermission>} />
        <Route path="selfrun/compounds/:id/account" element={<RequirePermission permission="selfrun.read"><SelfrunAccountDetailPage /></RequirePermission>} />
        <Route path="cobuild/overview" element={<RequirePermission permission="cobuild.read"><CobuildOverviewPage /></RequirePermission>} />
        <Route path="cobuild/needs" element={<RequirePermission permission="cobuild.read"><CobuildNeedsPage /></RequirePermission>} />
        <Route path="cobuild/resources" element={<RequirePermission permission="cobuild.read"><CobuildResourcesPage /></RequirePermission>} />
        <Route path="cobuild/projects" element={<RequirePermission permission="cobuild.read"><CobuildProjectsPage /></RequirePermission>} />
        <Route path="cobuild/projects/:id" element={<RequirePermission permission="cobuild.read"><CobuildProjectDetailPage /></RequirePermission>} />
        <Route path="cobuild/unit" element={<RequirePermission permission="cobuild.unit"><CobuildUnitPage /></RequirePermission>} />
        <Route path="cobuild/units" element={<RequirePermission permission="cobuild.read"><DualReportUnitsPage /></RequirePermission>} />
        <Route path="cobuild/review" element={<RequirePermission permission="cobuild.read"><DualReportReviewPage /></RequirePermission>} />
        <Route path="cobuild/evaluation" element={<RequirePermission permission="cobuild.read"><DualReportEvaluationPage /></RequirePermission>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
