/** Who is logged in, for the whole app. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { TMe } from '@shared/api.ts';
import { api, setUnauthenticatedHandler } from '../../api/client.ts';

type TAuth = {
  me: TMe | null;
  isLoading: boolean;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  logoutEverywhere: () => Promise<void>;
  /** Takes the user as the server now describes it (after a password change). */
  replaceMe: (me: TMe) => void;
};

const AuthContext = createContext<TAuth | null>(null);

/** Provides the current user; a 401 anywhere returns the app to the login page. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<TMe | null>(null);
  const [isLoading, setLoading] = useState(true);
  useEffect(() => {
    setUnauthenticatedHandler(() => setMe(null));
    api
      .get('/api/auth/me')
      .then(setMe)
      .catch(() => setMe(null))
      .finally(() => setLoading(false));
  }, []);
  const login = useCallback(async (username: string, password: string) => {
    setMe(await api.post('/api/auth/login', { body: { username, password } }));
  }, []);
  const logout = useCallback(async () => {
    await api.post('/api/auth/logout').catch(() => undefined);
    setMe(null);
  }, []);
  const logoutEverywhere = useCallback(async () => {
    await api.post('/api/auth/logout-all').catch(() => undefined);
    setMe(null);
  }, []);
  const value = useMemo(
    () => ({ me, isLoading, login, logout, logoutEverywhere, replaceMe: setMe }),
    [me, isLoading, login, logout, logoutEverywhere],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The auth state. */
export function useAuth(): TAuth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
