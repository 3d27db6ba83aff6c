import { z } from 'zod';
import { CAMPAIGN_LIMITS as L, MAX_REFUND_WINDOW_DAYS } from './campaignLimits';
import { isoDateTime, objectId } from './paramSchemas';

/**
 * The campaign functions' params, shared: saveCampaign validates with them on the server, and the
 * console's editor checks a draft with the same schema (and messages) before sending it.
 */

const fen = (name: string, max: number = L.maxBudgetFen) =>
  z
    .number({ invalid_type_error: `${name} must be a number of fen` })
    .int(`${name} must be whole fen`)
    .min(0, `${name} cannot be negative`)
    .max(max, `${name} is too large`);
const colour = (name: string) => z.string().regex(/^#[0-9a-fA-F]{6}$/, `${name} must be a colour like #ff4f4f`);

/** A marketer's campaign, field by field; rules across fields are in cloud/domain/campaignRules.ts. */
export const campaignInput = z
  .object({
    campaignId: objectId('campaignId').optional(),
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]{2,39}$/, 'slug must be 3-40 lowercase letters, digits or -'),
    name: z.string().trim().min(1, 'name cannot be blank').max(60, 'name must be at most 60 characters'),
    startsAt: isoDateTime('startsAt'),
    endsAt: isoDateTime('endsAt'),
    timeZone: z.string().min(1).max(64),
    rules: z
      .object({
        creatorGender: z.enum(['female', 'male']).nullable(),
        creatorMinTaoqi: z.number().int().min(0, 'creatorMinTaoqi must be 0-100000').max(100_000, 'creatorMinTaoqi must be 0-100000'),
        minMembers: z
          .number()
          .int()
          .min(L.minMembersFloor, `minMembers must be ${L.minMembersFloor}-${L.maxMembersCeiling}`)
          .max(L.maxMembersCeiling),
        maxMembers: z.number().int().min(L.minMembersFloor).max(L.maxMembersCeiling, `maxMembers must be at most ${L.maxMembersCeiling}`),
        maxGroupsCreatedPerUser: z
          .number()
          .int()
          .min(1, 'maxGroupsCreatedPerUser must be 1-20')
          .max(20, 'maxGroupsCreatedPerUser must be 1-20'),
        maxGroupsJoinedPerUser: z
          .number()
          .int()
          .min(1, 'maxGroupsJoinedPerUser must be 1-50')
          .max(50, 'maxGroupsJoinedPerUser must be 1-50'),
      })
      .strict(),
    money: z
      .object({
        budgetFen: fen('budgetFen'),
        shareReward: z
          .object({
            probability: z
              .number()
              .min(0, 'probability must be between 0 and 1')
              .max(1, 'probability must be between 0 and 1 (a probability above 1 is not a probability)'),
            minFen: fen('minFen', L.maxPacketFen).min(1, 'minFen must be at least 1 fen'),
            maxFen: fen('maxFen', L.maxPacketFen).min(1, 'maxFen must be at least 1 fen'),
            dailyCapPerUser: z.number().int().min(0).max(L.maxDailyCap, `dailyCapPerUser must be 0-${L.maxDailyCap}`),
          })
          .strict(),
        purchaseReward: z
          .object({
            fixedFen: fen('fixedFen', L.maxPacketFen).optional(),
            perMille: z.number().int().min(0, 'perMille must be 0-1000').max(1000, 'perMille must be 0-1000').optional(),
            capFen: fen('capFen', L.maxPacketFen),
          })
          .strict(),
        split: z
          .object({
            policy: z.enum(['random', 'equal']),
            dailyAt: z
              .array(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'split times are HH:mm, e.g. 20:00'))
              .max(L.maxSplitTimesPerDay, `at most ${L.maxSplitTimesPerDay} split times a day`),
            finalSplit: z.boolean(),
          })
          .strict(),
        grandPrize: z
          .object({
            budgetFen: fen('grandPrize.budgetFen'),
            winners: z.number().int().min(0).max(L.maxWinners, `winners must be 0-${L.maxWinners}`),
            capFen: fen('grandPrize.capFen', L.grandPrizeCapFen).max(
              L.grandPrizeCapFen,
              'the grand prize is capped at 50,000 yuan (5000000 fen)',
            ),
          })
          .strict(),
        refundWindowDays: z
          .number({ invalid_type_error: 'refundWindowDays must be a whole number of days' })
          .int('refundWindowDays must be a whole number of days')
          .min(0, `refundWindowDays must be 0-${MAX_REFUND_WINDOW_DAYS} days`)
          .max(MAX_REFUND_WINDOW_DAYS, `refundWindowDays must be 0-${MAX_REFUND_WINDOW_DAYS} days`)
          .optional(),
      })
      .strict(),
    page: z
      .object({
        title: z.string().trim().min(1, 'page title cannot be blank').max(40, 'page title must be at most 40 characters'),
        bannerUrl: z
          .string()
          .max(512)
          .refine((v) => v === '' || /^(https?:\/\/|\/)/.test(v), 'bannerUrl must be an http(s) URL or a path on this host'),
        rulesText: z.string().max(4000, 'rules text must be at most 4000 characters'),
        primaryColor: colour('primaryColor'),
        backgroundColor: colour('backgroundColor'),
      })
      .strict(),
  })
  .strict();

export const campaignIdParam = z.object({ campaignId: objectId('campaignId') }).strict();
