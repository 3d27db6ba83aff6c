import type { Gender } from '../../contract/types';
import type { GroupRules } from './groupRules';

export type CreateEligibility = { eligible: true } | { eligible: false; rule: 'gender' | 'taoqi'; reason: string };

const GENDER_NAMES: Record<Gender, string> = { female: '女性', male: '男性', unknown: '未知' };

/**
 * Whether a user may create a group. Checked in a fixed order — gender, then taoqi — so the
 * reason names the first rule that fails, with the user's own value and what to do instead.
 */
export function createEligibility(user: { gender: Gender; taoqi: number }, rules: GroupRules): CreateEligibility {
  if (rules.creatorGender !== null && user.gender !== rules.creatorGender) {
    return {
      eligible: false,
      rule: 'gender',
      reason: `创建小黑群仅限${GENDER_NAMES[rules.creatorGender]}用户（你的性别：${GENDER_NAMES[user.gender]}），你可以通过好友的邀请加入她的小黑群。`,
    };
  }
  if (user.taoqi < rules.creatorMinTaoqi) {
    return {
      eligible: false,
      rule: 'taoqi',
      reason: `创建小黑群需要淘气值达到 ${rules.creatorMinTaoqi}，你的淘气值是 ${user.taoqi}，你可以通过好友的邀请加入小黑群。`,
    };
  }
  return { eligible: true };
}
