import type { WishlistListName } from '../../contract/types';
import type { ProductRef } from '../domain/productLink';
import { firstRow, oneRow, type Queryable } from './store';

/** An item with what the list shows beside it: product facts, names, and the viewer's want. */
export interface ItemViewRow {
  id: string;
  seq: number;
  group_id: string;
  list: WishlistListName;
  ref_kind: 'item_id' | 'share_code' | 'short_link';
  /** The title the pasted share message gave in 「」, for an item not in the catalog. */
  pasted_title: string | null;
  item_ref: string;
  product_id: string | null;
  note: string;
  added_by: string;
  added_by_nickname: string;
  want_count: number;
  share_count: number;
  bought_by: string | null;
  bought_by_nickname: string | null;
  bought_at: Date | null;
  created_at: Date;
  removed_at: Date | null;
  title: string | null;
  shop_name: string | null;
  price_fen: number | null;
  image_url: string | null;
  wanted_by_me: boolean;
  last_share_id: string | null;
  last_shared_by: string | null;
  last_shared_by_nickname: string | null;
}

/**
 * Items as the viewer ($1, for wantedByMe) sees them. `rows` selects the wishlist_items rows
 * (parameters from $2 on); they are cut first and only then joined, because the embedded engine
 * never gathers statistics and its planner would otherwise join the whole list before the limit.
 */
function itemViewQuery(rows: string): string {
  return `
  select w.id, w.seq, w.group_id, w.list, w.ref_kind, w.item_ref, w.pasted_title, w.product_id, w.note,
         w.added_by, a.nickname as added_by_nickname, w.want_count, w.share_count,
         w.bought_by, b.nickname as bought_by_nickname, w.bought_at, w.created_at, w.removed_at,
         p.title, p.shop_name, p.price_fen, p.image_url,
         coalesce(x.active, false) as wanted_by_me,
         ls.id as last_share_id, ls.user_id as last_shared_by, lsu.nickname as last_shared_by_nickname
  from (${rows}) w
  left join lateral (
    select s.id, s.user_id from item_shares s where s.item_id = w.id and s.user_id <> $1 order by s.created_at desc, s.id desc limit 1
  ) ls on true
  left join users lsu on lsu.id = ls.user_id
  left join wishlist_wants x on x.item_id = w.id and x.user_id = $1
  join users a on a.id = w.added_by
  left join users b on b.id = w.bought_by
  left join products p on p.id = w.product_id
  order by w.seq desc`;
}

/** An item as `viewerId` sees it, removed ones included (callers decide what removal means). */
export async function findItemView(db: Queryable, itemId: string, viewerId: string): Promise<ItemViewRow | undefined> {
  return firstRow(await db.query<ItemViewRow>(itemViewQuery('select * from wishlist_items where id = $2'), [viewerId, itemId]));
}

/** An item known to exist (items are never deleted, only marked removed), as `viewerId` sees it. */
export async function itemView(db: Queryable, itemId: string, viewerId: string): Promise<ItemViewRow> {
  return oneRow(
    await db.query<ItemViewRow>(itemViewQuery('select * from wishlist_items where id = $2'), [viewerId, itemId]),
    `item ${itemId}`,
  );
}

/** An item with the members who want it (earliest first), as a member of its group sees it. */
export interface ItemDetailRow extends ItemViewRow {
  wanters: Array<{ userId: string; nickname: string }>;
}

/**
 * The product page's read, one statement: the item as `viewerId` sees it and who wants it.
 * Undefined when the item does not exist or the viewer is not a member of its group (the caller
 * tells those apart); removed items are returned (the caller decides).
 */
export async function findItemDetail(db: Queryable, itemId: string, viewerId: string): Promise<ItemDetailRow | undefined> {
  const view = itemViewQuery(
    `select * from wishlist_items i
     where id = $2 and exists (select 1 from group_members m where m.group_id = i.group_id and m.user_id = $1)`,
  );
  const rows = await db.query<ItemDetailRow>(
    `select v.*,
            (select coalesce(json_agg(json_build_object('userId', u.id, 'nickname', u.nickname) order by x.created_at, x.user_id), '[]')
             from wishlist_wants x join users u on u.id = x.user_id
             where x.item_id = v.id and x.active) as wanters
     from (${view}) v`,
    [viewerId, itemId],
  );
  return firstRow(rows);
}

/**
 * Newest first; `beforeSeq` is the cursor from the previous page. Returns one row more than asked.
 * Only for a member: when the viewer is not a member of the group (or it does not exist) the page
 * is empty, so that the common call is one statement; an empty page is for the caller to explain.
 */
export async function listItemViews(
  db: Queryable,
  filter: { groupId: string; viewerId: string; list?: WishlistListName; ownerId?: string; beforeSeq?: number; limit: number },
): Promise<ItemViewRow[]> {
  return db.query<ItemViewRow>(
    itemViewQuery(
      `select * from wishlist_items
       where group_id = $2 and removed_at is null
         and exists (select 1 from group_members m where m.group_id = $2 and m.user_id = $1)
         and ($3::text is null or list = $3)
         and ($4::text is null or added_by = $4)
         and ($5::bigint is null or seq < $5)
       order by seq desc limit $6`,
    ),
    [filter.viewerId, filter.groupId, filter.list ?? null, filter.ownerId ?? null, filter.beforeSeq ?? null, filter.limit + 1],
  );
}

