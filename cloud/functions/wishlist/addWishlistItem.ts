import { z } from 'zod';
import { ErrorCode } from '../../../contract/errors';
import { ITEM_ID_PATTERN, PASTE_MAX_LENGTH, parseProductPaste, type ProductRef } from '../../domain/productLink';
import { WISHLIST_RULES } from '../../domain/wishlistRules';
import { CloudError, notFound } from '../../errors';
import { newObjectId } from '../../ids';
import { appendItemEvent } from '../../store/feed';
import { findProduct, findProductByShareCode, type ProductRow } from '../../store/products';
import type { Queryable } from '../../store/store';
import {
  countLiveItems,
  findAddRequest,
  findItemView,
  findLiveItemByRef,
  insertItemUnlessListed,
  itemView,
  recordAddRequest,
  setWant,
} from '../../store/wishlist';
import { defineFunction } from '../define';
import { assertNotDissolved, memberGroup } from '../groups/access';
import { fields } from '../validation';
import { itemEventData } from './itemAccess';
import { itemJson } from './json';
import { wishlistFields } from './params';

// Control characters and zero-width characters make notes that look blank or deceive.
const INVISIBLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff]/u;

const pasted = (name: string) =>
  z
    .string({ invalid_type_error: `${name} must be a string` })
    .max(PASTE_MAX_LENGTH, `${name} 最多 ${PASTE_MAX_LENGTH} 个字，请只粘贴商品链接或淘口令`);

const params = z
  .object({
    groupId: fields.objectId('groupId'),
    link: pasted('link').optional(),
    shareCode: pasted('shareCode').optional(),
    productId: z.string().regex(ITEM_ID_PATTERN, 'productId must be a productId from listProducts').optional(),
    list: wishlistFields.list.optional(),
    note: z
      .string({ invalid_type_error: 'note must be a string' })
      .trim()
      .refine((note) => [...note].length <= WISHLIST_RULES.noteMaxLength, `note 最多 ${WISHLIST_RULES.noteMaxLength} 个字`)
      .refine((note) => !INVISIBLE.test(note), 'note 不能包含不可见字符')
      .optional(),
    requestId: fields.requestId,
  })
  .strict()
  .superRefine((value, ctx) => {
    const given = [value.link, value.shareCode, value.productId].filter((v) => v !== undefined).length;
    if (given !== 1) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['link'],
        message: '请只给出 link、shareCode、productId 中的一个（exactly one of them）',
      });
    }
  });

/**
 * What the caller wants to add: a catalog pick, or pasted text read by the product-link rules.
 * A share code the catalog knows becomes its item id, so a code and a link of one product merge.
 */
async function resolveProduct(
  db: Queryable,
  input: { link?: string; shareCode?: string; productId?: string },
): Promise<{ ref: ProductRef; product: ProductRow | undefined; title: string | null }> {
  if (input.productId !== undefined) {
    const product = await findProduct(db, input.productId);
    if (!product) throw notFound('商品库里没有这件商品，请从商品列表重新选择（product not found）');
    return { ref: { kind: 'item_id', itemId: product.id, platform: 'taobao' }, product, title: null };
  }
  const parsed = parseProductPaste(input.link ?? input.shareCode ?? '');
  if (!parsed.ok) throw new CloudError(ErrorCode.LINK_NOT_RECOGNISED, parsed.message);
  const { ref } = parsed;
  const title = parsed.title ?? null;
  if (ref.kind === 'item_id') return { ref, product: await findProduct(db, ref.itemId), title };
  if (ref.kind === 'short_link') return { ref, product: undefined, title };
  const product = await findProductByShareCode(db, ref.code);
  return product
    ? { ref: { kind: 'item_id', itemId: product.id, platform: 'taobao' }, product, title }
    : { ref, product: undefined, title };
}

/**
 * Adds a product to the group's list or to the caller's Double 11 list. Idempotent by requestId.
 * The same product twice on one list is one entry: a groupmate's second add merges into it and
 * counts as a want. Order of failures: 142, 101/119 group, 101 dissolved, 4010, 101 product, 4008.
 */
export const addWishlistItem = defineFunction({
  name: 'addWishlistItem',
  access: 'user',
  params,
  handler: async (ctx, input) => {
    const now = ctx.clock.now();
    const user = ctx.user;
    const list = input.list ?? 'group';
    const outcome = await ctx.store.transaction(async (tx) => {
      // The group row stays locked until commit: adds in one group queue, so the item limit is
      // counted without a race. Merging does not rely on it: the unique indexes decide that.
      const { group } = await memberGroup(tx, input.groupId, user.id, { lock: true });
      assertNotDissolved(group);
      const earlier = await findAddRequest(tx, user.id, input.requestId);
      if (earlier) return earlier;

      const { ref, product, title } = await resolveProduct(tx, input);
      const target = { groupId: group.id, list, ref, addedBy: user.id };
      let itemId = await findLiveItemByRef(tx, target);
      if (!itemId) {
        const live = await countLiveItems(tx, group.id);
        if (live >= WISHLIST_RULES.maxItemsPerGroup) {
          throw new CloudError(
            ErrorCode.USER_LIMIT,
            `这个小黑群的清单已有 ${WISHLIST_RULES.maxItemsPerGroup} 件宝贝，先移除一些已买或不想要的再添加吧`,
          );
        }
        itemId = await insertItemUnlessListed(tx, {
          ...target,
          id: newObjectId(),
          productId: product?.id ?? null,
          pastedTitle: product ? null : title,
          note: input.note ?? '',
          now,
        });
        if (itemId) {
          const added = await itemView(tx, itemId, user.id);
          await appendItemEvent(tx, {
            groupId: group.id,
            type: 'item_added',
            actorId: user.id,
            addedBy: user.id,
            data: itemEventData(added),
            now,
          });
          await recordAddRequest(tx, { userId: user.id, requestId: input.requestId, itemId, merged: false, now });
          return { itemId, merged: false };
        }
        // Another transaction listed it first (possible only without the group lock): merge below.
        itemId = (await findLiveItemByRef(tx, target))!;
      }

      // Merging: a groupmate adding a listed product wants it too. The caller's note is not
      // applied: the entry keeps the words of the member who listed it.
      const existing = await itemView(tx, itemId, user.id);
      if (existing.added_by !== user.id) {
        const want = await setWant(tx, itemId, user.id, true, now);
        if (want.first) {
          await appendItemEvent(tx, {
            groupId: group.id,
            type: 'item_wanted',
            actorId: user.id,
            addedBy: existing.added_by,
            data: itemEventData(existing),
            now,
          });
        }
      }
      await recordAddRequest(tx, { userId: user.id, requestId: input.requestId, itemId, merged: true, now });
      return { itemId, merged: true };
    });

    const item = await findItemView(ctx.store, outcome.itemId, user.id);
    if (!item || item.removed_at) throw notFound('这件宝贝已被移出清单，请重新添加（item removed since this request）');
    return { item: itemJson(item), merged: outcome.merged };
  },
});
