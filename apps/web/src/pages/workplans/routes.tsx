import { lazy } from 'react';
import { Route } from 'react-router-dom';
import type { Role } from '@rdplan/domain';
import { RequireAuth } from '../../auth/RequireAuth';

const WorkplansPage = lazy(() => import('./WorkplansPage').then((m) => ({ default: m.WorkplansPage })));
const WorkplanPage = lazy(() => import('./WorkplanPage').then((m) => ({ default: m.WorkplanPage })));

/** Who opens the work plans: the chain leader writes its own; officers and admins see every one; analysts the finalised ones. */
export const WORKPLAN_ROLES: readonly Role[] = ['chain_leader', 'officer', 'admin', 'analyst'];

/** Routes of the workplans pages inside the signed-in area (/app/…). */
export function workplansAppRoutes() {
  return (
    <Route path="workplans">
      <Route
        index
        element={
          <RequireAuth roles={WORKPLAN_ROLES}>
            <WorkplansPage />
          </RequireAuth>
        }
      />
      <Route
        path=":id"
        element={
          <RequireAuth roles={WORKPLAN_ROLES}>
            <WorkplanPage />
          </RequireAuth>
        }
      />
    </Route>
  );
}

/** Routes of the workplans pages in the public area (/…): none. */
export function workplansPublicRoutes() {
  return <Route path="__workplans" element={null} />;
}
