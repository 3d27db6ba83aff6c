/**
 * The coupon, deal and product forms: what the marketer types (strings, yuan, local times) and
 * their conversion to the contract's inputs (fen, ISO times). A value that cannot even be
 * converted is reported at its contract path; ranges and rules across fields are the server's
 * (its 142 issues land beside the same fields).
 */
import type {
  CouponTemplateAdminJson,
  CouponTemplateInputJson,
  CouponTemplateKind,
  CouponTemplateStatus,
  DealAdminJson,
  DealInputJson,
  DealStatus,
  ProductAdminJson,
  ProductInputJson,
} from '../../contract/merchandising';
import type { FieldErrors } from './fieldErrors';
import { t } from './i18n';
import { fenToInput, parseYuan } from './money';
import { isoToLocal, localToIso } from './time';

type Result<T> = { input: T | null; errors: FieldErrors };

/** Collects conversion failures by path. */
function collector() {
  const errors: FieldErrors = {};
  const fail = (path: string, message: string) => {
    (errors[path] ??= []).push(message);
  };
  const int = (path: string, text: string): number => {
    const trimmed = text.trim();
    if (!/^\d+$/.test(trimmed)) {
      fail(path, t('enter a whole number'));
      return 0;
    }
    return Number(trimmed);
  };
  const optionalInt = (path: string, text: string): number | null => (text.trim() === '' ? null : int(path, text));
  const fen = (path: string, text: string): number => {
    const value = parseYuan(text);
    if (value === null) {
      fail(path, t('enter an amount in yuan, e.g. 8.88 (at most 2 decimals)'));
      return 0;
    }
    return value;
  };
  const optionalFen = (path: string, text: string): number | null => (text.trim() === '' ? null : fen(path, text));
  const time = (path: string, local: string, timeZone: string): string | null => {
    if (local.trim() === '') return null;
    const iso = localToIso(local, timeZone);
    if (!iso) fail(path, t('enter a date and time'));
    return iso;
  };
  return { errors, fail, int, optionalInt, fen, optionalFen, time };
}

const done = <T>(input: T, errors: FieldErrors): Result<T> => ({ input: Object.keys(errors).length > 0 ? null : input, errors });

// ---------------------------------------------------------------- coupons

export interface CouponForm {
  couponId?: string;
  campaignId: string;
  kind: CouponTemplateKind;
  title: string;
  shopName: string;
  thresholdYuan: string;
  discountYuan: string;
  percentOff: string;
  capYuan: string;
  stockTotal: string;
  perUserLimit: string;
  claimStartsLocal: string;
  claimEndsLocal: string;
  validity: 'fixed' | 'days';
  validFromLocal: string;
  validUntilLocal: string;
  validDays: string;
  status: CouponTemplateStatus;
}

export const COUPON_PATHS = [
  'campaignId',
  'kind',
  'title',
  'shopName',
  'thresholdFen',
  'discountFen',
  'percentOff',
  'capFen',
  'stockTotal',
  'perUserLimit',
  'claimStartsAt',
  'claimEndsAt',
  'validFrom',
  'validUntil',
  'validDays',
  'status',
];

export function newCouponForm(campaignId: string): CouponForm {
  return {
    campaignId,
    kind: 'cross_store',
    title: '',
    shopName: '',
    thresholdYuan: '300',
    discountYuan: '50',
    percentOff: '10',
    capYuan: '',
    stockTotal: '1000',
    perUserLimit: '1',
    claimStartsLocal: '',
    claimEndsLocal: '',
    validity: 'days',
    validFromLocal: '',
    validUntilLocal: '',
    validDays: '7',
    status: 'draft',
  };
}

export function couponFormFrom(c: CouponTemplateAdminJson, timeZone: string): CouponForm {
  const local = (iso: string | null) => (iso ? isoToLocal(iso, timeZone) : '');
  return {
    couponId: c.couponId,
    campaignId: c.campaignId,
    kind: c.kind,
    title: c.title,
    shopName: c.shopName ?? '',
    thresholdYuan: fenToInput(c.thresholdFen),
    discountYuan: fenToInput(c.discountFen),
    percentOff: c.percentOff === null ? '' : String(c.percentOff),
    capYuan: c.capFen === null ? '' : fenToInput(c.capFen),
    stockTotal: String(c.stockTotal),
    perUserLimit: String(c.perUserLimit),
    claimStartsLocal: local(c.claimStartsAt),
    claimEndsLocal: local(c.claimEndsAt),
    validity: c.validDays !== null ? 'days' : 'fixed',
    validFromLocal: local(c.validFrom),
    validUntilLocal: local(c.validUntil),
    validDays: c.validDays === null ? '7' : String(c.validDays),
    status: c.status,
  };
}

/**
 * The coupon to send. Fields a kind does not use are sent empty (null, or 0 for the threshold and
 * discount of a percent coupon); `claimed` is what has been claimed so far: the stock may be
 * raised any time but never set below it.
 */
