import { validateGroupName } from './groupName';

describe('validateGroupName', () => {
  it('trims and accepts 1–20 characters', () => {
    expect(validateGroupName('  闺蜜团 ')).toEqual({ ok: true, name: '闺蜜团' });
    expect(validateGroupName('一'.repeat(20))).toEqual({ ok: true, name: '一'.repeat(20) });
  });

  it('rejects empty and too long names', () => {
    expect(validateGroupName('   ').ok).toBe(false);
    expect(validateGroupName('一'.repeat(21)).ok).toBe(false);
  });

  it('counts an emoji as one character', () => {
    expect(validateGroupName('🎉'.repeat(20)).ok).toBe(true);
  });
});
