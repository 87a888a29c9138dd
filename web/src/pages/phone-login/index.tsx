import '../mobile/react19.js';
import '../mobile/mobile.css';
import './phone-login.css';
import { useEffect, useState } from 'react';
import { Button, ConfigProvider, Input, Result, SearchBar } from 'antd-mobile';
import zhCN from 'antd-mobile/es/locales/zh-CN.js';
import enUS from 'antd-mobile/es/locales/en-US.js';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import { LanguageSwitch } from '../mobile/components/language-switch.js';
import { isPhonePath, returnPath } from '../../phone-bundle.js';
import type { Me } from '../../services/types.js';
import * as phoneApi from '../../services/phone-login-api.js';
import type { CommunityOption } from '../../services/phone-login-api.js';

const PHONE = /^1[3-9]\d{9}$/;

/** Where a resident lands after signing in: the phone page they asked for, else their points when they have any to see. */
const landing = (me: Me, next?: string) => next ?? (me.permissions.includes('points.self') ? '/m/points' : '/m');

/** The phone page a signed-out resident asked for (`?next=`, set by the sign-in pages). */
function useNextPhonePage(): string | undefined {
  const next = returnPath(new URLSearchParams(useLocation().search).get('next'));
  return next && isPhonePath(next.split(/[?#]/)[0]) ? next : undefined;
}

/**
 * /m/login: residents sign in with their phone number and a code sent by SMS; residents not in
 * the register yet apply here, and their community confirms. Large text for older residents.
 */
export default function PhoneLoginPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const next = useNextPhonePage();
  if (me) return <Navigate to={me.role === 'resident' || me.role === 'party_member' ? landing(me, next) : '/'} replace />;
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
      <div className="m-shell">
        <header className="m-header">
          <span className="app-brand-mark">{t('app.mark')}</span>
          <h1 className="m-title">{mode === 'login' ? t('phoneLogin.title') : t('phoneLogin.register.title')}</h1>
        </header>
        <main className="m-page">
          {mode === 'login' ? <SignIn onRegister={() => setMode('register')} /> : <Register onBack={() => setMode('login')} />}
          <p className="m-login-staff">
            <Link to="/login">{t('phoneLogin.staffLogin')}</Link>
          </p>
          <div className="m-login-staff"><LanguageSwitch /></div>
        </main>
      </div>
    </ConfigProvider>
  );
}

/** Counts down the seconds until another code may be asked for. */
function useCountdown() {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  return [left, setLeft] as const;
}

function PhoneAndCode(props: {
  phone: string; setPhone(v: string): void; code: string; setCode(v: string): void;
  onSend(): Promise<void>; sendDisabled?: boolean;
}) {
  const { t } = useTranslation();
  const [left, setLeft] = useCountdown();
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);
  const send = async () => {
    setSending(true);
    try {
      await props.onSend();
      setSent(true);
      setLeft(60);
    } finally {
      setSending(false);
    }
  };
  return (
    <>
      <section>
        <h2 className="m-section-title"><label htmlFor="m-login-phone">{t('phoneLogin.phone')}</label></h2>
        <Input
          className="m-input" id="m-login-phone" type="tel" inputMode="numeric" autoComplete="tel" maxLength={11}
          placeholder={t('phoneLogin.phonePlaceholder')} value={props.phone} onChange={(v) => props.setPhone(v.replace(/\D/g, ''))} clearable
        />
      </section>
      <section>
        <h2 className="m-section-title"><label htmlFor="m-login-code">{t('phoneLogin.code')}</label></h2>
        <div className="m-login-code-row">
          <Input
            className="m-input" id="m-login-code" type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={6}
            placeholder={t('phoneLogin.codePlaceholder')} value={props.code} onChange={(v) => props.setCode(v.replace(/\D/g, ''))}
          />
          <Button
            size="large" color="primary" fill="outline" className="m-login-send" loading={sending}
            disabled={left > 0 || !PHONE.test(props.phone) || props.sendDisabled} onClick={() => void send().catch(() => undefined)}
          >
            {left > 0 ? t('phoneLogin.resendIn', { seconds: left }) : t('phoneLogin.sendCode')}
          </Button>
        </div>
        {sent && <p className="m-hint" role="status">{t('phoneLogin.codeSent')}</p>}
      </section>
    </>
  );
}

