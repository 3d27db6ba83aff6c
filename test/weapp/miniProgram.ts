import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { at } from '../support/at';

/**
 * A small stand-in for the WeChat runtime's logic layer, enough to run a built Taro weapp
 * bundle in Node: it evaluates dist files in one `vm` context with `wx`, `App`, `Page`,
 * `Component`, `getApp` and `getCurrentPages`, keeps each page's `data` by applying
 * `setData` paths the way WeChat does, and fires taps through the page's event handler `eh`
 * exactly as the templates in base.wxml bind them (`id="{{i.uid||i.sid}}" data-sid="{{i.sid}}"`).
 * There is no rendering layer: assertions read the data tree that WXML would render.
 */

/** One node of Taro's rendered data tree (see base.wxml: nn = node name, cn = children, v = text). */
export interface TaroNode {
  nn?: string;
  sid?: string;
  uid?: string;
  cl?: string;
  v?: string;
  cn?: TaroNode[];
  [prop: string]: unknown;
}

export interface Navigation {
  api: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack';
  url?: string;
}

type Config = Record<string, any>;

export interface PageInstance {
  route: string;
  data: { root: TaroNode };
  config: Config;
  instance: Config;
}

export class MiniProgram {
  readonly navigations: Navigation[] = [];
  readonly context: vm.Context;
  private appConfig: Config | null = null;
  private appInstance: Config | null = null;
  private readonly pageConfigs = new Map<string, Config>();
  private readonly stack: PageInstance[] = [];
  private readonly moduleCache = new Map<string, { exports: unknown }>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly intervals = new Set<ReturnType<typeof setInterval>>();
  private lastLoadedPage: Config | null = null;

