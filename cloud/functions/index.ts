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

/** Every cloud function the host serves, by name. */
export const cloudFunctions: ReadonlyMap<string, CloudFunction> = new Map(
  ([ping, me, importUsers, ...sessionFunctions, ...groupFunctions, ...wishlistFunctions, ...moneyFunctions, ...campaignFunctions, ...commerceFunctions] as unknown as CloudFunction[]).map((fn) => [fn.name, fn]),
);
