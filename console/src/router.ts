/**
 * Hash routes: #/campaigns, #/campaigns/new, #/campaigns/:id, #/campaigns/:id/stats, #/audit,
 * #/payments?campaignId=…&tab=…, #/import, #/login; coupons and deals (#/coupons?campaignId=…,
 * #/coupons/new|:id, #/deals…), products (#/products, #/products/new|:id, #/products/import).
 */
import { useEffect, useState } from 'react';

/** The payments section's tabs: the three lists, and the daily reconciliation. */
export const PAYMENT_TABS = ['payments', 'refunds', 'withdrawals', 'days'] as const;
export type PaymentTab = (typeof PAYMENT_TABS)[number];

function paymentTab(value: string | null): PaymentTab {
  return PAYMENT_TABS.find((tab) => tab === value) ?? 'payments';
}

export type Route =
  | { page: 'login' }
  | { page: 'campaigns' }
  | { page: 'editor'; campaignId: string | null }
  | { page: 'stats'; campaignId: string }
  | { page: 'audit'; campaignId: string | null }
  | { page: 'payments'; campaignId: string | null; tab: PaymentTab }
  | { page: 'import' }
  | { page: 'coupons'; campaignId: string | null }
  | { page: 'coupon'; couponId: string | null; campaignId: string | null }
  | { page: 'deals'; campaignId: string | null }
  | { page: 'deal'; dealId: string | null; campaignId: string | null }
  | { page: 'products' }
  | { page: 'product'; productId: string | null }
  | { page: 'productImport' }
  | { page: 'notFound'; path: string };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [section, id, tail] = parts;
  if (section === undefined) return { page: 'campaigns' };
  if (section === 'login' && parts.length === 1) return { page: 'login' };
  if (section === 'import' && parts.length === 1) return { page: 'import' };
  if (section === 'audit' && parts.length === 1) return { page: 'audit', campaignId: params.get('campaignId') };
  if (section === 'payments' && parts.length === 1) {
    return { page: 'payments', campaignId: params.get('campaignId') || null, tab: paymentTab(params.get('tab')) };
  }
  const campaignId = params.get('campaignId') || null;
  if (section === 'coupons' && parts.length === 1) return { page: 'coupons', campaignId };
  if (section === 'coupons' && id !== undefined && parts.length === 2)
    return { page: 'coupon', couponId: id === 'new' ? null : id, campaignId };
  if (section === 'deals' && parts.length === 1) return { page: 'deals', campaignId };
  if (section === 'deals' && id !== undefined && parts.length === 2) return { page: 'deal', dealId: id === 'new' ? null : id, campaignId };
  if (section === 'products' && parts.length === 1) return { page: 'products' };
  if (section === 'products' && id === 'import' && parts.length === 2) return { page: 'productImport' };
  if (section === 'products' && id !== undefined && parts.length === 2) return { page: 'product', productId: id === 'new' ? null : id };
  if (section === 'campaigns') {
    if (id === undefined) return { page: 'campaigns' };
    if (parts.length === 2) return { page: 'editor', campaignId: id === 'new' ? null : id };
    if (parts.length === 3 && tail === 'stats') return { page: 'stats', campaignId: id };
  }
  return { page: 'notFound', path };
}

export function href(route: Route): string {
  switch (route.page) {
    case 'login':
      return '#/login';
    case 'campaigns':
      return '#/campaigns';
    case 'editor':
      return `#/campaigns/${route.campaignId ? encodeURIComponent(route.campaignId) : 'new'}`;
    case 'stats':
      return `#/campaigns/${encodeURIComponent(route.campaignId)}/stats`;
    case 'audit':
      return route.campaignId ? `#/audit?campaignId=${encodeURIComponent(route.campaignId)}` : '#/audit';
    case 'payments': {
      const query = new URLSearchParams();
      if (route.campaignId) query.set('campaignId', route.campaignId);
      if (route.tab !== 'payments') query.set('tab', route.tab);
      const text = query.toString();
      return text ? `#/payments?${text}` : '#/payments';
    }
    case 'import':
      return '#/import';
    case 'coupons':
      return withCampaign('#/coupons', route.campaignId);
    case 'coupon':
      return withCampaign(`#/coupons/${route.couponId ? encodeURIComponent(route.couponId) : 'new'}`, route.campaignId);
    case 'deals':
      return withCampaign('#/deals', route.campaignId);
    case 'deal':
      return withCampaign(`#/deals/${route.dealId ? encodeURIComponent(route.dealId) : 'new'}`, route.campaignId);
    case 'products':
      return '#/products';
    case 'product':
      return `#/products/${route.productId ? encodeURIComponent(route.productId) : 'new'}`;
    case 'productImport':
      return '#/products/import';
    case 'notFound':
      return `#${route.path}`;
  }
}

function withCampaign(path: string, campaignId: string | null): string {
  return campaignId ? `${path}?campaignId=${encodeURIComponent(campaignId)}` : path;
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const target = href(route);
  if (options.replace) location.replace(target);
  else location.hash = target;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
