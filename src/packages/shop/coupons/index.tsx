import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { CouponTemplateJson } from '../../../../contract/commerce';
import { StateView } from '../../../components/StateView';
import { useCloudData } from '../../../hooks/useCloudData';
import { useRequestIds } from '../../../hooks/useRequestIds';
import { useSessionGate } from '../../../hooks/useSessionGate';
import { callFunction, toCloudError } from '../../../services/api';
import { pooledOrdersUrl, pooledOrderUrl, Routes } from '../../../routes';
import {
  claimStateOf,
  couponRule,
  couponStackNote,
  couponUseOf,
  couponYuan,
  stackMyCoupons,
  type CouponStack,
} from '../../../utils/coupons';
import { userMessage } from '../../../utils/errorMessage';
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

/** 去使用: to the pooled orders where the coupon can be used (see couponUseOf), or its state when it cannot. */
function CouponUseButton({ stack, groupIds }: { stack: CouponStack; groupIds: string[] | null }) {
  const use = groupIds ? couponUseOf(stack, groupIds) : null;
  const go = () => {
    if (!use) return;
    if (use.kind === 'pooled_order') void Taro.navigateTo({ url: pooledOrderUrl(use.pooledOrderId) });
    else if (use.kind === 'group') void Taro.navigateTo({ url: pooledOrdersUrl(use.groupId) });
    else {
      Taro.showToast({ title: '选一个小黑群，在「领券拼单」里使用', icon: 'none' });
      void Taro.switchTab({ url: Routes.groups });
    }
  };
  if (!use) {
    const label =
      stack.coupon.status === 'used'
        ? '已使用'
        : stack.expired
          ? '已过期'
          : stack.notYet
            ? '未到时间'
            : groupIds
              ? '加入小黑群后可用'
              : '…';
    return <Text className='muted coupon__status my-coupon-status'>{label}</Text>;
  }
  return (
    <Button className='btn btn--small btn--primary coupon-use my-coupon-use' onClick={go}>
      {use.kind === 'pooled_order' ? '查看拼单' : '去使用'}
    </Button>
  );
}

/**
 * The coupon centre (领券中心): the running campaign's coupons with stock and the caller's
 * holdings, and the coupons she holds (identical ones once with a count, each with its expiry and
 * a way to where it is used: a group's pooled orders). Claiming is idempotent per tap (requestId), so a retry
 * after a timeout never takes a second coupon.
 */
export default function CouponCentrePage() {
  const session = useSessionGate();
  const [tab, setTab] = useState<Tab>('claim');
  const offers = useCloudData(() => callFunction('listCoupons', {}), session.ready);
  const mine = useCloudData(() => callFunction('myCoupons', {}), session.ready && tab === 'mine', [tab]);
  // Where 去使用 leads depends on the shopper's groups: a coupon is used in a group's pooled order.
  const groups = useCloudData(() => callFunction('listMyGroups', {}), session.ready && tab === 'mine', [tab]);
  const requestIds = useRequestIds();
  const [claiming, setClaiming] = useState<string | null>(null);
  const [claimError, setClaimError] = useState<string | null>(null);

  usePullDownRefresh(() => {
    void (tab === 'claim' ? offers.reload() : mine.reload()).finally(() => Taro.stopPullDownRefresh());
  });

  const claim = async (template: CouponTemplateJson) => {
    // A coupon held to the limit or sold out cannot be claimed; its button is disabled too.
    if (claimStateOf(template) !== 'claimable' || claiming !== null) return;
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
                  className={`btn btn--small ${state === 'claimable' ? 'btn--primary' : 'claim-button--off'} claim-button`}
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
          {stackMyCoupons(mine.data?.coupons ?? [], Date.now()).map((stack) => (
            <View
              key={stack.key}
              className={`card coupon coupon--${stack.expired ? 'used' : stack.coupon.status} my-coupon`}
              id={`my-coupon-${stack.coupon.templateId}-${stack.coupon.status}`}
            >
              <CouponValue
                discountFen={stack.coupon.discountFen}
                thresholdFen={stack.coupon.thresholdFen}
                percentOff={stack.coupon.percentOff}
              />
              <View className='grow coupon__body'>
                <View className='row'>
                  <Text className='coupon__title'>{stack.coupon.title}</Text>
                  {stack.count > 1 && <Text className='coupon__count my-coupon-count'>×{stack.count}</Text>}
                </View>
                <Text className='hint'>{couponRule(stack.coupon)}</Text>
                <Text className='muted my-coupon-note'>{couponStackNote(stack)}</Text>
              </View>
              <CouponUseButton stack={stack} groupIds={groups.data?.groups.map((g) => g.groupId) ?? null} />
            </View>
          ))}
        </StateView>
      )}
    </View>
  );
}
