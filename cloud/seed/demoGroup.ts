import type { FunctionName, ParamsOf, ResultOf } from '../../contract/functions';
import type { HostDeps } from '../host/context';
import { invokeFunction } from '../functions/invoke';
import { newObjectId } from '../ids';
import { findUserByUsername } from '../store/users';

export const DEMO_GROUP_NAME = '周末闺蜜团';
/** The owner first; four members make the group active, so rewards apply from the start. */
export const DEMO_GROUP_MEMBERS = ['alice', 'bella', 'emma', 'ivy'] as const;

/**
 * A ready group for a fresh demo database, so that the reward paths can be tried the moment the
 * host is up instead of after four logins: alice's "周末闺蜜团" with bella, emma and ivy (active),
 * two catalog items on its shared list, one of them (bella's) shared into the group — so alice can
 * share the other for a draw, and buy bella's for the guaranteed packet. Everything goes through
 * the cloud functions themselves, as each member, so the data obeys every rule a user's would.
 */
export async function seedDemoGroup(deps: HostDeps): Promise<{ groupId: string }> {
  const call = async <N extends FunctionName>(username: string, name: N, params: ParamsOf<N>): Promise<ResultOf<N>> => {
    const user = await findUserByUsername(deps.store, username);
    if (!user) throw new Error(`demo user ${username} is missing`);
    return (await invokeFunction(deps.functions, name, params, { isMaster: false, user }, deps)) as ResultOf<N>;
  };
  const [owner, ...friends] = DEMO_GROUP_MEMBERS;
  const { group } = await call(owner, 'createGroup', { name: DEMO_GROUP_NAME, requestId: newObjectId() });
  const { inviteCode } = await call(owner, 'createInvite', { groupId: group.groupId });
  for (const friend of friends) await call(friend, 'joinGroup', { inviteCode });

  const { products } = await call(owner, 'listProducts', { limit: 2 });
  if (products.length < 2) throw new Error('the demo catalog has fewer than two products');
  const bellasProduct = products[0]!;
  const emmasProduct = products[1]!;
  const { item: bellasItem } = await call('bella', 'addWishlistItem', {
    groupId: group.groupId,
    productId: bellasProduct.productId,
    requestId: newObjectId(),
  });
  await call('emma', 'addWishlistItem', { groupId: group.groupId, productId: emmasProduct.productId, requestId: newObjectId() });
  await call('bella', 'shareItem', { groupId: group.groupId, itemId: bellasItem.itemId, requestId: newObjectId() });
  return { groupId: group.groupId };
}
