import { Button, Text, View } from '@tarojs/components';
import { formatFen } from '../../../utils/money';
import type { RedPacketNotice } from './rewardText';

/** A red packet won: the amount in yuan and where the money went. Closes on tap. */
export function RedPacketPopup({ notice, onClose }: { notice: RedPacketNotice; onClose: () => void }) {
  return (
    <View className='red-packet-mask' onClick={onClose}>
      <View className='red-packet' onClick={(e) => e.stopPropagation()}>
        <Text className='red-packet__title'>{notice.title}</Text>
        <View className='red-packet__amount'>
          <Text className='red-packet__currency'>¥</Text>
          <Text className='red-packet__value'>{formatFen(notice.amountFen)}</Text>
        </View>
        <Text className='red-packet__caption'>{notice.caption}</Text>
        <Button className='btn red-packet__close' id='red-packet-close' onClick={onClose}>
          知道了
        </Button>
      </View>
    </View>
  );
}
