import { describe, expect, it } from '@jest/globals';
import { FIELD_PATHS } from './campaignForm';
import { assignIssues, issuesOf, mergeFieldErrors, normalisePath, placeServerIssues } from './fieldErrors';

describe('placing a 142 on the editor', () => {
  it('reads paths inside the draft from the function params', () => {
    expect(normalisePath('campaign.money.split.dailyAt[1]')).toBe('money.split.dailyAt.1');
    expect(normalisePath('campaign.money.split.dailyAt.1')).toBe('money.split.dailyAt.1');
    expect(normalisePath('params')).toBe('');
  });

  it('puts each issue beside its field, or the nearest section that has one', () => {
    const issues = [
      { path: 'campaign.money.budgetFen', message: 'budgetFen is too large' },
      { path: 'campaign.money.split.dailyAt.1', message: 'split times are HH:mm, e.g. 20:00' },
      { path: 'campaign.money.split', message: 'Pools would never be split' },
      { path: 'campaign.startsAt', message: 'overlaps "Double 11"' },
      { path: 'campaign.startsAt', message: 'a second message' },
    ];
    const { byPath, top } = placeServerIssues(issues, 'ignored when there are issues', FIELD_PATHS);
    expect(byPath).toEqual({
      'money.budgetFen': ['budgetFen is too large'],
      'money.split.dailyAt': ['split times are HH:mm, e.g. 20:00'],
      'money.split': ['Pools would never be split'],
      startsAt: ['overlaps "Double 11"', 'a second message'],
    });
    expect(top).toEqual([]);
  });

  it('shows what names no known field at the top, with its path', () => {
    const { byPath, top } = placeServerIssues(
      [
        { path: 'campaign.extra', message: 'unknown field(s) extra' },
        { path: '', message: 'Expected object' },
      ],
      '',
      FIELD_PATHS,
    );
    expect(byPath).toEqual({});
    expect(top).toEqual(['extra: unknown field(s) extra', 'Expected object']);
  });

  it('shows a 142 without issues whole at the top, as the server wrote it', () => {
    const message = '参数不正确（invalid params）— request body nests deeper than 32 levels';
    expect(placeServerIssues([], message, FIELD_PATHS)).toEqual({ byPath: {}, top: [message] });
  });

  it('takes issues from an SDK error only when well formed', () => {
    const good = { path: 'campaign.slug', message: 'slug must be 3-40 lowercase letters, digits or -' };
    expect(issuesOf({ code: 142, issues: [good, { path: 1 }, null, 'x'] })).toEqual([good]);
    expect(issuesOf({ code: 142 })).toEqual([]);
    expect(issuesOf(null)).toEqual([]);
  });

  it('assigns to the most specific known path and merges sources in order', () => {
    expect(assignIssues([{ path: 'a.b.c', message: 'm' }], ['a', 'a.b']).byPath).toEqual({ 'a.b': ['m'] });
    expect(mergeFieldErrors({ x: ['one'] }, { x: ['two'], y: ['three'] })).toEqual({ x: ['one', 'two'], y: ['three'] });
  });
});
