import { Suspense, lazy } from 'react';
import { Route } from 'react-router-dom';
import { RequireAuth } from '../../auth/RequireAuth';
import { PageSpin } from '../../components/PageSpin';
import { NOTICE_ROLES } from './roles';

const NoticesPage = lazy(() => import('./NoticesPage').then((m) => ({ default: m.NoticesPage })));
const NoticeAdminPage = lazy(() => import('./NoticeAdminPage').then((m) => ({ default: m.NoticeAdminPage })));
const ApprovalsPage = lazy(() => import('./ApprovalsPage').then((m) => ({ default: m.ApprovalsPage })));
const PublicNoticePage = lazy(() => import('./PublicNoticePage').then((m) => ({ default: m.PublicNoticePage })));

/** Officers' notice and approval pages inside the signed-in area (/app/notices…, /app/approvals). */
export function noticesAppRoutes() {
  return (
    <>
      <Route
        path="approvals"
        element={
          <RequireAuth roles={NOTICE_ROLES}>
            <Suspense fallback={<PageSpin />}>
              <ApprovalsPage />
            </Suspense>
          </RequireAuth>
        }
      />
      <Route path="notices">
        <Route
          index
          element={
            <RequireAuth roles={NOTICE_ROLES}>
              <Suspense fallback={<PageSpin />}>
                <NoticesPage />
              </Suspense>
            </RequireAuth>
          }
        />
        <Route
          path=":id"
          element={
            <RequireAuth roles={NOTICE_ROLES}>
              <Suspense fallback={<PageSpin />}>
                <NoticeAdminPage />
              </Suspense>
            </RequireAuth>
          }
        />
      </Route>
    </>
  );
}

/** The public page of a notice, no login (/notices/:id). */
export function noticesPublicRoutes() {
  return (
    <Route
      path="notices/:id"
      element={
        <Suspense fallback={<PageSpin />}>
          <PublicNoticePage />
        </Suspense>
      }
    />
  );
}
