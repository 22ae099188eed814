import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Role } from '@rdplan/domain';
import { UNAUTHORIZED_EVENT, call, http, setCsrfToken } from '../api/client';
import type { SessionResponse, SessionUser } from '../api/types';

interface AuthValue {
  user: SessionUser | null;
  /** True until the first /api/auth/session answer. */
  loading: boolean;
  login: (email: string, password: string) => Promise<SessionUser | null>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
  hasRole: (...roles: Role[]) => boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [loading, setLoading] = useState(true);

  const apply = useCallback((s: SessionResponse) => {
    setCsrfToken(s.csrfToken);
    setUser(s.user);
  }, []);

  const refresh = useCallback(async () => {
    try {
      apply(await call(http.GET('/api/auth/session')));
    } catch {
      setUser(null);
    } finally {
      setLoading(false);
    }
  }, [apply]);

  useEffect(() => {
    void refresh();
    const onUnauthorized = () => void refresh();
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, [refresh]);

  const login = useCallback(
    async (email: string, password: string) => {
      const s = await call(http.POST('/api/auth/login', { body: { email, password } }));
      apply(s);
      return s.user;
    },
    [apply],
  );

  const logout = useCallback(async () => {
    try {
      await call(http.POST('/api/auth/logout'));
    } finally {
      setUser(null);
      await refresh();
    }
  }, [refresh]);

  const value = useMemo<AuthValue>(
    () => ({
      user,
      loading,
      login,
      logout,
      refresh,
      hasRole: (...roles) => !!user && user.roles.some((r) => roles.includes(r)),
    }),
    [user, loading, login, logout, refresh],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
