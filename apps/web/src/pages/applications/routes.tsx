import { Route } from 'react-router-dom';

/** Routes of the applications pages inside the signed-in area (/app/…). */
export function applicationsAppRoutes() {
  return <Route path="__applications" element={null} />;
}

/** Routes of the applications pages in the public area (/…). */
export function applicationsPublicRoutes() {
  return <Route path="__applications" element={null} />;
}
