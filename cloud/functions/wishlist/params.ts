import { z } from 'zod';
import { WISHLIST_RULES } from '../../domain/wishlistRules';
import { fields } from '../validation';

/** Field rules shared by the shared-list functions. */
export const wishlistFields = {
  itemId: fields.objectId('itemId'),
  list: z.enum(['group', 'double11'], { errorMap: () => ({ message: "list must be 'group' or 'double11'" }) }),
  limit: z
    .number({ invalid_type_error: 'limit must be a number' })
    .int(`limit must be 1-${WISHLIST_RULES.pageSizeMax}`)
    .min(1, `limit must be 1-${WISHLIST_RULES.pageSizeMax}`)
    .max(WISHLIST_RULES.pageSizeMax, `limit must be 1-${WISHLIST_RULES.pageSizeMax}`),
};
