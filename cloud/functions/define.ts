import type { z } from 'zod';
import type { FunctionName, ParamsOf, ResultOf } from '../../contract/functions';
import type { Services } from '../services';
import type { UserRow } from '../store/users';

export type { Services } from '../services';

/**
 * Who may call a function: anyone with the app key, a logged-in user, a logged-in user with the
 * viewer or marketer role (reads of the dashboard and the audit log), a logged-in user with the
 * marketer role (changes), or the master key — which passes every level — only. invokeFunction
 * checks it before the params, so a caller without access learns nothing about a function's schema.
 */
export type Access = 'public' | 'user' | 'viewer' | 'marketer' | 'master';

/** Who an administrative change is recorded as (audit log): the user, or the operator's master key. */
export interface Actor {
  actorId: string | null;
  actorName: string;
  /** The change was made with the master key. */
  viaMasterKey: boolean;
}

export interface CallContext<A extends Access = Access> extends Services {
  user: A extends 'user' ? UserRow : UserRow | null;
  isMaster: boolean;
  actor: Actor;
  /** The session token the call came with (logout ends exactly this session); absent without one. */
  sessionToken?: string;
}

export interface CloudFunction<N extends FunctionName = FunctionName, A extends Access = Access> {
  name: N;
  access: A;
  /** One declarative schema per function: every field has a type, bounds and a message. */
  params: z.ZodType<ParamsOf<N>, z.ZodTypeDef, unknown>;
  handler(ctx: CallContext<A>, params: ParamsOf<N>): Promise<ResultOf<N>>;
}

export function defineFunction<N extends FunctionName, A extends Access>(fn: CloudFunction<N, A>): CloudFunction<N, A> {
  return fn;
}
