import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCloudData } from '../../hooks/useCloudData';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { callFunction } from '../../services/api';
import { campaignUrl } from '../../routes';
import { hostImageSrc } from '../../utils/hostImage';
import { DEFAULT_PRIMARY, pageColor } from '../../utils/pageColor';

/**
 * The running campaign's banner at the top of Messages, linking to its page. It shows only
 * while a campaign runs; any failure (none running, offline) just leaves it out, since
 * Messages works without it. Deliberately small: it lives in the main package.
 */
export function CampaignCard() {
  const campaign = useCloudData(() => callFunction('getCampaignPage', {}), true);
  useReloadOnShow(campaign.reload, true);

  const view = campaign.data;
  if (!view?.running || campaign.error) return null;
  const banner = hostImageSrc(view.page.bannerUrl);
  return (
    <View
      className='campaign-card'
      id='campaign-card'
      style={{ backgroundColor: pageColor(view.page.primaryColor, DEFAULT_PRIMARY) }}
      onClick={() => void Taro.navigateTo({ url: campaignUrl(view.slug) })}
    >
      {banner && <Image className='campaign-card__banner' src={banner} mode='widthFix' />}
      <View className='campaign-card__text'>
        <Text className='campaign-card__title'>{view.page.title}</Text>
        <Text className='campaign-card__more'>查看活动 ›</Text>
      </View>
    </View>
  );
}
