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

describe('localDay across calls', () => {
  it('gives each instant its own day, whatever day was asked for before', () => {
    const zone = 'Asia/Shanghai';
    const instants = [
      '2026-11-10T15:59:59.999Z',
      '2026-11-10T16:00:00Z',
      '2026-11-10T15:00:00Z',
      '2026-11-11T15:59:59.999Z',
      '2026-11-11T16:00:00Z',
      '2026-10-01T00:00:00Z',
    ];
    expect(instants.map((iso) => localDay(new Date(iso), zone).date)).toEqual([
      '2026-11-10',
      '2026-11-11',
      '2026-11-10',
      '2026-11-11',
      '2026-11-12',
      '2026-10-01',
    ]);
  });

  it('keeps zones apart, including across a daylight-saving change', () => {
    // New York's Nov 1, 2026 lasts 25 hours (clocks go back at 02:00 local).
    expect(localDay(new Date('2026-11-01T12:00:00Z'), 'America/New_York')).toEqual({
      date: '2026-11-01',
      start: new Date('2026-11-01T04:00:00Z'),
      end: new Date('2026-11-02T05:00:00Z'),
    });
    expect(localDay(new Date('2026-11-02T04:30:00Z'), 'America/New_York').date).toBe('2026-11-01');
    expect(localDay(new Date('2026-11-01T12:00:00Z'), 'Asia/Shanghai').date).toBe('2026-11-01');
    expect(localDay(new Date('2026-11-02T05:00:00Z'), 'America/New_York').date).toBe('2026-11-02');
    // Mar 8, 2026 lasts 23 hours (clocks go forward at 02:00 local).
    const spring = localDay(new Date('2026-03-08T12:00:00Z'), 'America/New_York');
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3_600_000);
  });

  it('hands out dates that a caller may change without touching the next answer', () => {
    const first = localDay(new Date('2026-11-10T23:30:00Z'), 'Asia/Shanghai');
    first.start.setTime(0);
    expect(localDay(new Date('2026-11-10T23:30:00Z'), 'Asia/Shanghai').start).toEqual(new Date('2026-11-10T16:00:00Z'));
  });
});
