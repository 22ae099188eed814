import { Suspense, lazy } from 'react';
import { Route } from 'react-router-dom';
import { RequireAuth } from '../../auth/RequireAuth';
import { PageSpin } from '../../components/PageSpin';

const CallsPage = lazy(() => import('./CallsPage').then((m) => ({ default: m.CallsPage })));
const CallDetailPage = lazy(() => import('./CallDetailPage').then((m) => ({ default: m.CallDetailPage })));
const ApplicationsPage = lazy(() => import('./ApplicationsPage').then((m) => ({ default: m.ApplicationsPage })));
const ApplicationPage = lazy(() => import('./ApplicationPage').then((m) => ({ default: m.ApplicationPage })));

/** Who may open the applications pages: the units (and chain leaders) that apply or take part, and the officers. */
export const APPLICATION_ROLES = ['unit_admin', 'unit_member', 'chain_leader', 'officer'] as const;

/** Routes of the applications pages inside the signed-in area (/app/…). */
export function applicationsAppRoutes() {
  return (
    <Route path="applications">
      <Route
        index
        element={
          <RequireAuth roles={APPLICATION_ROLES}>
            <ApplicationsPage />
          </RequireAuth>
        }
      />
      <Route
        path=":id"
        element={
          <RequireAuth roles={[...APPLICATION_ROLES, 'admin']}>
            <ApplicationPage />
          </RequireAuth>
        }
      />
    </Route>
  );
}

/** Routes of the applications pages in the public area (/…): the published calls (4.3.a). */
export function applicationsPublicRoutes() {
  return (
    <Route path="calls">
      <Route
        index
        element={
          <Suspense fallback={<PageSpin />}>
            <CallsPage />
          </Suspense>
        }
      />
      <Route
        path=":id"
        element={
          <Suspense fallback={<PageSpin />}>
            <CallDetailPage />
          </Suspense>
        }
      />
    </Route>
  );
}
