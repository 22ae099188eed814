import { Route } from 'react-router-dom';

/** Routes of the plans pages inside the signed-in area (/app/…). */
export function plansAppRoutes() {
  return <Route path="__plans" element={null} />;
}

/** Routes of the plans pages in the public area (/…). */
export function plansPublicRoutes() {
  return <Route path="__plans" element={null} />;
}