export async function findAddRequest(
  db: Queryable,
  userId: string,
  requestId: string,
): Promise<{ itemId: string; merged: boolean } | undefined> {
  const rows = await db.query<{ item_id: string; merged: boolean }>(
    'select item_id, merged from wishlist_add_requests where user_id = $1 and request_id = $2',
    [userId, requestId],
  );
  const row = firstRow(rows);
  return row && { itemId: row.item_id, merged: row.merged };
}

export async function recordAddRequest(
  db: Queryable,
  request: { userId: string; requestId: string; itemId: string; merged: boolean; now: Date },
): Promise<void> {
  await db.query(
    `insert into wishlist_add_requests (user_id, request_id, item_id, merged, created_at) values ($1, $2, $3, $4, $5)
     on conflict (user_id, request_id) do nothing`,
    [request.userId, request.requestId, request.itemId, request.merged, request.now],
  );
}

export async function countLiveItems(db: Queryable, groupId: string): Promise<number> {
  const rows = await db.query<{ n: number }>('select count(*) as n from wishlist_items where group_id = $1 and removed_at is null', [
    groupId,
  ]);
  return oneRow(rows, 'count of live items').n;
}

export interface NewItem {
  id: string;
  groupId: string;
  list: WishlistListName;
  ref: ProductRef;
  productId: string | null;
  /** The 「」 title of the pasted share message, if it had one. */
  pastedTitle?: string | null;
  note: string;
  addedBy: string;
  now: Date;
}

function refColumns(ref: ProductRef): { kind: string; value: string } {
  if (ref.kind === 'item_id') return { kind: 'item_id', value: ref.itemId };
  return ref.kind === 'share_code' ? { kind: 'share_code', value: ref.code } : { kind: 'short_link', value: ref.token };
}

/**
 * The live entry for this product on this list (the group's, or `addedBy`'s Double 11 list). The
 * list is spelled out in each query so that the matching partial unique index serves it.
 */
export async function findLiveItemByRef(
  db: Queryable,
  item: Pick<NewItem, 'groupId' | 'list' | 'ref' | 'addedBy'>,
): Promise<string | undefined> {
  const { kind, value } = refColumns(item.ref);
  const rows =
    item.list === 'group'
      ? await db.query<{ id: string }>(
          `select id from wishlist_items
           where group_id = $1 and list = 'group' and ref_kind = $2 and item_ref = $3 and removed_at is null`,
          [item.groupId, kind, value],
        )
      : await db.query<{ id: string }>(
          `select id from wishlist_items
           where group_id = $1 and list = 'double11' and added_by = $4 and ref_kind = $2 and item_ref = $3 and removed_at is null`,
          [item.groupId, kind, value, item.addedBy],
        );
  return firstRow(rows)?.id;
}

/**
 * Inserts the entry unless the list already holds this product. The unique indexes, not a
 * prior look-up, decide: of several members adding the same product at once, one inserts and
 * the others get undefined and merge into that entry.
 */
export async function insertItemUnlessListed(db: Queryable, item: NewItem): Promise<string | undefined> {
  const { kind, value } = refColumns(item.ref);
  const conflict =
    item.list === 'group'
      ? `on conflict (group_id, ref_kind, item_ref) where list = 'group' and removed_at is null do nothing`
      : `on conflict (group_id, added_by, ref_kind, item_ref) where list = 'double11' and removed_at is null do nothing`;
  const rows = await db.query<{ id: string }>(
    `insert into wishlist_items (id, group_id, list, ref_kind, item_ref, product_id, pasted_title, note, added_by, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ${conflict} returning id`,
    [item.id, item.groupId, item.list, kind, value, item.productId, item.pastedTitle ?? null, item.note, item.addedBy, item.now],
  );
  return firstRow(rows)?.id;
}

/**
 * Turns a member's want on or off. Returns whether anything changed, and whether this was the
 * member's first want of the item ever (only that one goes to the feed, so toggling is not spam).
 */
export async function setWant(
  db: Queryable,
  itemId: string,
  userId: string,
  on: boolean,
  now: Date,
): Promise<{ changed: boolean; first: boolean }> {
  const rows = on
    ? await db.query<{ first: boolean }>(
        `insert into wishlist_wants (item_id, user_id, active, created_at) values ($1, $2, true, $3)
         on conflict (item_id, user_id) do update set active = true where wishlist_wants.active = false
         returning (xmax = 0) as first`,
        [itemId, userId, now],
      )
    : await db.query<{ first: boolean }>(
        'update wishlist_wants set active = false where item_id = $1 and user_id = $2 and active returning false as first',
        [itemId, userId],
      );
  if (rows.length === 0) return { changed: false, first: false };
  await db.query('update wishlist_items set want_count = want_count + $2 where id = $1', [itemId, on ? 1 : -1]);
  return { changed: true, first: oneRow(rows, 'the toggled want').first };
}

/** Marks an item bought; the first marker is kept. Returns whether this call marked it. */
export async function markItemBought(db: Queryable, itemId: string, userId: string, now: Date): Promise<boolean> {
  const rows = await db.query('update wishlist_items set bought_by = $2, bought_at = $3 where id = $1 and bought_by is null returning id', [
    itemId,
    userId,
    now,
  ]);
  return rows.length > 0;
}

/** Takes an item off its list. Rows stay (shares point at them); the unique indexes ignore them. */
/** Answers whether this call removed it (false: it was already off the list). */
export async function removeItem(db: Queryable, itemId: string, userId: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    'update wishlist_items set removed_at = $3, removed_by = $2 where id = $1 and removed_at is null returning id',
    [itemId, userId, now],
  );
  return rows.length > 0;
}

export interface ShareRow {
  id: string;
  group_id: string;
  item_id: string;
  user_id: string;
  request_id: string;
  created_at: Date;
}
