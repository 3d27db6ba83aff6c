import { Text, View } from '@tarojs/components';
import { formatYuan } from '../../../utils/money';
import type { MemberMoney } from '../pooledView';

const PAYMENT_TEXT = { due: '待付款', paid: '已付款', refunded: '已退款', void: '未付' } as const;

/**
 * Who pays and saves what. Each member's saving is the discount allocated to her lines; below
 * it, what she would have saved on her own and her Shapley share of the group's discount, so
 * she sees what pooling adds for her.
 */
export function MoneyTable({ rows, myUserId }: { rows: MemberMoney[]; myUserId: string | null }) {
  return (
    <View className='money-table'>
      <View className='money-table__row money-table__row--head'>
        <Text className='money-table__name'>成员</Text>
        <Text className='money-table__cell'>商品</Text>
        <Text className='money-table__cell'>省</Text>
        <Text className='money-table__cell'>应付</Text>
      </View>
      {rows.map((row) => (
        <View key={row.userId} className={`member-money ${row.userId === myUserId ? 'member-money--me' : ''}`} id={`member-money-${row.userId}`}>
          <View className='money-table__row'>
            <Text className='money-table__name'>
              {row.nickname}
              {row.userId === myUserId ? '（我）' : ''}
            </Text>
            <Text className='money-table__cell'>{formatYuan(row.amountFen)}</Text>
            <Text className='money-table__cell saving member-saving'>{formatYuan(row.discountFen)}</Text>
            <Text className='money-table__cell member-pay'>{formatYuan(row.payFen)}</Text>
          </View>
          <Text className='muted member-money__fair'>
            {row.standaloneDiscountFen !== null ? `自己单独下单能省 ${formatYuan(row.standaloneDiscountFen)}` : ''}
            {row.shapleyDiscountFen !== null ? ` · 公平分成（Shapley）${formatYuan(row.shapleyDiscountFen)}` : ''}
            {row.payment ? ` · ${PAYMENT_TEXT[row.payment]}` : ''}
          </Text>
        </View>
      ))}
    </View>
  );
}
