import { Button, ConfigProvider, Layout, Menu, Space, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { logout } from './api/auth';
import type { Session } from './api/session';
import { useI18n } from './i18n';
import { NotificationBell } from './NotificationBell';
// Route pages load lazily, each in its own chunk, and show a loading state meanwhile (see lazyPages).
import {
  ApplicantHome,
  ApplicationPage,
  CaseDetail,
  CoordinatorHome,
  CoordinatorProgram,
  Dashboard,
  EvaluatorHome,
  FunderHome,
  PublicNotice,
  PurchaserHome,
  ReviewerQueue,
  ReviewPage,
  TenderCreate,
  TenderProgram,
} from './lazyPages';
import { LoginPage } from './pages/LoginPage';
import {
  isApplicant,
  isCoordinator,
  isEvaluator,
  isFunder,
  isLeadership,
  isPurchaser,
  isReviewer,
  useSession,
} from './useSession';

// A deep blue on white passes WCAG AA contrast for text and controls.
const THEME = { token: { colorPrimary: '#0b57d0', borderRadius: 4 } };

function menuFor(session: Session | null) {
  const items: {
    key: string;
    label:
      | 'publicNotice'
      | 'applicant'
      | 'reviewer'
      | 'evaluator'
      | 'funder'
      | 'coordinator'
      | 'leadership'
      | 'purchasing';
  }[] = [];
  if (session && isPurchaser(session.user.roles)) items.push({ key: '/purchaser', label: 'purchasing' });
  if (session && isFunder(session.user.roles)) items.push({ key: '/funder', label: 'funder' });
  if (session && isApplicant(session)) items.push({ key: '/applicant', label: 'applicant' });
  if (session && isReviewer(session.user.roles)) items.push({ key: '/reviewer', label: 'reviewer' });
  if (session && isEvaluator(session.user.roles)) items.push({ key: '/evaluator', label: 'evaluator' });
  if (session && isCoordinator(session.user.roles)) items.push({ key: '/coordinator', label: 'coordinator' });
  if (session && isLeadership(session.user.roles)) items.push({ key: '/dashboard', label: 'leadership' });
  items.push({ key: '/public', label: 'publicNotice' });
  return items;
}

function Home({ session }: { session: Session | null }) {
  if (!session) return <Navigate to="/login" replace />;
  return <Navigate to={menuFor(session)[0].key} replace />;
}

function RequireSession({ session, children }: { session: Session | null; children: JSX.Element }) {
  const location = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return children;
}

export function App() {
  const { t, language, setLanguage } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const items = menuFor(session);
  const selected = items.find((item) => location.pathname.startsWith(item.key))?.key;
  const guard = (element: JSX.Element) => <RequireSession session={session}>{element}</RequireSession>;

  return (
    <ConfigProvider
      locale={language === 'en' ? enUS : zhCN}
      theme={THEME}
      button={{ autoInsertSpace: false }}
    >
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header
          style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#fff', paddingInline: 16 }}
        >
          <Typography.Text strong style={{ whiteSpace: 'nowrap', fontSize: 16 }}>
            {t('appName')}
          </Typography.Text>
          <nav aria-label={t('appName')} style={{ flex: 1, minWidth: 0 }}>
            <Menu
              mode="horizontal"
              selectedKeys={selected ? [selected] : []}
              items={items.map((item) => ({ key: item.key, label: t(item.label) }))}
              onClick={({ key }) => navigate(key)}
              style={{ borderBottom: 'none' }}
            />
          </nav>
          <Space>
            <Button
              type="text"
              lang={language === 'en' ? 'zh-CN' : 'en'}
              onClick={() => setLanguage(language === 'en' ? 'zh' : 'en')}
            >
              {t('language')}
            </Button>
            {session ? (
              <>
                <NotificationBell session={session} />
                <Typography.Text data-testid="current-user">{session.user.displayName}</Typography.Text>
                <Button
                  onClick={async () => {
                    await logout();
                    navigate('/login');
                  }}
                >
                  {t('logout')}
                </Button>
              </>
            ) : (
              location.pathname !== '/login' && (
                <Button onClick={() => navigate('/login')}>{t('login')}</Button>
              )
            )}
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 16, maxWidth: 1280, width: '100%', margin: '0 auto' }}>
          <main>
            <Routes>
              <Route path="/" element={<Home session={session} />} />
              <Route path="/login" element={<LoginPage />} />
              <Route path="/public" element={<PublicNotice />} />
              <Route path="/public/programs/:programId" element={<PublicNotice />} />
              <Route path="/applicant" element={guard(<ApplicantHome />)} />
              <Route path="/applicant/programs/:programId/apply" element={guard(<ApplicationPage />)} />
              <Route path="/applicant/applications/:applicationId" element={guard(<ApplicationPage />)} />
              <Route path="/reviewer" element={guard(<ReviewerQueue />)} />
              <Route path="/reviewer/applications/:applicationId" element={guard(<ReviewPage />)} />
              <Route path="/evaluator" element={guard(<EvaluatorHome />)} />
              {/* The evaluator reads a case on the same page as coordinators; the delivery panel offers the evaluation. */}
              <Route path="/evaluator/applications/:applicationId" element={guard(<CaseDetail />)} />
              <Route path="/funder" element={guard(<FunderHome />)} />
              {/* The funder reads a case on the staff case page too; the delivery panel offers what it may sign or confirm. */}
              <Route path="/funder/applications/:applicationId" element={guard(<CaseDetail />)} />
              <Route path="/coordinator" element={guard(<CoordinatorHome />)} />
              <Route path="/coordinator/programs/:programId" element={guard(<CoordinatorProgram />)} />
              <Route path="/coordinator/applications/:applicationId" element={guard(<CaseDetail />)} />
              <Route path="/purchaser" element={guard(<PurchaserHome />)} />
              <Route path="/purchaser/new" element={guard(<TenderCreate />)} />
              <Route path="/purchaser/programs/:programId" element={guard(<TenderProgram />)} />
              <Route path="/dashboard" element={guard(<Dashboard />)} />
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
          </main>
        </Layout.Content>
      </Layout>
    </ConfigProvider>
  );
}
