/** How many pictures of a catalog product the host draws (the product page's gallery): `<id>.svg`, `<id>-2.svg`, … */
export const PRODUCT_VIEWS = 3;
