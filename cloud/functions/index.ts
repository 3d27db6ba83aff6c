import type { CloudFunction } from './define';
import { importUsers } from './importUsers';
import { me } from './me';
import { ping } from './ping';
import { groupFunctions } from './groups';

/** Every cloud function the host serves, by name. */
export const cloudFunctions: ReadonlyMap<string, CloudFunction> = new Map(
  ([ping, me, importUsers, ...groupFunctions] as unknown as CloudFunction[]).map((fn) => [fn.name, fn]),
);
