import { useEffect, useState } from 'react';
import { canEdit, currentUser, logOut, SESSION_EXPIRED_EVENT, type ConsoleUser } from './api';
import { Layout } from './components/Layout';
import { Empty } from './components/States';
import { AuditLogPage } from './pages/AuditLogPage';
import { CampaignEditorPage } from './pages/CampaignEditorPage';
import { CampaignListPage } from './pages/CampaignListPage';
import { CouponEditorPage, CouponListPage } from './pages/CouponsPage';
import { DealEditorPage, DealListPage } from './pages/DealsPage';
import { ProductEditorPage, ProductImportPage, ProductListPage } from './pages/ProductsPage';
import { ImportUsersPage } from './pages/ImportUsersPage';
import { LoginPage } from './pages/LoginPage';
import { PaymentsPage } from './pages/PaymentsPage';
import { StatsPage } from './pages/StatsPage';
import { navigate, useRoute, type Route } from './router';
import { t, useLang } from './i18n';

export function App() {
  const route = useRoute();
  // Every text is looked up as it is drawn: a new language draws the whole console again.
  const lang = useLang();
  const [user, setUser] = useState<ConsoleUser | null>(() => currentUser());
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const onExpired = () => {
      void logOut();
      setUser(null);
      setNotice(t('Your session has ended. Please log in again.'));
    };
    window.addEventListener(SESSION_EXPIRED_EVENT, onExpired);
    return () => window.removeEventListener(SESSION_EXPIRED_EVENT, onExpired);
  }, []);

  useEffect(() => {
    if (user && route.page === 'login') navigate({ page: 'campaigns' }, { replace: true });
  }, [user, route.page]);

  if (!user) {
    return (
      <LoginPage
        key={lang}
        notice={notice}
        onLoggedIn={(u) => {
          setUser(u);
          setNotice(null);
        }}
      />
    );
  }
  if (route.page === 'login') return null;
  return (
    <Layout
      user={user}
      route={route}
      onLogOut={() => {
        void logOut().then(() => setUser(null));
      }}
    >
      <PageFor key={lang} route={route} editor={canEdit(user)} />
    </Layout>
  );
}

/** The page for a route; a viewer gets the read-only pages (campaign list, dashboard, audit log) only. */
function PageFor({ route, editor }: { route: Route; editor: boolean }) {
  if (!editor && !['campaigns', 'stats', 'audit'].includes(route.page)) {
    return (
      <Empty title={t('Your account can only read the dashboard and the audit log')}>
        <a href='#/campaigns'>{t('Back to campaigns')}</a>
      </Empty>
    );
  }
  switch (route.page) {
    case 'campaigns':
      return <CampaignListPage editor={editor} />;
    case 'editor':
      return <CampaignEditorPage key={route.campaignId ?? 'new'} campaignId={route.campaignId} />;
    case 'stats':
      return <StatsPage key={route.campaignId} campaignId={route.campaignId} editor={editor} />;
    case 'audit':
      return <AuditLogPage campaignId={route.campaignId} editor={editor} />;
    case 'payments':
      return <PaymentsPage campaignId={route.campaignId} tab={route.tab} />;
    case 'import':
      return <ImportUsersPage />;
    case 'coupons':
      return <CouponListPage campaignId={route.campaignId} />;
    case 'coupon':
      return <CouponEditorPage key={route.couponId ?? 'new'} couponId={route.couponId} campaignId={route.campaignId} />;
    case 'deals':
      return <DealListPage campaignId={route.campaignId} />;
    case 'deal':
      return <DealEditorPage key={route.dealId ?? 'new'} dealId={route.dealId} campaignId={route.campaignId} />;
    case 'products':
      return <ProductListPage />;
    case 'product':
      return <ProductEditorPage key={route.productId ?? 'new'} productId={route.productId} />;
    case 'productImport':
      return <ProductImportPage />;
    default:
      return (
        <Empty title={t('Page not found')}>
          <a href='#/campaigns'>{t('Back to campaigns')}</a>
        </Empty>
      );
  }
}
