import { createLogger, currentLogger, requestIdFrom, withLogger } from './logger';
import { bearerMatches } from '../host/server';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  return { lines, logger };
}

describe('the logger', () => {
  it('redacts credentials in logged headers, wherever the headers sit', () => {
    const { lines, logger } = capture();
    const headers = {
      'x-lc-session': 'r:session-token',
      'x-lc-sign': 'abc,1700000000000,master',
      'x-lc-key': 'the-master-key,master',
      authorization: 'Bearer metrics-token',
      'x-hook-signature': 'sha256=deadbeef',
      'x-lc-id': 'app-id',
    };
    logger.info({ req: { headers } }, 'with a request');
    logger.info({ headers }, 'bare headers');
    logger.info({ call: { headers, sessionToken: 'r:other' } }, 'nested');
    const text = lines.map((line) => JSON.stringify(line)).join('\n');
    for (const secret of ['r:session-token', 'abc,1700000000000', 'the-master-key', 'metrics-token', 'deadbeef', 'r:other']) {
      expect(text).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'with a request',
      req: { headers: { 'x-lc-session': '[redacted]', 'x-lc-id': 'app-id' } },
    });
    expect(lines[1]).toMatchObject({ headers: { authorization: '[redacted]', 'x-hook-signature': '[redacted]' } });
    expect(typeof lines[0]?.time).toBe('string');
  });

  it('carries a logger through awaits and callbacks to the work a call starts', async () => {
    const { lines, logger } = capture();
    const deep = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      currentLogger().info('deep down');
    };
    await withLogger(logger.child({ requestId: 'req-1' }), async () => {
      await deep();
      await new Promise<void>((resolve) => setTimeout(() => (currentLogger().info('in a timer'), resolve()), 0));
    });
    expect(lines.map((line) => [line.msg, line.requestId])).toEqual([
      ['deep down', 'req-1'],
      ['in a timer', 'req-1'],
    ]);
  });
});

describe('request ids', () => {
  it('keeps a short safe incoming id', () => {
    expect(requestIdFrom('abc-123_X.y:z')).toBe('abc-123_X.y:z');
    expect(requestIdFrom(['first-id', 'second'])).toBe('first-id');
  });

  it('replaces a missing, long or unsafe id with a fresh one', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const bad of [undefined, '', 'x'.repeat(65), 'has space', 'line\nbreak', '"quoted"', 'a/b', 'ünïcode']) {
      expect(requestIdFrom(bad)).toMatch(uuid);
    }
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });
});

describe('the metrics bearer check', () => {
  it('accepts only the exact token', () => {
    expect(bearerMatches('Bearer s3cret-token', 's3cret-token')).toBe(true);
    expect(bearerMatches('Bearer s3cret-tokeN', 's3cret-token')).toBe(false);
    expect(bearerMatches('Bearer s3cret', 's3cret-token')).toBe(false);
    expect(bearerMatches('s3cret-token', 's3cret-token')).toBe(false);
    expect(bearerMatches(undefined, 's3cret-token')).toBe(false);
  });
});
