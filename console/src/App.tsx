import { useEffect, useState } from 'react';
import { currentUser, logOut, SESSION_EXPIRED_EVENT, type ConsoleUser } from './api';
import { Layout } from './components/Layout';
import { Empty } from './components/States';
import { AuditLogPage } from './pages/AuditLogPage';
import { CampaignEditorPage } from './pages/CampaignEditorPage';
import { CampaignListPage } from './pages/CampaignListPage';
import { ImportUsersPage } from './pages/ImportUsersPage';
import { LoginPage } from './pages/LoginPage';
import { PaymentsPage } from './pages/PaymentsPage';
import { StatsPage } from './pages/StatsPage';
import { navigate, useRoute, type Route } from './router';

export function App() {
  const route = useRoute();
  const [user, setUser] = useState<ConsoleUser | null>(() => currentUser());
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const onExpired = () => {
      void logOut();
      setUser(null);
      setNotice('Your session has ended. Please log in again.');
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
      <PageFor route={route} />
    </Layout>
  );
}

function PageFor({ route }: { route: Route }) {
  switch (route.page) {
    case 'campaigns':
      return <CampaignListPage />;
    case 'editor':
      return <CampaignEditorPage key={route.campaignId ?? 'new'} campaignId={route.campaignId} />;
    case 'stats':
      return <StatsPage key={route.campaignId} campaignId={route.campaignId} />;
    case 'audit':
      return <AuditLogPage campaignId={route.campaignId} />;
    case 'payments':
      return <PaymentsPage campaignId={route.campaignId} tab={route.tab} />;
    case 'import':
      return <ImportUsersPage />;
    default:
      return (
        <Empty title='Page not found'>
          <a href='#/campaigns'>Back to campaigns</a>
        </Empty>
      );
  }
}
