import { Suspense, lazy } from 'react';
import { Route } from 'react-router-dom';
import { RequireAuth } from '../../auth/RequireAuth';
import { PageSpin } from '../../components/PageSpin';

const MapPage = lazy(() => import('./MapPage').then((m) => ({ default: m.MapPage })));

/** Who opens the map of enterprises and talent teams (4.2.c). */
export const MAP_ROLES = ['analyst', 'officer', 'admin'] as const;

/** Routes of the map pages inside the signed-in area (/app/…). */
export function mapAppRoutes() {
  return (
    <Route
      path="map"
      element={
        <RequireAuth roles={MAP_ROLES}>
          <Suspense fallback={<PageSpin />}>
            <MapPage />
          </Suspense>
        </RequireAuth>
      }
    />
  );
}
