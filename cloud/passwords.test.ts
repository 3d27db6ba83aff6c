import { hashPassword, needsRehash, verifyPassword } from './passwords';

describe('passwords', () => {
  it('never stores the password and verifies only the right one', async () => {
    const stored = await hashPassword('demo1234');
    expect(stored).not.toContain('demo1234');
    expect(stored.startsWith('scrypt$')).toBe(true);
    await expect(verifyPassword('demo1234', stored)).resolves.toBe(true);
    await expect(verifyPassword('demo12345', stored)).resolves.toBe(false);
    await expect(verifyPassword('demo1234', null)).resolves.toBe(false);
    await expect(verifyPassword('demo1234', 'md5$abc')).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });
});

describe('passwords imported from LeanCloud', () => {
  // LeanCloud's published example: this salt and the password "password".
  const stored =
    'leancloud$h60d8x797d3oa0naxybxxv9bn7xpt2yiowz68mpiwou7gwr2$tA7BLW+NK0UeARng0693gCaVnljkglCB9snqlpCSUKjx2RgYp8VZZOQt0S5iUtlDrkJXfT3gknS4rRqjYsd/Ug==';

  it('verify through LeanCloud scheme and ask to be re-hashed', async () => {
    await expect(verifyPassword('password', stored)).resolves.toBe(true);
    await expect(verifyPassword('passw0rd', stored)).resolves.toBe(false);
    expect(needsRehash(stored)).toBe(true);
    expect(needsRehash(await hashPassword('password'))).toBe(false);
    expect(needsRehash(null)).toBe(false);
  });
});
