import { startHostProcess, BENCH_KEYS, type HostProcess } from '../support/hostProcess';
import { DEMO_USERS } from '../../cloud/seed/demo';
import { openStore } from '../../cloud/store/open';
import { sharedDatabase } from './postgres';

/**
 * Demo hosts started together on a fresh database all come up: the seed's "empty? then insert"
 * runs under an advisory lock, so the later hosts wait and find the data (it used to fail with a
 * unique violation about one start in three).
 */
describe('three demo hosts starting together on a fresh database (postgres)', () => {
  for (const attempt of [1, 2, 3]) {
    it(`all come up and seed the demo once (start ${attempt})`, async () => {
      const database = await sharedDatabase();
      const settings = { DATABASE_URL: database.databaseUrl, DEMO: '1' };
      const started = await Promise.allSettled([startHostProcess(settings), startHostProcess(settings), startHostProcess(settings)]);
      const hosts = started.filter((s): s is PromiseFulfilledResult<HostProcess> => s.status === 'fulfilled').map((s) => s.value);
      try {
        expect(started.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
        for (const host of hosts) {
          const response = await fetch(`${host.url}/1.1/functions/me`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-lc-id': BENCH_KEYS.appId, 'x-lc-key': BENCH_KEYS.appKey },
            body: '{}',
          });
          // Up and answering with the API's own refusal (no session), not a crash.
          expect(response.status).toBeLessThan(500);
        }
        const store = await openStore({ databaseUrl: database.databaseUrl, dataDir: ':memory:' });
        try {
          const [counts] = await store.query<{ users: number; campaigns: number }>(
            'select (select count(*) from users) as users, (select count(*) from campaigns) as campaigns',
          );
          expect(counts).toEqual({ users: DEMO_USERS.length, campaigns: 1 });
        } finally {
          await store.close();
        }
      } finally {
        await Promise.all(hosts.map((h) => h.stop()));
        await database.drop();
      }
      // Three processes compiling and seeding at once on two cores take a while to be ready.
    }, 180_000);
  }
});
