import type { FunctionName } from '../../contract/functions';
import type { CloudFunction } from './define';
import { importUsers } from './importUsers';
import { me } from './me';
import { ping } from './ping';
import { sessionFunctions } from './sessions';
import { groupFunctions } from './groups';
import { wishlistFunctions } from './wishlist';
import { moneyFunctions } from './money';
import { campaignFunctions } from './campaigns';
import { commerceFunctions } from './commerce';
import { paymentFunctions } from './payments';
import { notificationFunctions } from './notifications';
import { merchandisingFunctions } from './merchandising';
import { orderFunctions } from './orders';

const allFunctions = [
  ping,
  me,
  importUsers,
  ...sessionFunctions,
  ...groupFunctions,
  ...wishlistFunctions,
  ...moneyFunctions,
  ...campaignFunctions,
  ...commerceFunctions,
  ...paymentFunctions,
  ...notificationFunctions,
  ...merchandisingFunctions,
  ...orderFunctions,
] as const;

type Defined = (typeof allFunctions)[number];

/**
 * Every contract function with its handler, by name. Typed as a mapped object over the
 * contract so that a contract function without a handler fails to compile (and defineFunction
 * only accepts contract names, so no handler can exist outside the contract).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry's params type is its own; the mapped key ties name to handler
export const functionRegistry: { readonly [N in FunctionName]: CloudFunction<N, any> } = Object.fromEntries(
  allFunctions.map((fn) => [fn.name, fn]),
) as {
  [F in Defined as F['name']]: F;
};

/** Every cloud function the host serves, by name. */
export const cloudFunctions: ReadonlyMap<string, CloudFunction> = new Map(
  Object.entries(functionRegistry) as Array<[string, CloudFunction]>,
);
