import { leancloudHash, verifyLeancloudPassword } from './leancloudPassword';

// LeanCloud's published example: this salt and the password "password".
const SALT = 'h60d8x797d3oa0naxybxxv9bn7xpt2yiowz68mpiwou7gwr2';
const HASH = 'tA7BLW+NK0UeARng0693gCaVnljkglCB9snqlpCSUKjx2RgYp8VZZOQt0S5iUtlDrkJXfT3gknS4rRqjYsd/Ug==';

describe('LeanCloud password scheme', () => {
  it('reproduces the published vector', () => {
    expect(leancloudHash(SALT, 'password')).toBe(HASH);
  });

  it('verifies the right password and refuses others', () => {
    const stored = `leancloud$${SALT}$${HASH}`;
    expect(verifyLeancloudPassword('password', stored)).toBe(true);
    expect(verifyLeancloudPassword('Password', stored)).toBe(false);
    expect(verifyLeancloudPassword('', stored)).toBe(false);
  });

  it('refuses stored values of another shape', () => {
    expect(verifyLeancloudPassword('password', `scrypt$${SALT}$${HASH}`)).toBe(false);
    expect(verifyLeancloudPassword('password', `leancloud$${SALT}`)).toBe(false);
    expect(verifyLeancloudPassword('password', `leancloud$${SALT}$${HASH}$x`)).toBe(false);
    expect(verifyLeancloudPassword('password', `leancloud$${SALT}$AAAA`)).toBe(false);
  });
});
