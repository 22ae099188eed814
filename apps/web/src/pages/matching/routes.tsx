import { Suspense, lazy } from 'react';
import { Route } from 'react-router-dom';
import { RequireAuth } from '../../auth/RequireAuth';
import { PageSpin } from '../../components/PageSpin';

const MatchingPage = lazy(() => import('./MatchingPage').then((m) => ({ default: m.MatchingPage })));

/** Who reviews uncertain matches (4.2). */
export const MATCHING_ROLES = ['analyst', 'officer', 'admin'] as const;

/** Routes of the matching pages inside the signed-in area (/app/…). */
export function matchingAppRoutes() {
  return (
    <Route
      path="matching"
      element={
        <RequireAuth roles={MATCHING_ROLES}>
          <Suspense fallback={<PageSpin />}>
            <MatchingPage />
          </Suspense>
        </RequireAuth>
      }
    />
  );
}
