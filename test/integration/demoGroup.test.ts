import { DEMO_GROUP_NAME, seedDemoGroup } from '../../cloud/seed/demoGroup';
import { testEngine } from '../support/database';
import { fixedClock } from '../support/clock';
import { startTestHost, type TestHost } from '../support/host';
import { initSdk, login, runAs, runAsMaster } from '../support/sdk';
import { seeded } from '../support/seeded';
import { at } from '../support/at';

// `npm start` on a fresh demo database adds a ready group, so that a new user can try every
// reward path at once. This drives it the way she would, through the SDK as alice.

let host: TestHost;
let alice: string;
let groupId: string;
let seq = 0;
const rid = () => `demo-group-${Date.now()}-${++seq}`;

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock: fixedClock(), random: seeded(11) });
  initSdk(host);
  ({ groupId } = await seedDemoGroup(host.host.deps));
  alice = await login('alice');
});
afterAll(async () => {
  await host.stop();
});

describe(`the demo group (${testEngine()})`, () => {
  it('is alice’s, active, with bella, emma and ivy', async () => {
    const { groups } = await runAs(alice, 'listMyGroups', {});
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ groupId, name: DEMO_GROUP_NAME, status: 'active', memberCount: 4 });
    const { members } = await runAs(alice, 'getGroup', { groupId });
    expect(members.map((m) => m.nickname).sort()).toEqual(['Alice 爱丽丝', 'Bella 贝拉', 'Emma 艾玛', 'Ivy 艾薇']);
  });

  it('lets alice share an item for a draw and buy the item bella shared for the guaranteed packet', async () => {
    const { items } = await runAs(alice, 'listWishlist', { groupId });
    expect(items).toHaveLength(2);
    const bellas = items.find((item) => item.addedBy.nickname === 'Bella 贝拉')!;
    const emmas = items.find((item) => item.addedBy.nickname === 'Emma 艾玛')!;
    expect(bellas.lastShare?.sharedBy.nickname).toBe('Bella 贝拉');
    expect(emmas.lastShare).toBeNull();

    const shared = await runAs(alice, 'shareItem', { groupId, itemId: emmas.itemId, requestId: rid() });
    // The draw ran in the running demo campaign: a packet, or no luck — never "not running".
    expect(shared.redPacket !== null || shared.noRewardReason === 'no_luck').toBe(true);

    const bought = await runAs(alice, 'simulateCheckout', {
      lines: [{ productId: bellas.productId!, qty: 1, shareId: bellas.lastShare!.shareId }],
      requestId: rid(),
    });
    expect(bought.redPackets).toHaveLength(1);
    expect(at(bought.redPackets, 0).amountFen).toBeGreaterThan(0);
    expect((await runAsMaster('ledgerCheck', {})).balanced).toBe(true);
  });
});
