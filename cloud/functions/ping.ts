import { defineFunction } from './define';
import { fields } from './validation';

/** A no-op that proves the whole path (signature, routing, validation) works. */
export const ping = defineFunction({
  name: 'ping',
  access: 'public',
  params: fields.none,
  handler: async (ctx) => ({ pong: true, time: ctx.clock.now().toISOString() }),
});
