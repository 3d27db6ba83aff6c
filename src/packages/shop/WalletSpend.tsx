import { Text, View } from '@tarojs/components';
import { formatYuan } from '../../utils/money';
import { walletPartFen, walletSpendText } from '../../utils/paymentView';

interface Props {
  balanceFen: number;
  on: boolean;
  /** The amount about to be paid; null hides the sum (nothing to pay yet). */
  amountFen: number | null;
  disabled?: boolean;
  onToggle: () => void;
}

/**
 * The "用红包抵扣" switch: drawn with views rather than the platform switch, so it looks the same
 * everywhere, and says what is left to pay once it is on.
 */
export function WalletSpend({ balanceFen, on, amountFen, disabled, onToggle }: Props) {
  if (balanceFen <= 0) return null;
  return (
    <View className='wallet-spend'>
      <View
        className='row row--between wallet-spend__row'
        id='use-wallet'
        onClick={() => {
          if (!disabled) onToggle();
        }}
      >
        <Text>用红包抵扣（余额 {formatYuan(balanceFen)}）</Text>
        <View className={`toggle ${on ? 'toggle--on' : ''}`}>
          <View className='toggle__knob' />
        </View>
      </View>
      {on && amountFen !== null && (
        <Text className='hint wallet-spend__left'>{walletSpendText(amountFen, walletPartFen(balanceFen, amountFen))}</Text>
      )}
    </View>
  );
}
