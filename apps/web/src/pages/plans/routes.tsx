import { Suspense, lazy } from 'react';
import { Route } from 'react-router-dom';
import { RequireAuth } from '../../auth/RequireAuth';
import { PageSpin } from '../../components/PageSpin';

const PlansPage = lazy(() => import('./PlansPage').then((m) => ({ default: m.PlansPage })));
const PlanPage = lazy(() => import('./PlanPage').then((m) => ({ default: m.PlanPage })));
const NationalPage = lazy(() => import('./NationalPage').then((m) => ({ default: m.NationalPage })));

/** Who opens the annual plans (officers keep them; administrators read them). */
export const PLAN_ROLES = ['officer', 'admin'] as const;
/** Who imports and reads the national programme records (4.2.a). */
export const NATIONAL_ROLES = ['officer', 'analyst', 'admin'] as const;

/** Routes of the plans pages inside the signed-in area (/app/…). */
export function plansAppRoutes() {
  return (
    <>
      <Route path="plans">
        <Route
          index
          element={
            <RequireAuth roles={PLAN_ROLES}>
              <Suspense fallback={<PageSpin />}>
                <PlansPage />
              </Suspense>
            </RequireAuth>
          }
        />
        <Route
          path="new"
          element={
            <RequireAuth roles={['officer']}>
              <Suspense fallback={<PageSpin />}>
                <PlanPage />
              </Suspense>
            </RequireAuth>
          }
        />
        <Route
          path=":id"
          element={
            <RequireAuth roles={PLAN_ROLES}>
              <Suspense fallback={<PageSpin />}>
                <PlanPage />
              </Suspense>
            </RequireAuth>
          }
        />
        <Route
          path=":id/calls"
          element={
            <RequireAuth roles={PLAN_ROLES}>
              <Suspense fallback={<PageSpin />}>
                <PlanPage focusCalls />
              </Suspense>
            </RequireAuth>
          }
        />
      </Route>
      <Route
        path="national"
        element={
          <RequireAuth roles={NATIONAL_ROLES}>
            <Suspense fallback={<PageSpin />}>
              <NationalPage />
            </Suspense>
          </RequireAuth>
        }
      />
    </>
  );
}

/** Routes of the plans pages in the public area (/…): none (published calls are listed by the applications pages). */
export function plansPublicRoutes() {
  return null;
}
