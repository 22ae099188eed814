import { Suspense, lazy } from 'react';
import { Route } from 'react-router-dom';
import { RequireAuth } from '../../auth/RequireAuth';
import { PageSpin } from '../../components/PageSpin';
import { FOLLOWUP_PAGE_ROLES } from './roles';

const FollowupListPage = lazy(() => import('./FollowupListPage').then((m) => ({ default: m.FollowupListPage })));
const FollowupProjectPage = lazy(() => import('./FollowupProjectPage').then((m) => ({ default: m.FollowupProjectPage })));

/** Routes of the followup pages inside the signed-in area (/app/…). */
export function followupAppRoutes() {
  return (
    <Route path="followup">
      <Route
        index
        element={
          <RequireAuth roles={FOLLOWUP_PAGE_ROLES}>
            <Suspense fallback={<PageSpin />}>
              <FollowupListPage />
            </Suspense>
          </RequireAuth>
        }
      />
      <Route
        path=":nationalId"
        element={
          <RequireAuth roles={FOLLOWUP_PAGE_ROLES}>
            <Suspense fallback={<PageSpin />}>
              <FollowupProjectPage />
            </Suspense>
          </RequireAuth>
        }
      />
    </Route>
  );
}
