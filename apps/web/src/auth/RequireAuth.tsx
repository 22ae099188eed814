import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { Role } from '@rdplan/domain';
import { useAuth } from './AuthProvider';
import { PageSpin } from '../components/PageSpin';
import { Forbidden } from '../components/Forbidden';

/** Sends anonymous visitors to the login page; with roles, shows a 403 to users lacking all of them. */
export function RequireAuth({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const { user, loading } = useAuth();
  const location = useLocation();
  if (loading) return <PageSpin />;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (roles && !user.roles.some((r) => roles.includes(r))) return <Forbidden />;
  return <>{children}</>;
}
