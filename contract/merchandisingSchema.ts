import { z } from 'zod';
import { isoDateTime, objectId } from './paramSchemas';

/**
 * The merchandising functions' params, shared: saveCoupon, saveDeal and saveProduct validate with
 * them on the server, and the console's forms check with the same schemas (and messages) before
 * sending. Rules across fields are in cloud/domain/merchandising.ts.
 */

export const MERCH_LIMITS = Object.freeze({
  titleMaxLength: 40,
  /** 10 million yuan: far above any real coupon or price, low enough to catch a wrong unit. */
  maxFen: 1_000_000_000,
  maxStock: 10_000_000,
  maxPerUserLimit: 100,
  maxValidDays: 365,
  maxImages: 9,
  imageUrlMaxLength: 512,
  productTitleMaxLength: 120,
  shopNameMaxLength: 60,
  categoryMaxLength: 20,
  linkMaxLength: 2000,
  pageSizeMax: 100,
});

const L = MERCH_LIMITS;

const fen = (label: string) =>
  z
    .number({ required_error: `请填写${label}（分）`, invalid_type_error: `${label}必须是整数（分）` })
    .int(`${label}必须是整数（分）`)
    .min(0, `${label}不能是负数`)
    .max(L.maxFen, `${label}最多 ${L.maxFen} 分`);

const count = (label: string, min: number, max: number) =>
  z
    .number({ required_error: `请填写${label}`, invalid_type_error: `${label}必须是整数` })
    .int(`${label}必须是整数`)
    .min(min, `${label}应在 ${min}-${max} 之间`)
    .max(max, `${label}应在 ${min}-${max} 之间`);

const time = (name: string, label: string) => isoDateTime(name, `${label}必须是带时区的时间，例如 2026-11-11T00:00:00+08:00`);

const text = (label: string, max: number) =>
  z
    .string({ required_error: `请填写${label}`, invalid_type_error: `${label}必须是文字` })
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}最多 ${max} 个字`)
    // Control and zero-width characters have no place in what shoppers read.
    .refine((v) => !/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff]/u.test(v), `${label}含有不可见字符`);

export const couponTemplateInput = z
  .object({
    couponId: objectId('couponId').optional(),
    campaignId: objectId('campaignId'),
    kind: z.enum(['cross_store', 'shop', 'percent'], {
      errorMap: () => ({ message: "券的类型必须是 'cross_store'（跨店满减）、'shop'（店铺券）或 'percent'（折扣券）" }),
    }),
    title: text('券名称', L.titleMaxLength),
    shopName: text('店铺名称', L.shopNameMaxLength).nullable(),
    thresholdFen: fen('门槛'),
    discountFen: fen('减免金额'),
    percentOff: count('折扣（减百分之几）', 1, 99).nullable(),
    capFen: fen('封顶金额').nullable(),
    stockTotal: count('发放总量', 0, L.maxStock),
    perUserLimit: count('每人限领', 1, L.maxPerUserLimit),
    claimStartsAt: time('claimStartsAt', '领取开始时间').nullable(),
    claimEndsAt: time('claimEndsAt', '领取结束时间').nullable(),
    validFrom: time('validFrom', '生效时间').nullable(),
    validUntil: time('validUntil', '失效时间').nullable(),
    validDays: count('领取后有效天数', 1, L.maxValidDays).nullable(),
    status: z.enum(['draft', 'live', 'stopped'], {
      errorMap: () => ({ message: "状态必须是 'draft'（草稿）、'live'（发放中）或 'stopped'（已停止）" }),
    }),
  })
  .strict();

export const dealInput = z
  .object({
    dealId: objectId('dealId').optional(),
    campaignId: objectId('campaignId'),
    productId: z
      .string({ required_error: '请选择商品', invalid_type_error: '请选择商品' })
      .regex(/^[1-9][0-9]{5,18}$/, '请从商品库选择商品（淘宝/天猫商品 id）'),
    groupPriceFen: fen('拼团价').min(1, '拼团价至少 1 分'),
    leaderPriceFen: fen('团长价').min(1, '团长价至少 1 分').nullable(),
    size: count('成团人数', 2, 50),
    timeLimitHours: count('成团时限（小时）', 1, 168),
    virtualCompletion: z.boolean({ required_error: '请选择是否模拟成团', invalid_type_error: '必须是 true 或 false' }),
    perUserLimit: count('每人限参团数', 1, L.maxPerUserLimit).nullable(),
    openingsTotal: count('可开团总数', 0, L.maxStock).nullable(),
    status: z.enum(['live', 'stopped'], { errorMap: () => ({ message: "状态必须是 'live'（进行中）或 'stopped'（已停止）" }) }),
  })
  .strict();

const imageUrl = z
  .string({ invalid_type_error: '图片地址必须是文字' })
  .max(L.imageUrlMaxLength, `图片地址最多 ${L.imageUrlMaxLength} 个字符`)
  .regex(/^https:\/\/[^\s<>"']+$/, '图片地址必须以 https:// 开头');

export const productInput = z
  .object({
    productId: z
      .string({ invalid_type_error: '必须是文字' })
      .regex(/^[1-9][0-9]{5,18}$/, '商品 id 是淘宝/天猫的数字商品 id')
      .optional(),
    link: z
      .string({ invalid_type_error: '必须是文字' })
      .min(1, '请粘贴商品链接或商品 id')
      .max(L.linkMaxLength, `最多 ${L.linkMaxLength} 个字符`)
      .optional(),
    title: text('商品标题', L.productTitleMaxLength),
    shopName: text('店铺名称', L.shopNameMaxLength),
    priceFen: fen('价格').min(1, '价格至少 1 分'),
    category: text('类目', L.categoryMaxLength),
    images: z
      .array(imageUrl, { required_error: '请给出图片列表（可以为空）', invalid_type_error: '必须是图片地址的列表' })
      .max(L.maxImages, `最多 ${L.maxImages} 张图片`),
    stock: count('库存', 0, L.maxStock).nullable(),
  })
  .strict();

const cursor = z.string({ invalid_type_error: '必须是上一页返回的 nextCursor' }).max(200, '必须是上一页返回的 nextCursor').optional();
const limit = count('每页条数', 1, L.pageSizeMax).optional();

export const listCouponTemplatesParams = z
  .object({
    campaignId: objectId('campaignId').optional(),
    status: z.enum(['draft', 'live', 'stopped'], { errorMap: () => ({ message: "必须是 'draft'、'live' 或 'stopped'" }) }).optional(),
    cursor,
    limit,
  })
  .strict();

export const listGroupBuyDealsParams = z
  .object({
    campaignId: objectId('campaignId').optional(),
    status: z.enum(['live', 'stopped'], { errorMap: () => ({ message: "必须是 'live' 或 'stopped'" }) }).optional(),
    cursor,
    limit,
  })
  .strict();

export const listCatalogParams = z
  .object({
    query: z.string({ invalid_type_error: '必须是文字' }).max(60, '最多 60 个字').optional(),
    category: z.string({ invalid_type_error: '必须是文字' }).max(L.categoryMaxLength, `最多 ${L.categoryMaxLength} 个字`).optional(),
    cursor,
    limit,
  })
  .strict();
