import { newObjectId } from './ids';

describe('newObjectId', () => {
  it('answers 24 lowercase hex characters, never the same id twice across many refills', () => {
    const ids = Array.from({ length: 5_000 }, newObjectId);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
