import { Suspense, lazy } from 'react';
import { Route } from 'react-router-dom';
import { RequireAuth } from '../../auth/RequireAuth';
import { PageSpin } from '../../components/PageSpin';
import { SELECTION_ROLES } from './roles';

const SelectionPage = lazy(() => import('./SelectionPage').then((m) => ({ default: m.SelectionPage })));

/** Routes of the selection pages inside the signed-in area (/app/…). */
export function selectionAppRoutes() {
  return (
    <Route path="selection">
      <Route
        index
        element={
          <RequireAuth roles={SELECTION_ROLES}>
            <Suspense fallback={<PageSpin />}>
              <SelectionPage />
            </Suspense>
          </RequireAuth>
        }
      />
    </Route>
  );
}
