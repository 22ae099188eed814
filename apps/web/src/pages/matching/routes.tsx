import { Route } from 'react-router-dom';

/** Routes of the matching pages inside the signed-in area (/app/…). */
export function matchingAppRoutes() {
  return <Route path="__matching" element={null} />;
}
