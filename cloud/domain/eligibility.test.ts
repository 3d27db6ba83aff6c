import { createEligibility } from './eligibility';
import { DEFAULT_GROUP_RULES } from './groupRules';

describe('who may create a group', () => {
  it.each([
    ['female', 820, true, undefined],
    ['female', 640, true, undefined],
    ['female', 600, true, undefined],
    ['female', 599, false, 'taoqi'],
    ['female', 560, false, 'taoqi'],
    ['male', 900, false, 'gender'],
    ['male', 100, false, 'gender'],
    ['unknown', 900, false, 'gender'],
  ] as const)('%s with taoqi %i → eligible %s (rule %s)', (gender, taoqi, eligible, rule) => {
    const result = createEligibility({ gender, taoqi }, DEFAULT_GROUP_RULES);
    expect(result.eligible).toBe(eligible);
    if (!result.eligible) expect(result.rule).toBe(rule);
  });

  it('states the rule and the user value, and suggests joining', () => {
    const result = createEligibility({ gender: 'female', taoqi: 540 }, DEFAULT_GROUP_RULES);
    expect(result).toMatchObject({ eligible: false });
    if (result.eligible) return;
    expect(result.reason).toContain('600');
    expect(result.reason).toContain('540');
    expect(result.reason).toContain('加入');
  });

  it('follows configured thresholds', () => {
    const rules = { ...DEFAULT_GROUP_RULES, creatorGender: null, creatorMinTaoqi: 100 };
    expect(createEligibility({ gender: 'male', taoqi: 100 }, rules).eligible).toBe(true);
  });
});
