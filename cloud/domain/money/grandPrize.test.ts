import { drawWinners, seedCommitment } from './grandPrize';

const eligible = Array.from({ length: 20 }, (_, i) => ({ userId: `user${String(i).padStart(2, '0')}`, netFen: (i + 1) * 1_000_000 }));

describe('grand prize draw', () => {
  it('commits to the seed with sha256', () => {
    expect(seedCommitment('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('is reproducible from the seed and independent of the list order', () => {
    const a = drawWinners('seed-1', eligible, 3, 5_000_000);
    const b = drawWinners('seed-1', [...eligible].reverse(), 3, 5_000_000);
    expect(a).toEqual(b);
    expect(new Set(a.map((w) => w.userId)).size).toBe(3);
    expect(drawWinners('seed-2', eligible, 3, 5_000_000)).not.toEqual(a);
  });

  it('caps each prize and never draws more winners than eligible members', () => {
    const winners = drawWinners('seed-1', eligible, 30, 5_000_000);
    expect(winners).toHaveLength(20);
    for (const w of winners) expect(w.prizeFen).toBe(Math.min(w.netFen, 5_000_000));
    expect(drawWinners('seed-1', [], 3, 5_000_000)).toEqual([]);
  });
});
