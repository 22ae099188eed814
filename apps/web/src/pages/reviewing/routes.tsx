import { Suspense, lazy } from 'react';
import { Route } from 'react-router-dom';
import { RequireAuth } from '../../auth/RequireAuth';
import { PageSpin } from '../../components/PageSpin';
import { REVIEWING_ROLES } from './roles';

const MyReviewsPage = lazy(() => import('./MyReviewsPage').then((m) => ({ default: m.MyReviewsPage })));
const ReviewTaskPage = lazy(() => import('./ReviewTaskPage').then((m) => ({ default: m.ReviewTaskPage })));

/** Routes of the reviewing pages inside the signed-in area (/app/…). */
export function reviewingAppRoutes() {
  return (
    <Route path="reviewing">
      <Route
        index
        element={
          <RequireAuth roles={REVIEWING_ROLES}>
            <Suspense fallback={<PageSpin />}>
              <MyReviewsPage />
            </Suspense>
          </RequireAuth>
        }
      />
      <Route
        path=":assignmentId"
        element={
          <RequireAuth roles={REVIEWING_ROLES}>
            <Suspense fallback={<PageSpin />}>
              <ReviewTaskPage />
            </Suspense>
          </RequireAuth>
        }
      />
    </Route>
  );
}
