import type { Clock } from '../clock';
import { ADVISORY_LOCKS, withAdvisoryLock } from '../store/advisoryLock';
import type { Store } from '../store/store';
import { countUsers, upsertUsers, type ImportedUser } from '../store/users';
import { seedCatalog } from './catalog';
import { seedDemoCampaign } from './demoCampaign';

export const DEMO_PASSWORD = 'demo1234';

/**
 * Demo shoppers covering every eligibility case (female ≥ 600, female < 600, male), enough of
 * them to fill a group of 15, plus a marketer.
 */
export const DEMO_USERS: ReadonlyArray<Omit<ImportedUser, 'password'>> = [
  { username: 'alice', nickname: 'Alice 爱丽丝', gender: 'female', taoqi: 820 },
  { username: 'bella', nickname: 'Bella 贝拉', gender: 'female', taoqi: 640 },
  { username: 'cathy', nickname: 'Cathy 凯茜', gender: 'female', taoqi: 560 },
  { username: 'david', nickname: 'David 大卫', gender: 'male', taoqi: 900 },
  { username: 'emma', nickname: 'Emma 艾玛', gender: 'female', taoqi: 700 },
  { username: 'fiona', nickname: 'Fiona 菲奥娜', gender: 'female', taoqi: 610 },
  { username: 'grace', nickname: 'Grace 格蕾丝', gender: 'female', taoqi: 599 },
  { username: 'hannah', nickname: 'Hannah 汉娜', gender: 'female', taoqi: 450 },
  { username: 'ivy', nickname: 'Ivy 艾薇', gender: 'female', taoqi: 680 },
  { username: 'jack', nickname: 'Jack 杰克', gender: 'male', taoqi: 300 },
  { username: 'kevin', nickname: 'Kevin 凯文', gender: 'male', taoqi: 650 },
  { username: 'lily', nickname: 'Lily 莉莉', gender: 'female', taoqi: 720 },
  { username: 'mia', nickname: 'Mia 米娅', gender: 'female', taoqi: 520 },
  { username: 'nina', nickname: 'Nina 妮娜', gender: 'female', taoqi: 605 },
  { username: 'oscar', nickname: 'Oscar 奥斯卡', gender: 'male', taoqi: 480 },
  { username: 'paul', nickname: 'Paul 保罗', gender: 'unknown', taoqi: 200 },
  { username: 'mona', nickname: 'Mona 营销', gender: 'female', taoqi: 0, roles: ['marketer'] },
];

/**
 * Seeds the demo catalog into an empty catalog, a running campaign into an empty campaign
 * table, and the demo users into an empty database;
 * returns whether it seeded users. The catalog has its own check, so a demo database made
 * before the catalog existed gets one too.
 */
export async function seedDemo(store: Store, clock: Clock, campaignTimeZone = 'Asia/Shanghai'): Promise<boolean> {
  // Each step checks for an empty table, then inserts: hosts starting together on a fresh
  // database take turns, and the later ones find the data instead of a unique violation.
  return withAdvisoryLock(store, ADVISORY_LOCKS.demoSeed, async () => {
    await seedCatalog(store, clock);
    await seedDemoCampaign(store, clock.now(), campaignTimeZone);
    if ((await countUsers(store)) > 0) return false;
    await upsertUsers(
      store,
      DEMO_USERS.map((u) => ({ ...u, password: DEMO_PASSWORD })),
      clock.now(),
    );
    return true;
  });
}
