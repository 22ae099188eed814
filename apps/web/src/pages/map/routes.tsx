import { Route } from 'react-router-dom';

/** Routes of the map pages inside the signed-in area (/app/…). */
export function mapAppRoutes() {
  return <Route path="__map" element={null} />;
}