  /** `makeWx` receives the list where the mock records navigations (wx.navigateTo …). */
  constructor(
    private readonly distDir: string,
    makeWx: (navigations: Navigation[]) => Record<string, unknown>,
  ) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the fake wx's callbacks run with their own `this`
    const harness = this;
    const wx = makeWx(this.navigations);
    const trackTimeout = (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const id = setTimeout(() => {
        harness.timers.delete(id);
        fn(...args);
      }, ms);
      harness.timers.add(id);
      return id;
    };
    const trackInterval = (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const id = setInterval(fn, ms, ...args);
      harness.intervals.add(id);
      return id;
    };
    const sandbox: Record<string, unknown> = {
      wx,
      console,
      setTimeout: trackTimeout,
      clearTimeout: (id: ReturnType<typeof setTimeout>) => {
        harness.timers.delete(id);
        clearTimeout(id);
      },
      setInterval: trackInterval,
      clearInterval: (id: ReturnType<typeof setInterval>) => {
        harness.intervals.delete(id);
        clearInterval(id);
      },
      App: (config: Config) => {
        harness.appConfig = config;
      },
      Page: (config: Config) => {
        harness.lastLoadedPage = config;
      },
      // Taro registers its recursive `comp` wrapper with Component(); this app never needs it rendered.
      Component: () => undefined,
      Behavior: (config: Config) => config,
      getApp: () => harness.appInstance,
      getCurrentPages: () => harness.stack.map((page) => page.instance),
    };
    this.context = vm.createContext(sandbox);
  }

  /** Evaluates a dist file as a CommonJS module inside the mini-program context. */
  private requireFile(file: string): unknown {
    const resolved = file.endsWith('.js') ? file : `${file}.js`;
    const cached = this.moduleCache.get(resolved);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown };
    this.moduleCache.set(resolved, module);
    const code = fs.readFileSync(resolved, 'utf8');
    const wrapper = vm.runInContext(`(function (require, module, exports) {${code}\n})`, this.context, { filename: resolved });
    const localRequire = (request: string) => this.requireFile(path.resolve(path.dirname(resolved), request));
    wrapper(localRequire, module, module.exports);
    return module.exports;
  }

  /** Runs app.js and the App's onLaunch / onShow, as WeChat does at cold start. */
  launch(options: { path: string; query?: Record<string, string> }): void {
    this.requireFile(path.join(this.distDir, 'app.js'));
    if (!this.appConfig) throw new Error('app.js did not call App()');
    this.appInstance = Object.create(this.appConfig);
    const launchOptions = { path: options.path, query: options.query ?? {}, scene: 1001 };
    this.appInstance!.onLaunch?.call(this.appInstance, launchOptions);
    this.appInstance!.onShow?.call(this.appInstance, launchOptions);
  }

  private pageConfig(route: string): Config {
    const known = this.pageConfigs.get(route);
    if (known) return known;
    this.lastLoadedPage = null;
    this.requireFile(path.join(this.distDir, `${route}.js`));
    if (!this.lastLoadedPage) throw new Error(`${route}.js did not call Page()`);
    this.pageConfigs.set(route, this.lastLoadedPage);
    return this.lastLoadedPage;
  }

  /** Opens a page on top of the stack: onLoad(query), onShow, onReady. */
  openPage(route: string, query: Record<string, string> = {}): PageInstance {
    const config = this.pageConfig(route.replace(/^\//, ''));
    const previous = this.stack[this.stack.length - 1];
    previous?.instance.onHide?.call(previous.instance);
    const data = JSON.parse(JSON.stringify(config.data ?? { root: { cn: [] } }));
    const page: PageInstance = { route: route.replace(/^\//, ''), data, config, instance: {} };
    const instance: Config = Object.create(config);
    Object.assign(instance, {
      route: page.route,
      __route__: page.route,
      options: query,
      data,
      setData: (patch: Record<string, unknown>, callback?: () => void) => {
        for (const [key, value] of Object.entries(patch)) setByPath(page.data, key, clone(value));
        if (callback) this.context.setTimeout(callback, 0);
      },
    });
    page.instance = instance;
    this.stack.push(page);
    instance.onLoad?.call(instance, query);
    instance.onShow?.call(instance);
    instance.onReady?.call(instance);
    return page;
  }

  /** Opens a page from a URL such as `/packages/group/join/index?code=AB`. */
  openUrl(url: string): PageInstance {
    const [route = '', queryString = ''] = url.split('?');
    const query = Object.fromEntries(new URLSearchParams(queryString));
    return this.openPage(route, query);
  }

  /** Unloads every open page (stops their timers), then clears leftover timers. */
  close(): void {
    while (this.stack.length) {
      const page = this.stack.pop()!;
      page.instance.onUnload?.call(page.instance);
    }
    for (const id of this.timers) clearTimeout(id);
    for (const id of this.intervals) clearInterval(id);
    this.timers.clear();
    this.intervals.clear();
  }

  /** Fires a tap on the node whose id (uid) is `id`, the way the template binds it. */
  tap(page: PageInstance, id: string): unknown {
    const node = findNode(page.data.root, (n) => n.uid === id || n.sid === id);
    if (!node) throw new Error(`No node with id "${id}" on ${page.route}. Text on the page: ${textOf(page.data.root)}`);
    const target = { id: node.uid || node.sid, dataset: { sid: node.sid } };
    return page.instance.eh.call(page.instance, {
      type: 'tap',
      timeStamp: Date.now(),
      target,
      currentTarget: target,
      detail: { x: 0, y: 0 },
      mark: {},
    });
  }

  /** Types into an input the way WeChat reports it (an `input` event with detail.value). */
  input(page: PageInstance, id: string, value: string): void {
    const node = findNode(page.data.root, (n) => n.uid === id || n.sid === id);
    if (!node) throw new Error(`No input with id "${id}" on ${page.route}`);
    const target = { id: node.uid || node.sid, dataset: { sid: node.sid } };
    page.instance.eh.call(page.instance, { type: 'input', timeStamp: Date.now(), target, currentTarget: target, detail: { value } });
  }
}

function clone<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

/** Applies one setData key ("root.cn.[0].cn.[2].v") the way WeChat does. */
export function setByPath(target: Record<string, any>, key: string, value: unknown): void {
  const parts = key.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let cursor: any = target;
  parts.forEach((raw, index) => {
    const part = raw.startsWith('[') ? Number(raw.slice(1, -1)) : raw;
    if (index === parts.length - 1) {
      cursor[part] = value;
      return;
    }
    const nextIsIndex = at(parts, index + 1).startsWith('[');
    if (cursor[part] === undefined || cursor[part] === null) cursor[part] = nextIsIndex ? [] : {};
    cursor = cursor[part];
  });
}

export function findNode(root: TaroNode, match: (node: TaroNode) => boolean): TaroNode | null {
  if (match(root)) return root;
  for (const child of root.cn ?? []) {
    const found = findNode(child, match);
    if (found) return found;
  }
  return null;
}

export function findByClass(root: TaroNode, className: string): TaroNode[] {
  const found: TaroNode[] = [];
  const visit = (node: TaroNode) => {
    if (typeof node.cl === 'string' && node.cl.split(/\s+/).includes(className)) found.push(node);
    (node.cn ?? []).forEach(visit);
  };
  visit(root);
  return found;
}

/** All text under a node, as the user would read it. */
export function textOf(node: TaroNode | null | undefined): string {
  if (!node) return '';
  return `${node.v ?? ''}${(node.cn ?? []).map(textOf).join('')}`;
}

/** Polls until `check` returns a value (not undefined/false), or fails with what was seen. */
export async function waitFor<T>(check: () => T | undefined | false | null, describe: () => string, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false && value !== null) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out. ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
