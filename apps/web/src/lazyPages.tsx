import { Spin } from 'antd';
import { lazy, Suspense, type ComponentType } from 'react';
import { useI18n } from './i18n';

// Each route's page loads when it is first shown, in a chunk of its own: the sign-in page no longer waits for
// the dashboard's charts or the application form. Pages keep their named exports; this maps them for React.lazy.

/** What shows while a page's chunk loads: a spinner that screen readers announce politely. */
export function PageLoading() {
  const { t } = useI18n();
  return (
    <div role="status" aria-live="polite" style={{ display: 'flex', justifyContent: 'center', padding: 48 }}>
      <Spin tip={t('loadingPage')}>
        <div style={{ width: 160, height: 48 }} />
      </Spin>
    </div>
  );
}

/**
 * A page loaded on first use. It waits in its own Suspense boundary, so the header and menu stay in place
 * while the page's chunk arrives, and the routes use it like the page itself.
 */
function lazyPage<Name extends string, Module extends Record<Name, () => JSX.Element>>(
  load: () => Promise<Module>,
  name: Name,
): ComponentType {
  const Page = lazy<() => JSX.Element>(async () => ({ default: (await load())[name] }));
  return function LazyPage() {
    return (
      <Suspense fallback={<PageLoading />}>
        <Page />
      </Suspense>
    );
  };
}

export const ApplicantHome = lazyPage(() => import('./pages/ApplicantHome'), 'ApplicantHome');
export const ApplicationPage = lazyPage(() => import('./pages/ApplicationPage'), 'ApplicationPage');
export const CaseDetail = lazyPage(() => import('./pages/CaseDetail'), 'CaseDetail');
export const CoordinatorHome = lazyPage(() => import('./pages/CoordinatorHome'), 'CoordinatorHome');
export const CoordinatorProgram = lazyPage(() => import('./pages/CoordinatorProgram'), 'CoordinatorProgram');
export const EvaluatorHome = lazyPage(() => import('./pages/EvaluatorHome'), 'EvaluatorHome');
export const FunderHome = lazyPage(() => import('./pages/FunderHome'), 'FunderHome');
export const Dashboard = lazyPage(() => import('./pages/Dashboard'), 'Dashboard');
export const PublicNotice = lazyPage(() => import('./pages/PublicNotice'), 'PublicNotice');
export const ReviewerQueue = lazyPage(() => import('./pages/ReviewerQueue'), 'ReviewerQueue');
export const ReviewPage = lazyPage(() => import('./pages/ReviewPage'), 'ReviewPage');
export const PurchaserHome = lazyPage(() => import('./pages/Purchaser'), 'PurchaserHome');
export const TenderCreate = lazyPage(() => import('./pages/Purchaser'), 'TenderCreate');
export const TenderProgram = lazyPage(() => import('./pages/Purchaser'), 'TenderProgram');
