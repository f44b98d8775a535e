/** Web entry: Ant Design in Simplified Chinese, routes, auth. */
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import './print.css';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AppLayout } from './components/AppLayout.tsx';
import { AuthProvider, useAuth } from './features/auth/AuthContext.tsx';
import { ChangePasswordPage } from './pages/ChangePasswordPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';

dayjs.locale('zh-cn');

// Every page behind the login is loaded when first visited: each page loads the code it uses.
const InspectionListPage = lazy(() =>
  import('./pages/InspectionListPage.tsx').then((m) => ({ default: m.InspectionListPage })),
);
const LedgerPage = lazy(() => import('./pages/LedgerPage.tsx').then((m) => ({ default: m.LedgerPage })));
const MyChannelsPage = lazy(() =>
  import('./pages/MyChannelsPage.tsx').then((m) => ({ default: m.MyChannelsPage })),
);
const MyWorkPage = lazy(() => import('./pages/MyWorkPage.tsx').then((m) => ({ default: m.MyWorkPage })));
const QueuePage = lazy(() => import('./pages/QueuePage.tsx').then((m) => ({ default: m.QueuePage })));
const AdminPage = lazy(() => import('./pages/AdminPage.tsx').then((m) => ({ default: m.AdminPage })));
const AuditPage = lazy(() => import('./pages/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const DocumentsPage = lazy(() =>
  import('./pages/DocumentsPage.tsx').then((m) => ({ default: m.DocumentsPage })),
);
const MeasureSearchPage = lazy(() =>
  import('./pages/MeasureSearchPage.tsx').then((m) => ({ default: m.MeasureSearchPage })),
);
const DashboardPage = lazy(() =>
  import('./pages/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })),
);
const SupervisionListPage = lazy(() =>
  import('./pages/SupervisionListPage.tsx').then((m) => ({ default: m.SupervisionListPage })),
);
const SupervisionOrderPage = lazy(() =>
  import('./pages/SupervisionPage.tsx').then((m) => ({ default: m.SupervisionOrderPage })),
);
const OpinionListPage = lazy(() =>
  import('./pages/OpinionListPage.tsx').then((m) => ({ default: m.OpinionListPage })),
);
const OpinionPage = lazy(() => import('./pages/OpinionPage.tsx').then((m) => ({ default: m.OpinionPage })));
const ImportPage = lazy(() => import('./pages/ImportPage.tsx').then((m) => ({ default: m.ImportPage })));

function Routed() {
  const { me, isLoading } = useAuth();
  if (isLoading) return null;
  if (!me) return <LoginPage />;
  if (me.mustChangePassword) return <ChangePasswordPage isForced />;
  return (
    <AppLayout>
      <Suspense fallback={null}>
        <Routes>
          {/* The inspection office's and supervisors' home is the dashboard, everyone else's 我的工作; all reach both. */}
          <Route
            path="/"
            element={
              me.role === 'inspection_office' || me.role === 'supervisor' ? (
                <Navigate to="/dashboard" replace />
              ) : (
                <MyWorkPage />
              )
            }
          />
          <Route path="/work" element={<MyWorkPage />} />
          <Route path="/account/channels" element={<MyChannelsPage />} />
          <Route path="/inspections" element={<InspectionListPage />} />
          <Route path="/dashboard" element={<DashboardPage />} />
          <Route path="/inspections/:id" element={<LedgerPage />} />
          <Route path="/inspections/:id/documents" element={<DocumentsPage />} />
          <Route path="/import" element={<ImportPage />} />
          <Route path="/measures" element={<MeasureSearchPage />} />
          <Route path="/queue" element={<QueuePage />} />
          <Route path="/supervision" element={<SupervisionListPage />} />
          <Route path="/supervision/:id" element={<SupervisionOrderPage />} />
          {me.canReadOpinions && <Route path="/opinions" element={<OpinionListPage />} />}
          {me.canReadOpinions && <Route path="/opinions/:id" element={<OpinionPage />} />}
          <Route path="/account/password" element={<ChangePasswordPage isForced={false} />} />
          {me.canAdminister && <Route path="/admin" element={<AdminPage />} />}
          {me.canReadAudit && <Route path="/audit" element={<AuditPage />} />}
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    </AppLayout>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#b71c1c' } }}>
        <AntApp>
          <AuthProvider>
            <BrowserRouter>
              <Routed />
            </BrowserRouter>
          </AuthProvider>
        </AntApp>
      </ConfigProvider>
    </StrictMode>,
  );
}
