import { Suspense, lazy, type ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { RequireAuth } from '../../auth/RequireAuth';
import { PageSpin } from '../../components/PageSpin';
import { REVIEW_ROLES } from './roles';

const ReviewListPage = lazy(() => import('./ReviewListPage').then((m) => ({ default: m.ReviewListPage })));
const ReviewPage = lazy(() => import('./ReviewPage').then((m) => ({ default: m.ReviewPage })));
const ExpertPoolPage = lazy(() => import('./ExpertPoolPage').then((m) => ({ default: m.ExpertPoolPage })));

function guarded(page: ReactNode) {
  return (
    <RequireAuth roles={REVIEW_ROLES}>
      <Suspense fallback={<PageSpin />}>{page}</Suspense>
    </RequireAuth>
  );
}

/** Routes of the review pages inside the signed-in area (/app/…). */
export function reviewAppRoutes() {
  return (
    <Route path="reviews">
      <Route index element={guarded(<ReviewListPage />)} />
      <Route path="experts" element={guarded(<ExpertPoolPage />)} />
      <Route path=":reviewId" element={guarded(<ReviewPage />)} />
    </Route>
  );
}
