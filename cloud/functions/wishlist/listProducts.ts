import { z } from 'zod';
import { ITEM_ID_PATTERN } from '../../domain/productLink';
import { WISHLIST_RULES } from '../../domain/wishlistRules';
import { listProducts as queryProducts } from '../../store/products';
import { defineFunction } from '../define';
import { productJson } from './json';
import { wishlistFields } from './params';

/** The catalog, for any logged-in user: search by title or shop, filter by category, page by cursor. */
export const listProducts = defineFunction({
  name: 'listProducts',
  access: 'user',
  params: z
    .object({
      query: z
        .string({ invalid_type_error: 'query must be a string' })
        .trim()
        .max(WISHLIST_RULES.searchQueryMaxLength, `query 最多 ${WISHLIST_RULES.searchQueryMaxLength} 个字`)
        .optional(),
      category: z.string({ invalid_type_error: 'category must be a string' }).trim().max(20, 'category 最多 20 个字').optional(),
      cursor: z.string().regex(ITEM_ID_PATTERN, 'cursor must be the nextCursor from an earlier listProducts reply').optional(),
      limit: wishlistFields.limit.optional(),
    })
    .strict(),
  handler: async (ctx, { query, category, cursor, limit }) => {
    const pageSize = limit ?? WISHLIST_RULES.pageSizeDefault;
    const rows = await queryProducts(ctx.store, {
      query: query || undefined,
      category: category || undefined,
      afterId: cursor,
      limit: pageSize,
    });
    const page = rows.slice(0, pageSize);
    return { products: page.map(productJson), nextCursor: rows.length > pageSize ? page[page.length - 1]!.id : null };
  },
});
