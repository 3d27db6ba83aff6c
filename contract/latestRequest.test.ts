import { describe, expect, it } from '@jest/globals';
import { latestRequest } from './latestRequest';

describe('latestRequest', () => {
  it('keeps only the request begun last current', () => {
    const requests = latestRequest();
    const first = requests.begin();
    expect(first()).toBe(true);
    const second = requests.begin();
    expect(first()).toBe(false);
    expect(second()).toBe(true);
  });

  it('drops a slow answer that arrives after a newer one', async () => {
    const requests = latestRequest();
    const shown: string[] = [];
    const load = async (value: string, delayMs: number) => {
      const isLatest = requests.begin();
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (isLatest()) shown.push(value);
    };
    await Promise.all([load('slow first page', 30), load('fresh reload', 5)]);
    expect(shown).toEqual(['fresh reload']);
  });

  it('keeps separate counts for separate users of it', () => {
    const a = latestRequest();
    const b = latestRequest();
    const fromA = a.begin();
    b.begin();
    expect(fromA()).toBe(true);
  });
});
