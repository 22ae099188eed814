import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { RequireAuth } from './auth/RequireAuth';
import { PublicLayout } from './layout/PublicLayout';
import { AppLayout } from './layout/AppLayout';
import { NotFound } from './components/NotFound';
import { HomePage } from './pages/public/HomePage';
import { PublicChainsPage } from './pages/public/PublicChainsPage';
import { LoginPage } from './pages/public/LoginPage';
import { RegisterPage } from './pages/public/RegisterPage';
import { AcceptInvitationPage } from './pages/public/AcceptInvitationPage';
import { ForgotPasswordPage } from './pages/public/ForgotPasswordPage';
import { ResetPasswordPage } from './pages/public/ResetPasswordPage';
import { RoleHomePage } from './pages/account/RoleHomePage';
import { ChangePasswordPage } from './pages/account/ChangePasswordPage';
import { applicationsAppRoutes, applicationsPublicRoutes } from './pages/applications/routes';
import { plansAppRoutes, plansPublicRoutes } from './pages/plans/routes';
import { workplansAppRoutes, workplansPublicRoutes } from './pages/workplans/routes';
import { matchingAppRoutes } from './pages/matching/routes';
import { followupAppRoutes } from './pages/followup/routes';
import { reviewAppRoutes } from './pages/review/routes';
import { reviewingAppRoutes } from './pages/reviewing/routes';
import { selectionAppRoutes } from './pages/selection/routes';
import { mapAppRoutes } from './pages/map/routes';
import { auditAppRoutes } from './pages/audit/routes';
import { noticesAppRoutes, noticesPublicRoutes } from './pages/notices/routes';

// Staff and applicant pages load on demand.
const UsersPage = lazy(() => import('./pages/admin/UsersPage').then((m) => ({ default: m.UsersPage })));
const ChainsAdminPage = lazy(() => import('./pages/admin/ChainsAdminPage').then((m) => ({ default: m.ChainsAdminPage })));
const FieldsPage = lazy(() => import('./pages/admin/FieldsPage').then((m) => ({ default: m.FieldsPage })));
const CalendarPage = lazy(() => import('./pages/admin/CalendarPage').then((m) => ({ default: m.CalendarPage })));
const RegistrationsPage = lazy(() => import('./pages/staff/RegistrationsPage').then((m) => ({ default: m.RegistrationsPage })));
const OrganisationsPage = lazy(() => import('./pages/staff/OrganisationsPage').then((m) => ({ default: m.OrganisationsPage })));
const PeoplePage = lazy(() => import('./pages/staff/PeoplePage').then((m) => ({ default: m.PeoplePage })));
const OrgProfilePage = lazy(() => import('./pages/applicant/OrgProfilePage').then((m) => ({ default: m.OrgProfilePage })));
const MembersPage = lazy(() => import('./pages/applicant/MembersPage').then((m) => ({ default: m.MembersPage })));
const MyChainPage = lazy(() => import('./pages/applicant/MyChainPage').then((m) => ({ default: m.MyChainPage })));
const ExpertProfilePage = lazy(() => import('./pages/account/ExpertProfilePage').then((m) => ({ default: m.ExpertProfilePage })));

const STAFF = ['admin', 'officer', 'analyst'] as const;
const ORG = ['chain_leader', 'unit_admin', 'unit_member'] as const;

export function App() {
  return (
    <Routes>
      <Route element={<PublicLayout />}>
        <Route index element={<HomePage />} />
        <Route path="chains" element={<PublicChainsPage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="accept-invitation" element={<AcceptInvitationPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        {plansPublicRoutes()}
        {workplansPublicRoutes()}
        {applicationsPublicRoutes()}
        {noticesPublicRoutes()}
      </Route>
      <Route
        path="app"
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<RoleHomePage />} />
        <Route path="password" element={<ChangePasswordPage />} />
        <Route
          path="users"
          element={
            <RequireAuth roles={['admin']}>
              <UsersPage />
            </RequireAuth>
          }
        />
        <Route
          path="chains"
          element={
            <RequireAuth roles={['admin']}>
              <ChainsAdminPage />
            </RequireAuth>
          }
        />
        <Route
          path="fields"
          element={
            <RequireAuth roles={['admin']}>
              <FieldsPage />
            </RequireAuth>
          }
        />
        <Route
          path="calendar"
          element={
            <RequireAuth roles={['admin']}>
              <CalendarPage />
            </RequireAuth>
          }
        />
        <Route
          path="registrations"
          element={
            <RequireAuth roles={['admin', 'officer']}>
              <RegistrationsPage />
            </RequireAuth>
          }
        />
        <Route
          path="organisations"
          element={
            <RequireAuth roles={STAFF}>
              <OrganisationsPage />
            </RequireAuth>
          }
        />
        <Route
          path="people"
          element={
            <RequireAuth roles={STAFF}>
              <PeoplePage />
            </RequireAuth>
          }
        />
        <Route
          path="org"
          element={
            <RequireAuth roles={ORG}>
              <OrgProfilePage />
            </RequireAuth>
          }
        />
        <Route
          path="members"
          element={
            <RequireAuth roles={['unit_admin']}>
              <MembersPage />
            </RequireAuth>
          }
        />
        <Route
          path="my-chain"
          element={
            <RequireAuth roles={['chain_leader']}>
              <MyChainPage />
            </RequireAuth>
          }
        />
        <Route
          path="expert"
          element={
            <RequireAuth roles={['expert']}>
              <ExpertProfilePage />
            </RequireAuth>
          }
        />
        {plansAppRoutes()}
        {workplansAppRoutes()}
        {applicationsAppRoutes()}
        {mapAppRoutes()}
        {followupAppRoutes()}
        {matchingAppRoutes()}
        {reviewAppRoutes()}
        {reviewingAppRoutes()}
        {selectionAppRoutes()}
        {auditAppRoutes()}
        {noticesAppRoutes()}
        <Route path="*" element={<NotFound />} />
      </Route>
      <Route path="home" element={<Navigate to="/" replace />} />
      <Route path="*" element={<PublicLayout />}>
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
