/**
 * The floor of the wire: a bare `node:http` server that answers `ping` and `me` the way the host
 * does (app signature checked, JSON body read, the same result shapes, a session token looked up
 * in memory), with no framework, no validation and no database. The benchmark runs it in its own
 * process beside the host and reports the host's calls as a ratio to it.
 * Usage: node --import tsx bench/bareServer.ts <port> <appId> <appKey> <masterKey> <sessionToken>
 */
import http from 'node:http';
import { authenticateApp } from '../cloud/host/appAuth';

const [port, appId, appKey, masterKey, sessionToken] = process.argv.slice(2);
if (!port || !appId || !appKey || !masterKey || !sessionToken)
  throw new Error('usage: bareServer <port> <appId> <appKey> <masterKey> <sessionToken>');
const keys = { appId, appKey, masterKey };
const created = new Date().toISOString();
const users = new Map([
  [
    sessionToken,
    {
      objectId: '0'.repeat(24),
      username: 'alice',
      nickname: 'alice',
      avatarUrl: '',
      gender: 'female',
      taoqi: 820,
      roles: [],
      createdAt: created,
      updatedAt: created,
    },
  ],
]);

const header = (req: http.IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function answer(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    try {
      authenticateApp({ id: header(req, 'x-lc-id'), sign: header(req, 'x-lc-sign'), key: header(req, 'x-lc-key') }, keys, Date.now());
    } catch {
      return answer(res, 401, { code: 401, error: 'Unauthorized.' });
    }
    const text = Buffer.concat(chunks).toString('utf8').trim();
    try {
      if (text) JSON.parse(text);
    } catch {
      return answer(res, 400, { code: 142, error: 'request body is not valid JSON' });
    }
    if (req.url === '/1.1/functions/ping') return answer(res, 200, { result: { pong: true, time: new Date().toISOString() } });
    if (req.url === '/1.1/functions/me') {
      const user = users.get(header(req, 'x-lc-session') ?? '');
      if (!user) return answer(res, 401, { code: 211, error: 'invalid session token' });
      return answer(res, 200, { result: { user, canCreateGroup: true } });
    }
    return answer(res, 404, { code: 101, error: 'not found' });
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
