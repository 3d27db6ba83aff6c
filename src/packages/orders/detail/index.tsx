import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { MyOrderKind } from '../../../../contract/orders';
import { StateView } from '../../../components/StateView';
import { useCloudData } from '../../../hooks/useCloudData';
import { useReloadOnShow } from '../../../hooks/useReloadOnShow';
import { useSessionGate } from '../../../hooks/useSessionGate';
import { callFunction } from '../../../services/api';
import { groupBuyUrl, pooledOrderUrl } from '../../../routes';
import { formatYuan } from '../../../utils/money';
import { formatShortTime } from '../../../utils/time';
import { KIND_LABELS, groupBuyLine, moneyLine, nextStep, orderTitle, packetStatusLabel, pooledLine, stateView } from '../orderView';
import '../orders.css';

const KINDS: readonly string[] = ['checkout', 'pooled', 'group_buy'];
const PROVIDERS: Record<string, string> = { wechatpay: '微信支付', alipay: '支付宝', demo: '演示支付' };

/** One order of 我的订单: its lines, money, coupons, red packets, payment and refunds. */
export default function OrderDetailPage() {
  const params = useRouter().params;
  const kind = (KINDS.includes(params.kind ?? '') ? params.kind : null) as MyOrderKind | null;
  const id = params.id ?? '';
  const session = useSessionGate();
  const detail = useCloudData(() => callFunction('getMyOrder', { kind: kind!, id }), session.ready && !!kind && !!id, [kind, id]);
  useReloadOnShow(detail.reload, session.ready && !!kind && !!id);
  usePullDownRefresh(() => {
    void detail.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const order = detail.data?.order;
  const state = order ? stateView(order) : null;
  const step = order ? nextStep(order) : null;
  const goNext = () => {
    if (!order || !step) return;
    void Taro.navigateTo({ url: step.target === 'pooled' ? pooledOrderUrl(order.id) : groupBuyUrl(order.id) });
  };

  return (
    <View className='page order-detail-page'>
      <StateView
        loading={!session.ready || detail.loading}
        error={kind && id ? (session.error ?? detail.error) : '缺少订单编号，请从我的订单进入'}
        hasData={!!order}
        onRetry={session.error ? session.retry : detail.reload}
      >
        {order && state && (
          <>
            <View className='card order-row'>
              <View className='row row--between order-row__head'>
                <View className='row grow'>
                  <Text className='order-kind'>{KIND_LABELS[order.kind]}</Text>
                  <Text className='order-title'>{orderTitle(order)}</Text>
                </View>
                <Text className={`order-state order-state--${state.tone}`} id='order-state'>
                  {state.label}
                </Text>
              </View>
              <Text className='order-money' id='order-money'>
                {moneyLine(order)}
              </Text>
              {order.pooledOrder && <Text className='muted order-meta'>拼单：{pooledLine(order.pooledOrder)}</Text>}
              {order.groupBuy && <Text className='muted order-meta'>拼团：{groupBuyLine(order.groupBuy)}</Text>}
              <Text className='muted order-meta'>
                {formatShortTime(order.createdAt)}
                {order.groupName ? ` · ${order.groupName}` : ''}
              </Text>
              {step && (
                <Button className='btn btn--primary' id='order-next' onClick={goNext}>
                  {step.label}
                </Button>
              )}
            </View>

            <View className='card'>
              <Text className='card__title'>商品</Text>
              {order.lines.map((line, index) => (
                <View key={`${line.productId}-${index}`} className='order-line'>
                  <View className='row row--between'>
                    <Text className='grow'>{line.title}</Text>
                    <Text>
                      {formatYuan(line.unitPriceFen)} × {line.qty}
                    </Text>
                  </View>
                  <Text className='muted order-meta'>
                    实付 {formatYuan(line.paidFen)}
                    {line.refundedQty > 0 ? ` · 已退 ${line.refundedQty} 件` : ''}
                    {line.sharedBy ? ` · 来自 ${line.sharedBy.nickname || '群友'} 的分享` : ''}
                  </Text>
                </View>
              ))}
            </View>

            {order.coupons.length > 0 && (
              <View className='card' id='order-coupons'>
                <Text className='card__title'>用到的优惠券</Text>
                {order.coupons.map((coupon) => (
                  <View key={coupon.couponId} className='row row--between order-fact'>
                    <Text>{coupon.title}</Text>
                    <Text className='muted'>{coupon.holderNickname} 的券</Text>
                  </View>
                ))}
              </View>
            )}

            <View className='card' id='order-packets'>
              <Text className='card__title'>购买红包</Text>
              {order.redPackets.length === 0 ? (
                <Text className='muted'>这笔订单没有赢得购买红包（通过群友的分享购买才有）</Text>
              ) : (
                order.redPackets.map((packet) => (
                  <View key={packet.redPacketId} className='row row--between order-fact'>
                    <Text className='order-packet'>{formatYuan(packet.amountFen)}</Text>
                    <Text className='muted'>
                      {packetStatusLabel(packet.status)}
                      {packet.status === 'pending' && packet.unlocksAt ? ` · ${formatShortTime(packet.unlocksAt)} 解锁` : ''}
                    </Text>
                  </View>
                ))
              )}
            </View>

            {order.payment && (
              <View className='card' id='order-payment'>
                <Text className='card__title'>支付</Text>
                <View className='row row--between order-fact'>
                  <Text>{PROVIDERS[order.payment.provider] ?? order.payment.provider}</Text>
                  <Text>{formatYuan(order.payment.amountFen)}</Text>
                </View>
                {order.payment.walletFen > 0 && (
                  <View className='row row--between order-fact'>
                    <Text>红包余额抵扣</Text>
                    <Text>{formatYuan(order.payment.walletFen)}</Text>
                  </View>
                )}
                {order.payment.refundedFen > 0 && (
                  <View className='row row--between order-fact'>
                    <Text>已退回</Text>
                    <Text>{formatYuan(order.payment.refundedFen)}</Text>
                  </View>
                )}
              </View>
            )}

            {order.refunds.length > 0 && (
              <View className='card' id='order-refunds'>
                <Text className='card__title'>退款记录</Text>
                {order.refunds.map((refund, index) => (
                  <View key={index} className='row row--between order-fact'>
                    <Text className='muted'>{formatShortTime(refund.createdAt)}</Text>
                    <Text>{formatYuan(refund.amountFen)}</Text>
                  </View>
                ))}
              </View>
            )}
          </>
        )}
      </StateView>
    </View>
  );
}
