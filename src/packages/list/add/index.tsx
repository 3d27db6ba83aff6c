import { useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { ParamsOf } from '../../../../contract/functions';
import type { ProductJson, WishlistListName } from '../../../../contract/types';
import { StateView } from '../../../components/StateView';
import { useSessionGate } from '../../../hooks/useSessionGate';
import { callFunction, toCloudError } from '../../../services/api';
import { wishlistUrl } from '../../../routes';
import { userMessage } from '../../../utils/errorMessage';
import { LIST_TABS, listLabelOf, parseListName } from '../listNames';
import { useRequestIds } from '../../../hooks/useRequestIds';
import { CatalogPicker } from './CatalogPicker';
import { pastedParam } from './pastedText';
import '../chips.css';
import './index.css';

/** Same limit as the server's (WISHLIST_RULES.noteMaxLength), so the counter is honest. */
const NOTE_MAX_LENGTH = 200;

type Source = { link: string } | { shareCode: string } | { productId: string };

/** Back to the list, which reloads when shown; a deep-linked add page has nothing to go back to. */
function backToList(groupId: string, list: WishlistListName) {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.redirectTo({ url: wishlistUrl(groupId, list) });
}

export default function AddItemPage() {
  const params = useRouter().params;
  const groupId = params.groupId ?? '';
  const session = useSessionGate();
  const [list, setList] = useState<WishlistListName>(() => parseListName(params.list));
  const [pasted, setPasted] = useState('');
  const [note, setNote] = useState('');
  const [submitting, setSubmitting] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const requestIds = useRequestIds();

  /** Adds from one source; `key` names the intended add, so a retry of it reuses its requestId. */
  const add = async (key: string, source: Source) => {
    setSubmitting(key);
    setError(null);
    const intent = `${key}|${list}|${note}`;
    try {
      const request: ParamsOf<'addWishlistItem'> = { groupId, list, ...source, requestId: requestIds.idFor(intent) };
      if (note.trim()) request.note = note.trim();
      const { merged } = await callFunction('addWishlistItem', request);
      requestIds.done(intent);
      void Taro.showToast({ title: merged ? '清单里已有它，已帮你点了想要' : `已加入${listLabelOf(list)}`, icon: 'none' });
      backToList(groupId, list);
    } catch (e) {
      // The server's message says what it accepts (4010 includes an example link and code).
      setError(userMessage(toCloudError(e)));
    } finally {
      setSubmitting(null);
    }
  };

  const addPasted = () => {
    if (!pasted.trim()) {
      setError('先粘贴商品链接或淘口令');
      return;
    }
    void add(`paste:${pasted}`, pastedParam(pasted));
  };
  const addProduct = (product: ProductJson) => void add(`product:${product.productId}`, { productId: product.productId });

  return (
    <View className='page add-item-page'>
      <StateView
        loading={!session.ready}
        error={groupId ? session.error : '缺少群编号，请从共享清单进入'}
        hasData={session.ready && !!groupId}
        onRetry={session.retry}
      >
        <View className='card'>
          <Text className='label'>加入哪个清单</Text>
          <View className='row'>
            {LIST_TABS.map((tab) => (
              <Text
                key={tab.list}
                id={`add-list-${tab.list}`}
                className={`chip ${tab.list === list ? 'chip--on' : ''}`}
                onClick={() => setList(tab.list)}
              >
                {tab.label}
              </Text>
            ))}
          </View>
          <Text className='label add-item__label'>备注（可选）</Text>
          <Textarea
            className='input add-item__note'
            id='note-input'
            value={note}
            maxlength={NOTE_MAX_LENGTH}
            placeholder='比如：想要红色 M 码'
            onInput={(e) => setNote(e.detail.value)}
          />
        </View>

        <View className='card'>
          <Text className='card__title'>粘贴链接或淘口令</Text>
          <Input
            className='input'
            id='paste-input'
            value={pasted}
            placeholder='粘贴淘宝/天猫商品链接或淘口令'
            onInput={(e) => {
              setPasted(e.detail.value);
              setError(null);
            }}
          />
          {error && <Text className='error-text add-error'>{error}</Text>}
          <Button
            className='btn btn--primary'
            id='add-pasted-button'
            loading={submitting?.startsWith('paste:')}
            disabled={submitting !== null}
            onClick={addPasted}
          >
            加入{listLabelOf(list)}
          </Button>
        </View>

        <CatalogPicker
          enabled={session.ready && !!groupId}
          pickingId={submitting?.startsWith('product:') ? submitting.slice('product:'.length) : null}
          onPick={addProduct}
        />
      </StateView>
    </View>
  );
}
