import { Suspense, lazy } from 'react';
import { Route } from 'react-router-dom';
import { RequireAuth } from '../../auth/RequireAuth';
import { PageSpin } from '../../components/PageSpin';
import { REVIEW_ROLES } from './roles';

const ReviewListPage = lazy(() => import('./ReviewListPage').then((m) => ({ default: m.ReviewListPage })));

/** Routes of the review pages inside the signed-in area (/app/…). */
export function reviewAppRoutes() {
  return (
    <Route path="reviews">
      <Route
        index
        element={
          <RequireAuth roles={REVIEW_ROLES}>
            <Suspense fallback={<PageSpin />}>
              <ReviewListPage />
            </Suspense>
          </RequireAuth>
        }
      />
    </Route>
  );
}
