import { Route } from 'react-router-dom';

/** Routes of the workplans pages inside the signed-in area (/app/…). */
export function workplansAppRoutes() {
  return <Route path="__workplans" element={null} />;
}

/** Routes of the workplans pages in the public area (/…). */
export function workplansPublicRoutes() {
  return <Route path="__workplans" element={null} />;
}
