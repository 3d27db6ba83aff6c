import { useState } from 'react';
import { Button, Image, Input, Text, View } from '@tarojs/components';
import type { ProductJson } from '../../../../contract/types';
import { userMessage } from '../../../utils/errorMessage';
import { formatYuan } from '../../../utils/money';
import { hostImageSrc } from '../../../utils/hostImage';
import { useCatalog } from './useCatalog';

/**
 * The demo catalog's categories. The contract has no call that lists categories, so the
 * filter offers these; searching by words works for any catalog.
 */
const CATEGORIES = ['美妆护肤', '服饰鞋包', '零食饮品', '数码家电', '家居日用', '母婴玩具', '运动户外', '个护清洁'];

interface Props {
  enabled: boolean;
  /** The product being added right now, if any. */
  pickingId: string | null;
  onPick: (product: ProductJson) => void;
}

/** Browse or search the catalog and pick a product to add. */
export function CatalogPicker({ enabled, pickingId, onPick }: Props) {
  const catalog = useCatalog(enabled);
  const [query, setQuery] = useState('');

  return (
    <View className='card catalog'>
      <Text className='card__title'>从商品库挑选</Text>
      <View className='row catalog__search'>
        <Input
          className='input grow'
          id='catalog-search-input'
          placeholder='搜索商品或店铺'
          value={query}
          confirmType='search'
          onInput={(e) => setQuery(e.detail.value)}
          onConfirm={() => catalog.search(query, catalog.filter.category)}
        />
        <Button
          className='btn btn--small catalog__search-button'
          id='catalog-search'
          onClick={() => catalog.search(query, catalog.filter.category)}
        >
          搜索
        </Button>
      </View>
      <View className='row catalog__categories'>
        {['', ...CATEGORIES].map((category) => (
          <Text
            key={category || 'all'}
            className={`chip ${catalog.filter.category === category ? 'chip--on' : ''}`}
            onClick={() => catalog.search(query, category)}
          >
            {category || '全部'}
          </Text>
        ))}
      </View>

      {catalog.error && <Text className='error-text catalog-error'>{userMessage(catalog.error)}</Text>}
      {catalog.error && !catalog.loaded && (
        <Button className='btn btn--small' onClick={() => void catalog.retry()}>
          重试
        </Button>
      )}
      {!catalog.loaded && !catalog.error && <Text className='muted'>加载中…</Text>}
      {catalog.loaded && catalog.products.length === 0 && <Text className='muted catalog-empty'>没有找到相关商品，换个词试试</Text>}

      {catalog.products.map((product) => {
        const image = hostImageSrc(product.imageUrl);
        return (
          <View key={product.productId} className='row catalog-product' id={`product-${product.productId}`}>
            {image && <Image className='catalog-product__image' src={image} mode='aspectFill' />}
            <View className='grow catalog-product__body'>
              <Text className='catalog-product__title'>{product.title}</Text>
              <Text className='muted'>{product.shopName}</Text>
              <Text className='catalog-product__price'>{formatYuan(product.priceFen)}</Text>
            </View>
            <Text className='chip chip--primary catalog-product__pick' onClick={() => !pickingId && onPick(product)}>
              {pickingId === product.productId ? '…' : '加入'}
            </Text>
          </View>
        );
      })}
      {catalog.hasMore && (
        <Button className='btn' id='catalog-more' loading={catalog.loading} onClick={() => void catalog.loadMore()}>
          加载更多商品
        </Button>
      )}
    </View>
  );
}
