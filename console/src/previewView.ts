/**
 * What the app's campaign page would be fed (getCampaignPage's answer) if the draft in the
 * editor were published now: the preview renders the app's own CampaignPageView from it.
 * Built the way cloud/functions/campaigns/read.ts builds the answer from a published version.
 */
import type { CampaignPageView, CampaignStatus } from '../../contract/campaigns';
import type { CampaignForm } from './campaignForm';
import { parseYuan } from './money';
import { localToIso, nextSplit } from './time';

const whole = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : 0);
const fen = (text: string): number => parseYuan(text) ?? 0;

/**
 * The page data for `form`. A draft is previewed as published (what shoppers will see once it
 * is); a paused or ended campaign as it is. `windowSet` is false while the times do not parse.
 */
export function previewPageView(form: CampaignForm, status: CampaignStatus, now: Date): { view: CampaignPageView; windowSet: boolean } {
  const startsAt = localToIso(form.startsLocal, form.timeZone);
  const endsAt = localToIso(form.endsLocal, form.timeZone);
  const shownStatus: CampaignStatus = status === 'draft' ? 'published' : status;
  const running = !!startsAt && !!endsAt && shownStatus === 'published' && new Date(startsAt) <= now && now < new Date(endsAt);
  const next =
    running && startsAt && endsAt
      ? nextSplit({ startsAt, endsAt, timeZone: form.timeZone }, form.splitDailyAt, form.finalSplit, now)
      : null;
  return {
    windowSet: !!startsAt && !!endsAt,
    view: {
      campaignId: form.campaignId ?? '',
      slug: form.slug,
      name: form.name,
      status: shownStatus,
      running,
      startsAt: startsAt ?? now.toISOString(),
      endsAt: endsAt ?? now.toISOString(),
      timeZone: form.timeZone,
      nextSplitAt: next ? next.toISOString() : null,
      page: {
        title: form.title,
        bannerUrl: form.bannerUrl.trim(),
        rulesText: form.rulesText,
        primaryColor: form.primaryColor,
        backgroundColor: form.backgroundColor,
      },
      rules: {
        creatorGender: form.creatorGender === 'any' ? null : form.creatorGender,
        creatorMinTaoqi: whole(form.creatorMinTaoqi),
        minMembers: whole(form.minMembers),
        maxMembers: whole(form.maxMembers),
        maxGroupsCreatedPerUser: whole(form.maxGroupsCreatedPerUser),
        maxGroupsJoinedPerUser: whole(form.maxGroupsJoinedPerUser),
      },
      rewards: {
        shareMinFen: fen(form.shareMinYuan),
        shareMaxFen: fen(form.shareMaxYuan),
        purchaseCapFen: fen(form.purchaseCapYuan),
        grandPrizeCapFen: fen(form.grandCapYuan),
      },
    },
  };
}
