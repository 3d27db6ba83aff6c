import type { ReactNode } from 'react';
import { canEdit, type ConsoleUser } from '../api';
import { t, type MessageKey } from '../i18n';
import { href, type Route } from '../router';
import { LangSwitch } from './LangSwitch';

interface NavItem {
  label: MessageKey;
  route: Route;
  match: Route['page'][];
  /** Shown to viewers too (read-only pages). */
  readOnly?: boolean;
}

const NAV: NavItem[] = [
  { label: 'Campaigns', route: { page: 'campaigns' }, match: ['campaigns', 'editor', 'stats'], readOnly: true },
  { label: 'Coupons', route: { page: 'coupons', campaignId: null }, match: ['coupons', 'coupon'] },
  { label: 'Group deals', route: { page: 'deals', campaignId: null }, match: ['deals', 'deal'] },
  { label: 'Products', route: { page: 'products' }, match: ['products', 'product', 'productImport'] },
  { label: 'Payments', route: { page: 'payments', campaignId: null, tab: 'payments' }, match: ['payments'] },
  { label: 'Audit log', route: { page: 'audit', campaignId: null }, match: ['audit'], readOnly: true },
  { label: 'Import users', route: { page: 'import' }, match: ['import'] },
];

export function Layout({ user, route, onLogOut, children }: { user: ConsoleUser; route: Route; onLogOut(): void; children: ReactNode }) {
  const editor = canEdit(user);
  return (
    <div className='layout'>
      <header className='topbar'>
        <a className='topbar__brand' href='#/campaigns'>
          小黑群 <span>{t('Marketer console')}</span>
        </a>
        <nav className='topbar__nav'>
          {NAV.filter((item) => editor || item.readOnly).map((item) => (
            <a key={item.label} href={href(item.route)} className={item.match.includes(route.page) ? 'active' : ''}>
              {t(item.label)}
            </a>
          ))}
        </nav>
        <div className='topbar__user'>
          <LangSwitch />
          <span id='current-user'>{user.nickname}</span>
          {!editor && (
            <span className='pill' id='viewer-badge'>
              {t('Read only')}
            </span>
          )}
          <button type='button' className='button button--small' id='logout' onClick={onLogOut}>
            {t('Log out')}
          </button>
        </div>
      </header>
      <main className='content'>{children}</main>
    </div>
  );
}
