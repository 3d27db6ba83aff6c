import { Text, View } from '@tarojs/components';
import { useCountdown } from '../../../hooks/useCountdown';
import { formatCountdown } from '../../../utils/countdown';

interface Props {
  nextSplitAt: string | null;
  endsAt: string;
  accent: string;
  /** Runs when a countdown reaches zero: the next split time (or the campaign's state) has changed. */
  onDue: () => void;
}

/** Two live countdowns of a running campaign: to the next pool split and to its end. */
export function CampaignCountdowns({ nextSplitAt, endsAt, accent, onDue }: Props) {
  // The scheduler needs a moment to run the split; reloading a little later shows the next one.
  const untilSplit = useCountdown(nextSplitAt, () => setTimeout(onDue, 3000));
  const untilEnd = useCountdown(endsAt, onDue);

  return (
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
          {untilEnd !== null ? formatCountdown(untilEnd) : '—'}
        </Text>
      </View>
    </View>
  );
}
