import { Button, Text, View } from '@tarojs/components';
import type { PooledLineJson } from '../../../../contract/commerce';
import type { WishlistItemJson } from '../../../../contract/types';
import { formatYuan } from '../../../utils/money';

interface Props {
  items: WishlistItemJson[] | null;
  myLines: PooledLineJson[];
  busyKey: string | null;
  onSetQty: (itemId: string, qty: number) => void;
  onRemove: (lineId: string) => void;
}

/**
 * The group's shared list as a menu: each catalog item with the quantity the viewer has in the
 * pooled order, and − / + to change it. Items that are not in the catalog have no price, so they
 * cannot be pooled and are not offered.
 */
export function AddLines({ items, myLines, busyKey, onSetQty, onRemove }: Props) {
  if (!items) return <Text className='muted'>加载清单中…</Text>;
  const poolable = items.filter((item) => item.productId && item.priceFen);
  if (poolable.length === 0) return <Text className='muted'>群清单里还没有能拼单的商品，先去清单加几件吧。</Text>;
  return (
    <View>
      {poolable.map((item) => {
        const line = myLines.find((l) => l.itemId === item.itemId);
        const busy = busyKey === item.itemId;
        return (
          <View key={item.itemId} className='row pool-item' id={`pool-item-${item.itemId}`}>
            <View className='grow'>
              <Text className='pool-item__title'>{item.title}</Text>
              <Text className='muted'>
                {item.shopName} · {formatYuan(item.priceFen!)}
              </Text>
            </View>
            {line ? (
              <View className='row stepper'>
                <Button
                  className='btn btn--small stepper__button pool-item-minus'
                  disabled={busyKey !== null}
                  onClick={() => (line.qty > 1 ? onSetQty(item.itemId, line.qty - 1) : onRemove(line.lineId))}
                >
                  −
                </Button>
                <Text className='stepper__qty pool-item-qty'>{busy ? '…' : line.qty}</Text>
                <Button
                  className='btn btn--small stepper__button pool-item-plus'
                  disabled={busyKey !== null}
                  onClick={() => onSetQty(item.itemId, line.qty + 1)}
                >
                  +
                </Button>
              </View>
            ) : (
              <Button
                className='btn btn--small btn--primary pool-item-add'
                loading={busy}
                disabled={busyKey !== null}
                onClick={() => onSetQty(item.itemId, 1)}
              >
                加入拼单
              </Button>
            )}
          </View>
        );
      })}
    </View>
  );
}
