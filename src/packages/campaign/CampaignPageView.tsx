import { Button, Image, Text, View } from '@tarojs/components';
import type { CampaignPageView as CampaignPageData } from '../../../contract/campaigns';
import { formatCountdown } from '../../utils/countdown';
import { DEFAULT_BACKGROUND, DEFAULT_PRIMARY, pageColor } from '../../utils/pageColor';
import { creatorRuleText, groupSizeText, notRunningText, rewardLines } from './campaignText';

/** The way in, as the page's owner runs it: the app asks the server; the console's preview does nothing. */
export interface CampaignEntryState {
  checking: boolean;
  /** The server's reason why this user may not create a group (they can still join one). */
  blockedReason: string | null;
  error: string | null;
  onEnter(): void;
  onOpenGroups(): void;
}

export interface CampaignPageViewProps {
  view: CampaignPageData;
  /** The moment the countdowns count from (the caller ticks it every second). */
  nowMs: number;
  /** The banner's address as the platform loads it (the app puts the host in front of a path), or null. */
  bannerSrc: string | null;
  entry: CampaignEntryState;
}

/**
 * The campaign page's body, drawn from the published campaign (getCampaignPage's answer) and
 * nothing else: banner, title, countdowns or why there are none, the marketer's rules text,
 * the red packets and group rules in plain words, and the way in.
 *
 * Pure on purpose: only View/Text/Image/Button and pure helpers, no Taro APIs, no data loading.
 * The app's campaign page feeds it the server's answer; the marketer console renders this same
 * component (its build maps the four components onto DOM elements) as the live preview, fed the
 * same shape built from the draft — so the preview cannot drift from what shoppers see.
 */
export function CampaignPageView({ view, nowMs, bannerSrc, entry }: CampaignPageViewProps) {
  const accent = pageColor(view.page.primaryColor, DEFAULT_PRIMARY);
  const background = pageColor(view.page.backgroundColor, DEFAULT_BACKGROUND);
  const pausedOrOver = notRunningText(view, nowMs);
  const untilSplit = view.nextSplitAt ? new Date(view.nextSplitAt).getTime() - nowMs : null;
  const untilEnd = new Date(view.endsAt).getTime() - nowMs;

  return (
    <View className='campaign-view' style={{ backgroundColor: background }}>
      {bannerSrc && <Image className='campaign-banner' src={bannerSrc} mode='widthFix' />}
      <View className='card campaign-head'>
        <Text className='campaign-title' style={{ color: accent }}>
          {view.page.title}
        </Text>
        <Text className='muted campaign-name'>{view.name}</Text>
        {pausedOrOver ? (
          <Text className='hint campaign-not-running'>{pausedOrOver}</Text>
        ) : (
          <View className='row campaign-countdowns'>
            <View className='grow campaign-countdown'>
              <Text className='muted'>距下次瓜分</Text>
              <Text className='campaign-countdown__value campaign-split-countdown' style={{ color: accent }}>
                {untilSplit !== null ? formatCountdown(untilSplit) : '没有后续瓜分'}
              </Text>
            </View>
            <View className='grow campaign-countdown'>
              <Text className='muted'>距活动结束</Text>
              <Text className='campaign-countdown__value campaign-end-countdown' style={{ color: accent }}>
                {Number.isNaN(untilEnd) ? '—' : formatCountdown(untilEnd)}
              </Text>
            </View>
          </View>
        )}
      </View>

      {view.page.rulesText && (
        <View className='card'>
          <Text className='card__title'>活动说明</Text>
          <Text className='campaign-rules-text'>{view.page.rulesText}</Text>
        </View>
      )}

      <View className='card'>
        <Text className='card__title'>红包怎么拿</Text>
        {rewardLines(view.rewards).map((line) => (
          <Text key={line} className='campaign-line campaign-reward'>
            {line}
          </Text>
        ))}
      </View>

      <View className='card'>
        <Text className='card__title'>小黑群规则</Text>
        <Text className='campaign-line campaign-group-rule'>{creatorRuleText(view.rules)}</Text>
        <Text className='campaign-line campaign-group-rule'>{groupSizeText(view.rules)}</Text>
      </View>

      <View className='card campaign-entry'>
        <Button
          className='btn btn--primary campaign-entry__button'
          id='campaign-entry'
          style={{ backgroundColor: accent, borderColor: accent }}
          disabled={entry.checking}
          onClick={entry.onEnter}
        >
          {entry.checking ? '正在确认…' : '创建或加入小黑群'}
        </Button>
        {entry.error && <Text className='error-text campaign-entry-error'>{entry.error}</Text>}
        {entry.blockedReason && (
          <View className='campaign-join-hint'>
            <Text className='campaign-join-hint__title'>你可以通过好友的邀请加入小黑群</Text>
            <Text className='hint campaign-blocked-reason'>{entry.blockedReason}</Text>
            <Text className='campaign-join-hint__link' id='campaign-open-groups' style={{ color: accent }} onClick={entry.onOpenGroups}>
              去「小黑群」看看我加入的群 ›
            </Text>
          </View>
        )}
      </View>
    </View>
  );
}
