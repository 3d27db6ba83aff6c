import { hashPassword, verifyPassword } from './passwords';

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
