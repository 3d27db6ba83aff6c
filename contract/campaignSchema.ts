import { z } from 'zod';
import { CAMPAIGN_LIMITS as L, MAX_REFUND_WINDOW_DAYS } from './campaignLimits';
import { isoDateTime, objectId } from './paramSchemas';

/**
 * The campaign functions' params, shared: saveCampaign validates with them on the server, and the
 * console's editor checks a draft with the same schema (and messages) before sending it.
 */

const fen = (name: string, max: number = L.maxBudgetFen) =>
  z
    .number({ invalid_type_error: `${name} 必须是以分为单位的数字` })
    .int(`${name} 必须是整数（分）`)
    .min(0, `${name} 不能为负数`)
    .max(max, `${name} 太大了`);
const colour = (name: string) => z.string().regex(/^#[0-9a-fA-F]{6}$/, `${name} 必须是颜色值，例如 #ff4f4f`);

/** A marketer's campaign, field by field; rules across fields are in cloud/domain/campaignRules.ts. */
export const campaignInput = z
  .object({
    campaignId: objectId('campaignId').optional(),
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]{2,39}$/, 'slug 必须是 3-40 位小写字母、数字或 -'),
    name: z.string().trim().min(1, 'name 活动名称不能为空').max(60, 'name 活动名称最多 60 个字'),
    startsAt: isoDateTime('startsAt'),
    endsAt: isoDateTime('endsAt'),
    timeZone: z.string().min(1).max(64),
    rules: z
      .object({
        creatorGender: z.enum(['female', 'male']).nullable(),
        creatorMinTaoqi: z
          .number()
          .int()
          .min(0, 'creatorMinTaoqi 必须在 0-100000 之间')
          .max(100_000, 'creatorMinTaoqi 必须在 0-100000 之间'),
        minMembers: z
          .number()
          .int()
          .min(L.minMembersFloor, `minMembers 必须在 ${L.minMembersFloor}-${L.maxMembersCeiling} 之间`)
          .max(L.maxMembersCeiling),
        maxMembers: z.number().int().min(L.minMembersFloor).max(L.maxMembersCeiling, `maxMembers 最多 ${L.maxMembersCeiling}`),
        maxGroupsCreatedPerUser: z
          .number()
          .int()
          .min(1, 'maxGroupsCreatedPerUser 必须在 1-20 之间')
          .max(20, 'maxGroupsCreatedPerUser 必须在 1-20 之间'),
        maxGroupsJoinedPerUser: z
          .number()
          .int()
          .min(1, 'maxGroupsJoinedPerUser 必须在 1-50 之间')
          .max(50, 'maxGroupsJoinedPerUser 必须在 1-50 之间'),
      })
      .strict(),
    money: z
      .object({
        budgetFen: fen('budgetFen'),
        shareReward: z
          .object({
            probability: z
              .number()
              .min(0, 'probability 概率必须在 0 到 1 之间')
              .max(1, 'probability 概率必须在 0 到 1 之间（大于 1 不是概率）'),
            minFen: fen('minFen', L.maxPacketFen).min(1, 'minFen 至少 1 分'),
            maxFen: fen('maxFen', L.maxPacketFen).min(1, 'maxFen 至少 1 分'),
            dailyCapPerUser: z.number().int().min(0).max(L.maxDailyCap, `dailyCapPerUser 必须在 0-${L.maxDailyCap} 之间`),
          })
          .strict(),
        purchaseReward: z
          .object({
            fixedFen: fen('fixedFen', L.maxPacketFen).optional(),
            perMille: z
              .number()
              .int()
              .min(0, 'perMille 千分比必须在 0-1000 之间')
              .max(1000, 'perMille 千分比必须在 0-1000 之间')
              .optional(),
            capFen: fen('capFen', L.maxPacketFen),
          })
          .strict(),
        split: z
          .object({
            policy: z.enum(['random', 'equal']),
            dailyAt: z
              .array(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '瓜分时间格式为 HH:mm，例如 20:00'))
              .max(L.maxSplitTimesPerDay, `每天最多 ${L.maxSplitTimesPerDay} 个瓜分时间`),
            finalSplit: z.boolean(),
          })
          .strict(),
        grandPrize: z
          .object({
            budgetFen: fen('grandPrize.budgetFen'),
            winners: z.number().int().min(0).max(L.maxWinners, `winners 大奖人数必须在 0-${L.maxWinners} 之间`),
            capFen: fen('grandPrize.capFen', L.grandPrizeCapFen).max(L.grandPrizeCapFen, '大奖上限为 50,000 元（5000000 分）'),
          })
          .strict(),
        refundWindowDays: z
          .number({ invalid_type_error: 'refundWindowDays 必须是整数天' })
          .int('refundWindowDays 必须是整数天')
          .min(0, `refundWindowDays 必须在 0-${MAX_REFUND_WINDOW_DAYS} 天之间`)
          .max(MAX_REFUND_WINDOW_DAYS, `refundWindowDays 必须在 0-${MAX_REFUND_WINDOW_DAYS} 天之间`)
          .optional(),
      })
      .strict(),
    page: z
      .object({
        title: z.string().trim().min(1, 'page title 页面标题不能为空').max(40, 'page title 页面标题最多 40 个字'),
        bannerUrl: z
          .string()
          .max(512)
          .refine((v) => v === '' || /^(https?:\/\/|\/)/.test(v), 'bannerUrl 必须是 http(s) 链接或本站路径'),
        rulesText: z.string().max(4000, 'rulesText 规则说明最多 4000 个字'),
        primaryColor: colour('primaryColor'),
        backgroundColor: colour('backgroundColor'),
      })
      .strict(),
  })
  .strict();

export const campaignIdParam = z.object({ campaignId: objectId('campaignId') }).strict();
