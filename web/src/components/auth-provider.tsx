import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import * as api from '../services/api.js';
import type { Me, Permission } from '../services/types.js';

interface AuthState {
  /** undefined while the first /me call is in flight, null when signed out. */
  me: Me | null | undefined;
  /** True when the session ended under us (expired, or signed out in another tab). */
  sessionLost: boolean;
  /** True after signing out here: the next person signing in starts at home, not on this page. */
  signedOut: boolean;
  signIn(username: string, password: string): Promise<Me>;
  /** Residents: phone number and the code texted to it. */
  signInWithPhone(phone: string, code: string): Promise<Me>;
  signOut(): Promise<void>;
  /** Reads the account again (after the forced password change). */
  refresh(): Promise<void>;
  can(permission: Permission): boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [sessionLost, setSessionLost] = useState(false);
  const [signedOut, setSignedOut] = useState(false);

  useEffect(() => {
    let alive = true;
    api.fetchMe().then(
      (s) => alive && setMe(s?.account ?? null),
      () => alive && setMe(null),
    );
    api.setSessionLostHandler(() => {
      setSessionLost(true);
      setMe(null);
    });
    return () => {
      alive = false;
      api.setSessionLostHandler(null);
    };
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const s = await api.login(username, password);
    setSessionLost(false);
    setSignedOut(false);
    setMe(s.account);
    return s.account;
  }, []);

  const signInWithPhone = useCallback(async (phone: string, code: string) => {
    const s = await api.phoneLogin(phone, code);
    setSessionLost(false);
    setSignedOut(false);
    setMe(s.account);
    return s.account;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setSessionLost(false);
      setSignedOut(true);
      setMe(null);
    }
  }, []);

  const refresh = useCallback(async () => {
    const s = await api.fetchMe();
    setMe(s?.account ?? null);
  }, []);

  const value = useMemo<AuthState>(
    () => ({
      me,
      sessionLost,
      signedOut,
      signIn,
      signInWithPhone,
      signOut,
      refresh,
      can: (p) => !!me && me.permissions.includes(p),
    }),
    [me, sessionLost, signedOut, signIn, signInWithPhone, signOut, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in account; only for pages rendered behind RequireAuth. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a signed-in account');
  return me;
}
