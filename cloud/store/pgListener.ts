import pg from 'pg';
import { checkChannel } from './store';

/** Wait before connecting again after the listening connection was lost. */
export const LISTEN_RECONNECT_MS = 1000;

interface Handler {
  onMessage: (payload: string) => void;
  onGap?: () => void;
}

export interface PgListener {
  listen(channel: string, onMessage: (payload: string) => void, onGap?: () => void): Promise<() => void>;
  close(): Promise<void>;
}

/**
 * LISTEN on a connection of its own, outside the pool: a pooled connection goes back to other
 * work between statements, and a LISTEN lasts only as long as its session. Opened at the first
 * listen; when the connection fails it is opened again (every channel listened to anew) and the
 * handlers hear of the gap, since notifications sent meanwhile are lost.
 */
export function createPgListener(url: string): PgListener {
  const channels = new Map<string, Set<Handler>>();
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let retry: NodeJS.Timeout | undefined;
  let closed = false;

  const connect = (afterGap: boolean): Promise<void> => {
    connecting ??= (async () => {
      const candidate = new pg.Client({ connectionString: url });
      candidate.on('notification', (message) => {
        for (const handler of channels.get(message.channel) ?? []) handler.onMessage(message.payload ?? '');
      });
      const lost = () => {
        if (client !== candidate) return;
        client = undefined;
        candidate.end().catch(() => undefined);
        scheduleReconnect();
      };
      candidate.on('error', lost);
      candidate.on('end', lost);
      try {
        await candidate.connect();
        for (const channel of channels.keys()) await candidate.query(`listen ${channel}`);
        if (closed) {
          await candidate.end();
          return;
        }
        client = candidate;
        if (afterGap) for (const set of channels.values()) for (const handler of set) handler.onGap?.();
      } catch (error) {
        candidate.end().catch(() => undefined);
        console.error(`listening for other hosts' changes failed (retrying): ${(error as Error).message}`);
        scheduleReconnect();
      }
    })().finally(() => (connecting = undefined));
    return connecting;
  };
  const scheduleReconnect = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect(true);
    }, LISTEN_RECONNECT_MS);
    retry.unref();
  };

  return {
    async listen(channel, onMessage, onGap) {
      checkChannel(channel);
      const handler: Handler = { onMessage, onGap };
      const set = channels.get(channel);
      if (set) set.add(handler);
      else {
        channels.set(channel, new Set([handler]));
        if (client) await client.query(`listen ${channel}`);
      }
      if (!client) await (connecting ?? connect(false));
      return () => {
        channels.get(channel)?.delete(handler);
      };
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await connecting;
      const open = client;
      client = undefined;
      await open?.end().catch(() => undefined);
    },
  };
}
