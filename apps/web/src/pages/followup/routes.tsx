import { Route } from 'react-router-dom';

/** Routes of the followup pages inside the signed-in area (/app/…). */
export function followupAppRoutes() {
  return <Route path="__followup" element={null} />;
}
