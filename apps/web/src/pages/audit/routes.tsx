import { Suspense, lazy } from 'react';
import { Route } from 'react-router-dom';
import { RequireAuth } from '../../auth/RequireAuth';
import { PageSpin } from '../../components/PageSpin';
import { AUDIT_ROLES } from './roles';

const AuditPage = lazy(() => import('./AuditPage').then((m) => ({ default: m.AuditPage })));

/** Routes of the audit page inside the signed-in area (/app/…). */
export function auditAppRoutes() {
  return (
    <Route
      path="audit"
      element={
        <RequireAuth roles={AUDIT_ROLES}>
          <Suspense fallback={<PageSpin />}>
            <AuditPage />
          </Suspense>
        </RequireAuth>
      }
    />
  );
}
