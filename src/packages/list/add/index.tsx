import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { ParamsOf } from '../../../../contract/functions';
import type { ProductJson, WishlistListName } from '../../../../contract/types';
import { StateView } from '../../../components/StateView';
import { useSessionGate } from '../../../hooks/useSessionGate';
import { callFunction, toCloudError } from '../../../services/api';
import { currentUserId } from '../../../services/session';
import { wishlistUrl } from '../../../routes';
import { userMessage } from '../../../utils/errorMessage';
import { LIST_TABS, listLabelOf, parseListName } from '../listNames';
import { useRequestIds } from '../../../hooks/useRequestIds';
import { CatalogPicker } from './CatalogPicker';
import { addedMessage, pastedParam } from './pastedText';
import '../chips.css';
import './index.css';

/** Same limit as the server's (WISHLIST_RULES.noteMaxLength), so the counter is honest. */
const NOTE_MAX_LENGTH = 200;
/** Same limit as the server's (PASTE_MAX_LENGTH in its product-link rules). */
const PASTE_MAX_LENGTH = 2000;

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
      const reply = await callFunction('addWishlistItem', request);
      requestIds.done(intent);
      void Taro.showToast({ title: addedMessage(reply, currentUserId(), listLabelOf(list)), icon: 'none', duration: 2500 });
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
            placeholderClass='input-placeholder'
            placeholder='比如：想要红色 M 码'
            onInput={(e) => setNote(e.detail.value)}
          />
        </View>

        <View className='card'>
          <Text className='card__title'>粘贴链接或淘口令</Text>
          {/* Several lines: a share message as the Taobao app copies it keeps its line breaks. */}
          <Textarea
            className='input input--multiline add-item__paste'
            placeholderClass='input-placeholder'
            id='paste-input'
            value={pasted}
            maxlength={PASTE_MAX_LENGTH}
            placeholder='把淘宝/天猫「分享」复制的整段文字粘贴到这里，链接或淘口令都行'
            onInput={(e) => {
              setPasted(e.detail.value);
              setError(null);
            }}
          />
          <Text className='hint add-item__paste-hint'>例如：【淘宝】https://m.tb.cn/h.… 「宝贝标题」点击链接直接打开，或 ￥AbCd1234￥</Text>
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
