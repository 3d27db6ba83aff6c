import { Text, View } from '@tarojs/components';
import { formatYuan } from '../../../utils/money';
import { memberNote, type MemberMoney } from '../pooledView';

/**
 * Who pays and saves what. Each member's saving is one number, the discount allocated to her
 * lines (taken off what she pays); below it, what she would have saved on her own, so she sees
 * what pooling adds for her.
 */
export function MoneyTable({ rows, myUserId }: { rows: MemberMoney[]; myUserId: string | null }) {
  return (
    <View className='money-table'>
      <View className='money-table__row money-table__row--head'>
        <Text className='money-table__name'>成员</Text>
        <Text className='money-table__cell'>商品</Text>
        <Text className='money-table__cell'>一起拼省</Text>
        <Text className='money-table__cell'>应付</Text>
      </View>
      {rows.map((row) => (
        <View
          key={row.userId}
          className={`member-money ${row.userId === myUserId ? 'member-money--me' : ''}`}
          id={`member-money-${row.userId}`}
        >
          <View className='money-table__row'>
            <Text className='money-table__name'>
              {row.nickname}
              {row.userId === myUserId ? '（我）' : ''}
            </Text>
            <Text className='money-table__cell'>{formatYuan(row.amountFen)}</Text>
            <Text className='money-table__cell saving member-saving'>{formatYuan(row.discountFen)}</Text>
            <Text className='money-table__cell member-pay'>{formatYuan(row.payFen)}</Text>
          </View>
          <Text className='muted member-money__fair'>{memberNote(row)}</Text>
        </View>
      ))}
    </View>
  );
}
