import { localDay } from './localDay';

describe('localDay', () => {
  it('counts days in Beijing time, whatever the server zone', () => {
    // 23:30 UTC on Nov 10 is 07:30 on Nov 11 in Shanghai.
    expect(localDay(new Date('2026-11-10T23:30:00Z'), 'Asia/Shanghai')).toEqual({
      date: '2026-11-11',
      start: new Date('2026-11-10T16:00:00Z'),
      end: new Date('2026-11-11T16:00:00Z'),
    });
  });

  it('puts the instant of midnight into the day it starts', () => {
    const day = localDay(new Date('2026-11-10T16:00:00Z'), 'Asia/Shanghai');
    expect(day.date).toBe('2026-11-11');
    expect(localDay(new Date('2026-11-10T15:59:59.999Z'), 'Asia/Shanghai').date).toBe('2026-11-10');
  });
});
