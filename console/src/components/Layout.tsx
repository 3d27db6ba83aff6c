import type { ReactNode } from 'react';
import type { ConsoleUser } from '../api';
import { href, type Route } from '../router';

const NAV: Array<{ label: string; route: Route; match: Route['page'][] }> = [
  { label: 'Campaigns', route: { page: 'campaigns' }, match: ['campaigns', 'editor', 'stats'] },
  { label: '支付 Payments', route: { page: 'payments', campaignId: null, tab: 'payments' }, match: ['payments'] },
  { label: 'Audit log', route: { page: 'audit', campaignId: null }, match: ['audit'] },
  { label: 'Import users', route: { page: 'import' }, match: ['import'] },
];

export function Layout({ user, route, onLogOut, children }: { user: ConsoleUser; route: Route; onLogOut(): void; children: ReactNode }) {
  return (
    <div className='layout'>
      <header className='topbar'>
        <a className='topbar__brand' href='#/campaigns'>
          小黑群 <span>Marketer console</span>
        </a>
        <nav className='topbar__nav'>
          {NAV.map((item) => (
            <a key={item.label} href={href(item.route)} className={item.match.includes(route.page) ? 'active' : ''}>
              {item.label}
            </a>
          ))}
        </nav>
        <div className='topbar__user'>
          <span id='current-user'>{user.nickname}</span>
          <button type='button' className='button button--small' id='logout' onClick={onLogOut}>
            Log out
          </button>
        </div>
      </header>
      <main className='content'>{children}</main>
    </div>
  );
}
