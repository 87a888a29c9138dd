import { StrictMode, useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { Button, DotLoading, Result } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router-dom';
import { languageReady } from './i18n.js';
import './styles.css';
import { AuthProvider, useAuth } from './components/auth-provider.js';
import { loginReturningTo, switchBundle } from './phone-bundle.js';
import PhoneLoginPage from './pages/phone-login/index.js';
import MobileApp from './pages/mobile/index.js';

/**
 * The phone pages (/m/* and the residents' sign-in) as a page of their own: antd-mobile and plain
 * elements only, never the console's Ant Design (docs/adr/0008-phone-bundle.md). Everything a
 * phone page needs is imported here statically, so the browser fetches it in one round of
 * parallel requests instead of discovering lazy chunks one after another on a slow link.
 */

function Loading() {
  const { t } = useTranslation();
  return (
    <div className="full-page-center" role="status" aria-label={t('common.loading')}>
      <DotLoading color="primary" />
    </div>
  );
}

/** Any other path belongs to the console: load it as a page (the console's own bundle). */
function ToConsole({ to }: { to?: string }) {
  const { t } = useTranslation();
  const { pathname, search, hash } = useLocation();
  const [stuck, setStuck] = useState(false);
  useEffect(() => {
    if (!switchBundle(to ?? pathname + search + hash)) setStuck(true);
  }, [to, pathname, search, hash]);
  if (!stuck) return <Loading />;
  return (
    <Result
      status="warning"
      title={t('mobile.consoleMissing')}
      description={<Button color="primary" onClick={() => window.location.reload()}>{t('mobile.reload')}</Button>}
    />
  );
}

function RequireAccount({ children }: { children: ReactNode }) {
  const { me, signedOut } = useAuth();
  const { pathname, search, hash } = useLocation();
  if (me === undefined) return <Loading />;
  // Staff sign in (and change a first password) on the console's page, then come back to the page
  // they asked for; after signing out here the next person starts at home.
  if (me === null) return <ToConsole to={signedOut ? '/login' : loginReturningTo(pathname + search + hash)} />;
  if (me.mustChangePassword) return <ToConsole to="/" />;
  return <>{children}</>;
}

function PhoneApp() {
  return (
    <AuthProvider>
      <BrowserRouter>
        <Routes>
          <Route path="/m/login" element={<PhoneLoginPage />} />
          <Route path="/m/*" element={<RequireAccount><MobileApp /></RequireAccount>} />
          <Route path="*" element={<ToConsole />} />
        </Routes>
      </BrowserRouter>
    </AuthProvider>
  );
}

// The service worker (web/sw.js, copied to /sw.js by the build) opens these pages without signal
// after one visit. Registered once the page has loaded, so it never competes with it.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/m/' }).catch(() => undefined);
  });
}

void languageReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <PhoneApp />
    </StrictMode>,
  ),
);
