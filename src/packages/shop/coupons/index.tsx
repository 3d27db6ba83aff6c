import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { CouponTemplateJson } from '../../../../contract/commerce';
import { StateView } from '../../../components/StateView';
import { useCloudData } from '../../../hooks/useCloudData';
import { useRequestIds } from '../../../hooks/useRequestIds';
import { useSessionGate } from '../../../hooks/useSessionGate';
import { callFunction, toCloudError } from '../../../services/api';
import { claimStateOf, couponRule, couponYuan, heldCouponState, HELD_COUPON_LABELS, sortMyCoupons } from '../../../utils/coupons';
import { userMessage } from '../../../utils/errorMessage';
import { formatShortTime } from '../../../utils/time';
import '../shop.css';
import './index.css';

type Tab = 'claim' | 'mine';

const CLAIM_LABELS = { claimable: '立即领取', held_max: '已领取', sold_out: '已抢光' } as const;

/** The big number on a coupon's left: what it takes off, and from what amount. */
function CouponValue({ discountFen, thresholdFen, percentOff }: { discountFen: number; thresholdFen: number; percentOff: number | null }) {
  if (percentOff !== null)
    return (
      <View className='coupon__value'>
        <Text className='coupon__discount'>{(100 - percentOff) / 10}折</Text>
        <Text className='coupon__threshold'>全场可用</Text>
      </View>
    );
  return (
    <View className='coupon__value'>
      <Text className='coupon__discount'>{couponYuan(discountFen)}</Text>
      <Text className='coupon__threshold'>满{couponYuan(thresholdFen)}可用</Text>
    </View>
  );
}

/**
 * The coupon centre (领券中心): the running campaign's coupons with stock and the caller's
 * holdings, and the coupons she holds. Claiming is idempotent per tap (requestId), so a retry
 * after a timeout never takes a second coupon.
 */
export default function CouponCentrePage() {
  const session = useSessionGate();
  const [tab, setTab] = useState<Tab>('claim');
  const offers = useCloudData(() => callFunction('listCoupons', {}), session.ready);
  const mine = useCloudData(() => callFunction('myCoupons', {}), session.ready && tab === 'mine', [tab]);
  const requestIds = useRequestIds();
  const [claiming, setClaiming] = useState<string | null>(null);
  const [claimError, setClaimError] = useState<string | null>(null);

  usePullDownRefresh(() => {
    void (tab === 'claim' ? offers.reload() : mine.reload()).finally(() => Taro.stopPullDownRefresh());
  });

  const claim = async (template: CouponTemplateJson) => {
    const key = `claim:${template.templateId}`;
    setClaiming(template.templateId);
    setClaimError(null);
    try {
      await callFunction('claimCoupon', { templateId: template.templateId, requestId: requestIds.idFor(key) });
      requestIds.done(key);
      Taro.showToast({ title: '领取成功', icon: 'success' });
    } catch (e) {
      setClaimError(`${template.title}：${userMessage(toCloudError(e))}`);
    } finally {
      setClaiming(null);
      // Stock and holdings changed either way (someone may have taken the last one).
      void offers.reload();
    }
  };

  const coupons = offers.data?.coupons ?? [];
  return (
    <View className='page coupon-page'>
      <View className='tabs'>
        <Text className={`tabs__tab ${tab === 'claim' ? 'tabs__tab--on' : ''}`} id='tab-claim' onClick={() => setTab('claim')}>
          领券
        </Text>
        <Text className={`tabs__tab ${tab === 'mine' ? 'tabs__tab--on' : ''}`} id='tab-mine' onClick={() => setTab('mine')}>
          我的券
        </Text>
      </View>

      {tab === 'claim' && (
        <StateView
          loading={!session.ready || offers.loading}
          error={session.error ?? offers.error}
          hasData={!!offers.data}
          empty={!!offers.data && coupons.length === 0}
          emptyTitle={offers.data?.campaignId ? '这期活动没有优惠券' : '现在没有进行中的活动'}
          emptyHint='活动开始后，这里会有跨店满减券和店铺券'
          onRetry={session.error ? session.retry : offers.reload}
        >
          {claimError && <Text className='error-text card claim-error'>{claimError}</Text>}
          {coupons.map((coupon) => {
            const state = claimStateOf(coupon);
            return (
              <View key={coupon.templateId} className={`card coupon coupon--${coupon.kind}`} id={`coupon-${coupon.templateId}`}>
                <CouponValue discountFen={coupon.discountFen} thresholdFen={coupon.thresholdFen} percentOff={coupon.percentOff} />
                <View className='grow coupon__body'>
                  <Text className='coupon__title'>{coupon.title}</Text>
                  <Text className='hint coupon-rule'>{couponRule(coupon)}</Text>
                  <View className='stock'>
                    <View
                      className='stock__fill'
                      style={{ width: `${Math.round((coupon.stockLeft * 100) / Math.max(1, coupon.stockTotal))}%` }}
                    />
                  </View>
                  <Text className='muted coupon-stock'>
                    剩余 {coupon.stockLeft}/{coupon.stockTotal} · 每人限领 {coupon.perUserLimit} 张 · 已领 {coupon.heldCount} 张
                  </Text>
                </View>
                <Button
                  className={`btn btn--small ${state === 'claimable' ? 'btn--primary' : ''} claim-button`}
                  disabled={state !== 'claimable' || claiming !== null}
                  loading={claiming === coupon.templateId}
                  onClick={() => void claim(coupon)}
                >
                  {CLAIM_LABELS[state]}
                </Button>
              </View>
            );
          })}
          {coupons.length > 0 && <Text className='hint card'>跨店券在小黑群里「领券拼单」最划算：大家的商品凑在一起更容易满额。</Text>}
        </StateView>
      )}

      {tab === 'mine' && (
        <StateView
          loading={!session.ready || mine.loading}
          error={session.error ?? mine.error}
          hasData={!!mine.data}
          empty={!!mine.data && mine.data.coupons.length === 0}
          emptyTitle='你还没有领券'
          emptyHint='到「领券」里挑几张吧'
          onRetry={session.error ? session.retry : mine.reload}
        >
          {sortMyCoupons(mine.data?.coupons ?? []).map((coupon) => {
            const state = heldCouponState(coupon, Date.now());
            return (
              <View key={coupon.couponId} className={`card coupon coupon--${coupon.status} my-coupon`}>
                <CouponValue discountFen={coupon.discountFen} thresholdFen={coupon.thresholdFen} percentOff={coupon.percentOff} />
                <View className='grow coupon__body'>
                  <Text className='coupon__title'>{coupon.title}</Text>
                  <Text className='hint'>{couponRule(coupon)}</Text>
                  <Text className='muted'>
                    {formatShortTime(coupon.claimedAt)} 领取{coupon.expiresAt ? ` · ${formatShortTime(coupon.expiresAt)} 到期` : ''}
                  </Text>
                </View>
                <Text className={`coupon__status my-coupon-status ${state === 'available' ? 'success-text' : 'muted'}`}>
                  {HELD_COUPON_LABELS[state]}
                </Text>
              </View>
            );
          })}
        </StateView>
      )}
    </View>
  );
}
