import { useEffect, useRef, useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { StateView } from '../../../components/StateView';
import { useCloudData } from '../../../hooks/useCloudData';
import { callFunction } from '../../../services/api';
import { ErrorCode } from '../../../services/errorCodes';
import { hostImageSrc } from '../../../utils/hostImage';
import { userMessage } from '../../../utils/errorMessage';
import { Routes } from '../../../routes';
import { DEFAULT_BACKGROUND, pageColor } from '../../../utils/pageColor';
import { CampaignPageView } from '../CampaignPageView';
import { useGroupEntry } from './useGroupEntry';
import './index.css';

/**
 * The campaign page: the published page content, its reward and group rules in plain words,
 * live countdowns, and the way in — drawn by CampaignPageView, the same component the marketer
 * console renders as its preview. Public (no login needed to read it); `slug` picks a
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
  const background = pageColor(view?.page.backgroundColor, DEFAULT_BACKGROUND);
  const entry = useGroupEntry();
  const nowMs = useNow();
  const reload = () => void campaign.reload();
  // The scheduler needs a moment to run the split; asking a little later shows the next one.
  useDue(view?.running ? view.nextSplitAt : null, nowMs, 3000, reload);
  useDue(view?.running ? view.endsAt : null, nowMs, 0, reload);

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
          <CampaignPageView
            view={view}
            nowMs={nowMs}
            bannerSrc={hostImageSrc(view.page.bannerUrl)}
            entry={{
              checking: entry.checking,
              blockedReason: entry.blockedReason,
              error: entry.error,
              onEnter: entry.enter,
              onOpenGroups: () => void Taro.switchTab({ url: Routes.groups }),
            }}
          />
        )}
      </StateView>
    </View>
  );
}

/** The current time, ticking every second: the countdowns count from it. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * Runs `onDue` once when `nowMs` reaches `targetIso` (after `delayMs`): the next split time or
 * the campaign's state has changed, so the page asks again.
 */
function useDue(targetIso: string | null | undefined, nowMs: number, delayMs: number, onDue: () => void): void {
  const fired = useRef<string | null>(null);
  const onDueRef = useRef(onDue);
  onDueRef.current = onDue;
  useEffect(() => {
    if (!targetIso || fired.current === targetIso || nowMs < new Date(targetIso).getTime()) return;
    fired.current = targetIso;
    const timer = setTimeout(() => onDueRef.current(), delayMs);
    return () => clearTimeout(timer);
  }, [targetIso, nowMs, delayMs]);
}
