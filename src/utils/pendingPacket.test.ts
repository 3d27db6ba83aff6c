import { pendingPacketText } from './pendingPacket';

describe('pendingPacketText', () => {
  it('shows the amount and the Beijing day it unlocks', () => {
    expect(pendingPacketText(2000, '2026-11-18T12:00:00.000Z')).toBe('待解锁 ¥20.00 · 11月18日解锁');
    // 17:00 UTC is already the next day in Beijing.
    expect(pendingPacketText(5, '2026-11-18T17:00:00.000Z')).toBe('待解锁 ¥0.05 · 11月19日解锁');
  });
});
