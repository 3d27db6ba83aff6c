import { formatCountdown } from './countdown';

describe('formatCountdown', () => {
  it('shows hours, minutes and seconds, with days when there are any', () => {
    expect(formatCountdown(0)).toBe('00:00:00');
    expect(formatCountdown(59_999)).toBe('00:00:59');
    expect(formatCountdown((3 * 3600 + 4 * 60 + 5) * 1000)).toBe('03:04:05');
    expect(formatCountdown((2 * 86_400 + 3600) * 1000)).toBe('2天 01:00:00');
  });

  it('stops at zero once the time has passed', () => {
    expect(formatCountdown(-5000)).toBe('00:00:00');
  });
});
