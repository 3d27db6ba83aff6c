/**
 * The console's words. Chinese (zh-CN) by default, English from the switch in the top bar; the
 * choice is kept in localStorage. Every visible string goes through `t`: its key is the English
 * text (with {name} placeholders), and the Chinese dictionary (./messages.zh) must hold every key
 * — a key missing there does not compile.
 */
import { Fragment, createElement, useEffect, useState, type ReactNode } from 'react';
import { ZH } from './messages.zh';

export type Lang = 'zh-CN' | 'en';
export type MessageKey = keyof typeof ZH;
export type Vars = Record<string, string | number>;

export const LANGS: readonly Lang[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'console.lang';
const CHANGED_EVENT = 'console:lang-changed';

function stored(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

let current: Lang = typeof localStorage === 'undefined' ? 'zh-CN' : stored();

export function lang(): Lang {
  return current;
}

/** Switches the language, remembers it, and tells the app to draw itself again. */
export function setLang(next: Lang): void {
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // private mode: the choice lasts until the page is reloaded
  }
  if (typeof document !== 'undefined') document.documentElement.lang = next;
  if (typeof window !== 'undefined') window.dispatchEvent(new CustomEvent(CHANGED_EVENT));
}

/** Fills {name} placeholders. */
export function fill(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/**
 * Fills {name} placeholders with pieces of page (a link inside a sentence), so the sentence is
 * translated whole and each language puts the link where its grammar wants it.
 */
export function fillNodes(text: string, nodes: Record<string, ReactNode>): ReactNode {
  const parts = text.split(/\{(\w+)\}/g);
  return parts.map((part, i) => (i % 2 === 0 ? part : createElement(Fragment, { key: i }, part in nodes ? nodes[part] : `{${part}}`)));
}

/** The text for `key` in the current language (or in `in`). */
export function t(key: MessageKey, vars?: Vars, inLang: Lang = current): string {
  return fill(inLang === 'en' ? key : ZH[key], vars);
}

/** The current language, re-rendering the caller when it changes. */
export function useLang(): Lang {
  const [value, setValue] = useState(current);
  useEffect(() => {
    const onChange = () => setValue(current);
    window.addEventListener(CHANGED_EVENT, onChange);
    return () => window.removeEventListener(CHANGED_EVENT, onChange);
  }, []);
  return value;
}
