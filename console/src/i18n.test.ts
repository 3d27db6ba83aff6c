import { afterEach, describe, expect, it } from '@jest/globals';
import { isValidElement } from 'react';
import { fill, fillNodes, lang, setLang, t } from './i18n';
import { ZH } from './messages.zh';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the console in two languages', () => {
  afterEach(() => setLang('zh-CN'));

  it('is in Chinese by default and switches to English', () => {
    expect(lang()).toBe('zh-CN');
    expect(t('Save draft')).toBe('保存草稿');
    setLang('en');
    expect(t('Save draft')).toBe('Save draft');
    expect(t('Published version {version}.', { version: 3 })).toBe('Published version 3.');
  });

  it('fills the same placeholders in both languages', () => {
    for (const [key, zh] of Object.entries(ZH)) {
      expect([key, placeholders(zh)]).toEqual([key, placeholders(key)]);
      expect(zh.trim()).not.toBe('');
    }
    expect(t('Published version {version}.', { version: 3 }, 'zh-CN')).toBe('已发布第 3 版。');
  });

  it('leaves an unknown placeholder visible rather than printing undefined', () => {
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('puts pieces of page where a sentence names them, in the order of its language', () => {
    const link = { kind: 'link' };
    const parts = fillNodes('see {payments}, then {refunds} or {other}', { payments: link as never, refunds: 'R' }) as unknown[];
    expect(parts).toHaveLength(7);
    expect(parts.filter((p) => typeof p === 'string')).toEqual(['see ', ', then ', ' or ', '']);
    const fragments = parts.filter((p) => typeof p !== 'string');
    expect(fragments.every(isValidElement)).toBe(true);
    expect(fragments.map((f) => (f as { props: { children: unknown } }).props.children)).toEqual([link, 'R', '{other}']);
    expect(fillNodes('no links', {})).toEqual(['no links']);
  });
});
