import { Text, View } from '@tarojs/components';
import type { PooledOrderView } from '../../../../contract/commerce';
import { formatYuan } from '../../../utils/money';

/**
 * The planner's answer: how the lines are split into orders, which coupons each order uses, and
 * the total saved. A heuristic plan (large carts) says how far from the best it can be at most.
 */
export function PlanCard({ view }: { view: PooledOrderView }) {
  const { plan, planError } = view;
  if (planError) return <Text className='error-text plan-error'>暂时算不出方案：{planError.message}</Text>;
  if (!plan) return <Text className='muted'>还没有商品。把清单里想买的加进来，系统会算出最省的拆单和用券方案。</Text>;
  const titles = new Map(
    view.members.flatMap((m) => m.lines.map((l) => [l.lineId, `${m.nickname}：${l.title}${l.qty > 1 ? ` ×${l.qty}` : ''}`] as const)),
  );
  const coupons = new Map(view.planCoupons.map((c) => [c.couponId, `${c.holderNickname}的「${c.title}」`]));
  return (
    <View className='plan'>
      <View className='row plan__totals'>
        <View className='grow'>
          <Text className='muted'>商品合计</Text>
          <Text className='plan__amount plan-total'>{formatYuan(plan.totalAmountFen)}</Text>
        </View>
        <View className='grow'>
          <Text className='muted'>一起省</Text>
          <Text className='plan__amount plan__amount--saving plan-saving'>{formatYuan(plan.totalDiscountFen)}</Text>
        </View>
        <View className='grow'>
          <Text className='muted'>实付</Text>
          <Text className='plan__amount'>{formatYuan(plan.totalAmountFen - plan.totalDiscountFen)}</Text>
        </View>
      </View>
      {!plan.exact && <Text className='hint'>商品较多，用的是快速方案；最优方案最多能省 {formatYuan(plan.upperBoundFen)}。</Text>}
      {plan.totalDiscountFen === 0 && <Text className='error-text plan-no-saving'>还没凑够任何券的门槛：再加点商品，或先去领券。</Text>}
      {plan.orders.map((order, index) => {
        const used = [order.crossStoreCouponId, ...order.shopCouponIds].filter((id): id is string => !!id);
        return (
          <View key={order.orderId} className='plan__order plan-order'>
            <View className='row row--between'>
              <Text className='plan__order-title'>订单 {index + 1}</Text>
              <Text>
                {formatYuan(order.amountFen)}
                {order.discountFen > 0 && <Text className='saving'> −{formatYuan(order.discountFen)}</Text>}
              </Text>
            </View>
            {order.lineIds.map((lineId) => (
              <Text key={lineId} className='muted plan__line'>
                {titles.get(lineId) ?? lineId}
              </Text>
            ))}
            {used.length > 0 && (
              <Text className='hint plan__coupons'>用券：{used.map((id) => coupons.get(id) ?? '优惠券').join('、')}</Text>
            )}
          </View>
        );
      })}
    </View>
  );
}