export function couponInput(form: CouponForm, timeZone: string, claimed = 0): Result<CouponTemplateInputJson> {
  const c = collector();
  const percent = form.kind === 'percent';
  const stockTotal = c.int('stockTotal', form.stockTotal);
  if (!c.errors.stockTotal && stockTotal < claimed)
    c.fail('stockTotal', t('at least {count}: that many are already claimed', { count: claimed }));
  const days = form.validity === 'days';
  const input: CouponTemplateInputJson = {
    ...(form.couponId ? { couponId: form.couponId } : {}),
    campaignId: form.campaignId,
    kind: form.kind,
    title: form.title.trim(),
    shopName: form.kind === 'shop' ? form.shopName.trim() : null,
    thresholdFen: percent ? 0 : c.fen('thresholdFen', form.thresholdYuan),
    discountFen: percent ? 0 : c.fen('discountFen', form.discountYuan),
    percentOff: percent ? c.int('percentOff', form.percentOff) : null,
    capFen: form.kind === 'shop' ? null : percent ? c.fen('capFen', form.capYuan) : c.optionalFen('capFen', form.capYuan),
    stockTotal,
    perUserLimit: c.int('perUserLimit', form.perUserLimit),
    claimStartsAt: c.time('claimStartsAt', form.claimStartsLocal, timeZone),
    claimEndsAt: c.time('claimEndsAt', form.claimEndsLocal, timeZone),
    validFrom: days ? null : c.time('validFrom', form.validFromLocal, timeZone),
    validUntil: days ? null : c.time('validUntil', form.validUntilLocal, timeZone),
    validDays: days ? c.int('validDays', form.validDays) : null,
    status: form.status,
  };
  return done(input, c.errors);
}

// ---------------------------------------------------------------- deals

export interface DealForm {
  dealId?: string;
  campaignId: string;
  productId: string;
  groupPriceYuan: string;
  leaderPriceYuan: string;
  size: string;
  timeLimitHours: string;
  virtualCompletion: boolean;
  perUserLimit: string;
  openingsTotal: string;
  status: DealStatus;
}

export const DEAL_PATHS = [
  'campaignId',
  'productId',
  'groupPriceFen',
  'leaderPriceFen',
  'size',
  'timeLimitHours',
  'virtualCompletion',
  'perUserLimit',
  'openingsTotal',
  'status',
];

export function newDealForm(campaignId: string): DealForm {
  return {
    campaignId,
    productId: '',
    groupPriceYuan: '',
    leaderPriceYuan: '',
    size: '3',
    timeLimitHours: '24',
    virtualCompletion: false,
    perUserLimit: '1',
    openingsTotal: '',
    status: 'live',
  };
}

export function dealFormFrom(d: DealAdminJson): DealForm {
  return {
    dealId: d.dealId,
    campaignId: d.campaignId,
    productId: d.productId,
    groupPriceYuan: fenToInput(d.groupPriceFen),
    leaderPriceYuan: d.leaderPriceFen === null ? '' : fenToInput(d.leaderPriceFen),
    size: String(d.size),
    timeLimitHours: String(d.timeLimitHours),
    virtualCompletion: d.virtualCompletion,
    perUserLimit: d.perUserLimit === null ? '' : String(d.perUserLimit),
    openingsTotal: d.openingsTotal === null ? '' : String(d.openingsTotal),
    status: d.status,
  };
}

export function dealInput(form: DealForm): Result<DealInputJson> {
  const c = collector();
  if (!form.productId.trim()) c.fail('productId', t('choose a product'));
  const input: DealInputJson = {
    ...(form.dealId ? { dealId: form.dealId } : {}),
    campaignId: form.campaignId,
    productId: form.productId.trim(),
    groupPriceFen: c.fen('groupPriceFen', form.groupPriceYuan),
    leaderPriceFen: c.optionalFen('leaderPriceFen', form.leaderPriceYuan),
    size: c.int('size', form.size),
    timeLimitHours: c.int('timeLimitHours', form.timeLimitHours),
    virtualCompletion: form.virtualCompletion,
    perUserLimit: c.optionalInt('perUserLimit', form.perUserLimit),
    openingsTotal: c.optionalInt('openingsTotal', form.openingsTotal),
    status: form.status,
  };
  return done(input, c.errors);
}

/** True when saving `form` over `deal` changes its terms (what a group buy is opened on): a new version. */
export function changesDealTerms(form: DealForm, deal: DealAdminJson): boolean {
  const { input } = dealInput(form);
  if (!input) return false;
  return (
    input.productId !== deal.productId ||
    input.groupPriceFen !== deal.groupPriceFen ||
    input.leaderPriceFen !== deal.leaderPriceFen ||
    input.size !== deal.size ||
    input.timeLimitHours !== deal.timeLimitHours ||
    input.virtualCompletion !== deal.virtualCompletion
  );
}

// ---------------------------------------------------------------- products

export interface ProductForm {
  productId?: string;
  link: string;
  title: string;
  shopName: string;
  priceYuan: string;
  category: string;
  /** One https address per line. */
  imagesText: string;
  stock: string;
}

export const PRODUCT_PATHS = ['link', 'title', 'shopName', 'priceFen', 'category', 'images', 'stock'];

export function newProductForm(): ProductForm {
  return { link: '', title: '', shopName: '', priceYuan: '', category: '', imagesText: '', stock: '' };
}

export function productFormFrom(p: ProductAdminJson): ProductForm {
  return {
    productId: p.productId,
    link: '',
    title: p.title,
    shopName: p.shopName,
    priceYuan: fenToInput(p.priceFen),
    category: p.category,
    imagesText: p.images.join('\n'),
    stock: p.stock === null ? '' : String(p.stock),
  };
}

export function productInput(form: ProductForm): Result<ProductInputJson> {
  const c = collector();
  if (!form.productId && !form.link.trim()) c.fail('link', t('paste the item link or its id'));
  const input: ProductInputJson = {
    ...(form.productId ? { productId: form.productId } : { link: form.link.trim() }),
    title: form.title.trim(),
    shopName: form.shopName.trim(),
    priceFen: c.fen('priceFen', form.priceYuan),
    category: form.category.trim(),
    images: form.imagesText
      .split(/\s*\n\s*/)
      .map((line) => line.trim())
      .filter(Boolean),
    stock: c.optionalInt('stock', form.stock),
  };
  return done(input, c.errors);
}
