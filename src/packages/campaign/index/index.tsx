import { useEffect } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { StateView } from '../../../components/StateView';
import { useCloudData } from '../../../hooks/useCloudData';
import { callFunction } from '../../../services/api';
import { ErrorCode } from '../../../services/errorCodes';
import { hostImageSrc } from '../../../utils/hostImage';
import { userMessage } from '../../../utils/errorMessage';
import { CampaignCountdowns } from './CampaignCountdowns';
import { creatorRuleText, groupSizeText, notRunningText, rewardLines } from './campaignText';
import { GroupEntryPanel } from './GroupEntryPanel';
import { DEFAULT_BACKGROUND, DEFAULT_PRIMARY, pageColor } from '../../../utils/pageColor';
import './index.css';

/**
 * The campaign page: the published page content, its reward and group rules in plain words,
 * live countdowns, and the way in. Public (no login needed to read it); `slug` picks a
 * campaign, without it the running one is shown.
 */
export default function CampaignPage() {
  const slug = useRouter().params.slug || undefined;
  const campaign = useCloudData(() => callFunction('getCampaignPage', slug ? { slug } : {}), true, [slug]);
  usePullDownRefresh(() => {
    void campaign.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const view = campaign.data;
  const title = view?.page.title;
  useEffect(() => {
    if (title) void Taro.setNavigationBarTitle({ title });
  }, [title]);

  // "No such campaign" is the empty state, not a failure: there is nothing to retry.
  const notFound = !view && campaign.error?.code === ErrorCode.NOT_FOUND;
  const accent = pageColor(view?.page.primaryColor, DEFAULT_PRIMARY);
  const background = pageColor(view?.page.backgroundColor, DEFAULT_BACKGROUND);
  const banner = hostImageSrc(view?.page.bannerUrl);
  const pausedOrOver = view ? notRunningText(view, Date.now()) : null;

  return (
    <View className='page campaign-page' style={{ backgroundColor: background }}>
      <StateView
        loading={campaign.loading}
        error={notFound ? null : campaign.error}
        hasData={!!view}
        onRetry={campaign.reload}
        empty={notFound}
        emptyTitle='现在没有进行中的活动'
        emptyHint={slug && campaign.error ? userMessage(campaign.error) : '活动开始后会在这里和「消息」页出现。'}
      >
        {view && (
          <>
            {banner && <Image className='campaign-banner' src={banner} mode='widthFix' />}
            <View className='card campaign-head'>
              <Text className='campaign-title' style={{ color: accent }}>
                {view.page.title}
              </Text>
              <Text className='muted campaign-name'>{view.name}</Text>
              {pausedOrOver ? (
                <Text className='hint campaign-not-running'>{pausedOrOver}</Text>
              ) : (
                <CampaignCountdowns
                  nextSplitAt={view.nextSplitAt}
                  endsAt={view.endsAt}
                  accent={accent}
                  onDue={() => void campaign.reload()}
                />
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

            <GroupEntryPanel accent={accent} />
          </>
        )}
      </StateView>
    </View>
  );
}
