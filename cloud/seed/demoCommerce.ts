import type { Campaign } from '../domain/campaign';
import { termsProblem } from '../domain/commerce/coupons';
import { newObjectId } from '../ids';
import { insertTemplate, type NewCouponTemplate } from '../store/coupons';
import { insertDeal, type NewDeal } from '../store/groupBuys';
import { existingProductIds } from '../store/products';
import type { Queryable } from '../store/store';
import { DEMO_CATALOG } from './catalog';

/**
 * Coupons of the demo campaign: the Double 11 cross-store allowance (跨店满减) and shop coupons of
 * shops in the demo catalog. Some have a tiny stock so that "sold out" can be tried at once.
 */
export const DEMO_COUPONS: readonly NewCouponTemplate[] = [
  {
    kind: 'cross_store',
    title: '双十一跨店满减 每满400减50',
    shopName: null,
    thresholdFen: 40_000,
    discountFen: 5_000,
    capFen: null,
    stock: 10_000,
    perUserLimit: 3,
  },
  {
    kind: 'cross_store',
    title: '跨店满减 每满200减20 最高减100',
    shopName: null,
    thresholdFen: 20_000,
    discountFen: 2_000,
    capFen: 10_000,
    stock: 20,
    perUserLimit: 1,
  },
  {
    kind: 'shop',
    title: '优衣库 满299减30',
    shopName: '优衣库官方旗舰店',
    thresholdFen: 29_900,
    discountFen: 3_000,
    capFen: null,
    stock: 500,
    perUserLimit: 2,
  },
  {
    kind: 'shop',
    title: '李宁 满399减50',
    shopName: '李宁官方旗舰店',
    thresholdFen: 39_900,
    discountFen: 5_000,
    capFen: null,
    stock: 5,
    perUserLimit: 1,
  },
  {
    kind: 'shop',
    title: '三只松鼠 满99减10',
    shopName: '三只松鼠旗舰店',
    thresholdFen: 9_900,
    discountFen: 1_000,
    capFen: null,
    stock: 3,
    perUserLimit: 1,
  },
  {
    kind: 'shop',
    title: 'Apple 满5000减200',
    shopName: 'Apple Store官方旗舰店',
    thresholdFen: 500_000,
    discountFen: 20_000,
    capFen: null,
    stock: 2,
    perUserLimit: 1,
  },
  {
    kind: 'shop',
    title: '兰蔻 满1000减100',
    shopName: '兰蔻官方旗舰店',
    thresholdFen: 100_000,
    discountFen: 10_000,
    capFen: null,
    stock: 100,
    perUserLimit: 1,
  },
];

/** Group-buy deals of several sizes on demo catalog products, found by title. */
export const DEMO_DEALS: ReadonlyArray<Omit<NewDeal, 'productId'> & { titleStartsWith: string }> = [
  { titleStartsWith: '良品铺子 肉松饼', groupPriceFen: 2_990, size: 2, timeLimitHours: 24, virtualCompletion: false },
  { titleStartsWith: '三只松鼠 每日坚果', groupPriceFen: 9_990, size: 3, timeLimitHours: 24, virtualCompletion: false },
  { titleStartsWith: '优衣库 HEATTECH', groupPriceFen: 9_900, size: 5, timeLimitHours: 48, virtualCompletion: false },
  { titleStartsWith: 'Apple AirPods Pro', groupPriceFen: 169_900, size: 10, timeLimitHours: 72, virtualCompletion: true },
];

/**
 * Seeds the demo campaign's coupons and deals. Deals whose product is not in the catalog (an
 * operator imported a real one) are skipped rather than failing the seed.
 */
export async function seedDemoCommerce(db: Queryable, campaign: Campaign, now: Date): Promise<void> {
  for (const coupon of DEMO_COUPONS) {
    const problem = termsProblem(coupon);
    if (problem) throw new Error(`demo coupon ${coupon.title}: ${problem}`);
    await insertTemplate(db, newObjectId(), campaign.id, coupon, now);
  }
  const wanted = DEMO_DEALS.map((d) => ({ deal: d, product: DEMO_CATALOG.find((p) => p.title.startsWith(d.titleStartsWith)) }));
  const ids = wanted.flatMap((w) => (w.product ? [w.product.productId] : []));
  const present = await existingProductIds(db, ids);
  for (const { deal, product } of wanted) {
    if (!product || !present.has(product.productId)) continue;
    const { titleStartsWith: _title, ...terms } = deal;
    await insertDeal(db, newObjectId(), campaign.id, { ...terms, productId: product.productId }, now);
  }
}