function SignIn({ onRegister }: { onRegister(): void }) {
  const { t } = useTranslation();
  const { signInWithPhone } = useAuth();
  const navigate = useNavigate();
  const next = useNextPhonePage();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async () => {
    setError(null);
    try {
      await phoneApi.requestPhoneCode({ phone, purpose: 'login' });
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
      throw e;
    }
  };
  const submit = async () => {
    if (!PHONE.test(phone)) return setError(t('phoneLogin.phoneInvalid'));
    if (!/^\d{6}$/.test(code)) return setError(t('phoneLogin.codeInvalid'));
    setBusy(true);
    setError(null);
    try {
      const me = await signInWithPhone(phone, code);
      navigate(me.role === 'resident' || me.role === 'party_member' ? landing(me, next) : '/', { replace: true });
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-label={t('phoneLogin.title')}>
      <p className="m-hint">{t('phoneLogin.intro')}</p>
      <PhoneAndCode phone={phone} setPhone={setPhone} code={code} setCode={setCode} onSend={send} />
      {error && <div className="m-error" role="alert">{error}</div>}
      <Button block type="submit" size="large" color="primary" className="m-big-button" loading={busy}>
        {t('phoneLogin.submit')}
      </Button>
      <div className="m-login-register">
        <p className="m-hint">{t('phoneLogin.notRegistered')}</p>
        <Button block size="large" fill="outline" onClick={onRegister}>{t('phoneLogin.apply')}</Button>
      </div>
    </form>
  );
}

function Register({ onBack }: { onBack(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [address, setAddress] = useState('');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [community, setCommunity] = useState<CommunityOption | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  if (done) {
    return (
      <>
        <Result status="success" title={t('phoneLogin.register.doneTitle')} description={t('phoneLogin.register.doneText', { community: done })} />
        <Button block size="large" color="primary" className="m-big-button" onClick={onBack}>{t('phoneLogin.register.back')}</Button>
      </>
    );
  }

  const send = async () => {
    setError(null);
    try {
      await phoneApi.requestPhoneCode({ phone, purpose: 'register', communityId: community!.id });
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
      throw e;
    }
  };
  const submit = async () => {
    if (!name.trim() || !idNumber.trim() || !address.trim()) return setError(t('phoneLogin.register.missing'));
    if (!community) return setError(t('phoneLogin.register.pickCommunity'));
    if (!/^\d{6}$/.test(code)) return setError(t('phoneLogin.codeInvalid'));
    setBusy(true);
    setError(null);
    try {
      const r = await phoneApi.submitRegistration({ phone, code, name: name.trim(), idNumber: idNumber.trim().toUpperCase(), communityId: community.id, address: address.trim() });
      setDone(r.communityName);
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-label={t('phoneLogin.register.title')}>
      <p className="m-hint">{t('phoneLogin.register.intro')}</p>
      <section>
        <h2 className="m-section-title"><label htmlFor="m-reg-name">{t('phoneLogin.register.name')}</label></h2>
        <Input className="m-input" id="m-reg-name" autoComplete="name" maxLength={30} value={name} onChange={setName} />
      </section>
      <section>
        <h2 className="m-section-title"><label htmlFor="m-reg-id">{t('phoneLogin.register.idNumber')}</label></h2>
        <Input className="m-input" id="m-reg-id" maxLength={18} value={idNumber} onChange={setIdNumber} />
      </section>
      <CommunityPicker value={community} onChange={setCommunity} />
      <section>
        <h2 className="m-section-title"><label htmlFor="m-reg-address">{t('phoneLogin.register.address')}</label></h2>
        <Input className="m-input" id="m-reg-address" maxLength={100} placeholder={t('phoneLogin.register.addressPlaceholder')} value={address} onChange={setAddress} />
      </section>
      <PhoneAndCode phone={phone} setPhone={setPhone} code={code} setCode={setCode} onSend={send} sendDisabled={!community} />
      {!community && <p className="m-hint">{t('phoneLogin.register.pickFirst')}</p>}
      {error && <div className="m-error" role="alert">{error}</div>}
      <Button block type="submit" size="large" color="primary" className="m-big-button" loading={busy}>
        {t('phoneLogin.register.submit')}
      </Button>
      <Button block size="large" fill="none" className="m-big-button" onClick={onBack}>{t('phoneLogin.register.back')}</Button>
    </form>
  );
}

function CommunityPicker({ value, onChange }: { value: CommunityOption | null; onChange(c: CommunityOption | null): void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<CommunityOption[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (value || !q.trim()) return setItems([]);
    let alive = true;
    const timer = setTimeout(() => {
      phoneApi.searchCommunities(q.trim()).then((r) => alive && setItems(r.items), (e) => alive && setError(errorMessage(e, t('error.unknown'))));
    }, 250);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [q, value, t]);

  const place = (c: CommunityOption) => [c.countyName, c.streetName].filter(Boolean).join(' ');
  return (
    <section>
      <h2 className="m-section-title" id="m-reg-community">{t('phoneLogin.register.community')}</h2>
      {value ? (
        <div className="m-card m-login-community" aria-labelledby="m-reg-community">
          <strong>{value.name}</strong>
          <span className="m-muted">{place(value)}</span>
          <button type="button" className="m-link" onClick={() => onChange(null)}>{t('phoneLogin.register.change')}</button>
        </div>
      ) : (
        <>
          <SearchBar className="m-search" placeholder={t('phoneLogin.register.communitySearch')} value={q} onChange={setQ} aria-labelledby="m-reg-community" />
          {error && <div className="m-error" role="alert">{error}</div>}
          <ul className="m-login-options" aria-label={t('phoneLogin.register.community')}>
            {items.map((c) => (
              <li key={c.id}>
                <button type="button" onClick={() => onChange(c)}>
                  <strong>{c.name}</strong> <span className="m-muted">{place(c)}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
