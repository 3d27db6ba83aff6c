import fc from 'fast-check';
import type { z } from 'zod';
import { ErrorCode } from '../../contract/errors';
import type { FunctionName } from '../../contract/functions';
import { cloudFunctions } from '../../cloud/functions';
import type { CloudFunction } from '../../cloud/functions/define';
import { signRequest } from '../../cloud/host/appAuth';
import { MAX_JSON_DEPTH } from '../../cloud/host/jsonBody';
import { decodeRpcParams } from '../../cloud/host/rpcEncoding';
import { fingerprintTables } from '../../cloud/store/fingerprint';
import { listCampaignRows } from '../../cloud/store/campaigns';
import { DEMO_CATALOG } from '../../cloud/seed/catalog';
import { testEngine } from '../support/database';
import { sampleCampaign } from '../support/campaigns';
import { fixedClock } from '../support/clock';
import { startTestHost, type TestHost } from '../support/host';
import { initSdk, login } from '../support/sdk';

/**
 * Bad input over every registered function, generated from the registry and each function's
 * own zod schema (a new function is fuzzed without touching this file): wrong types, huge
 * strings, NUL, deep nesting, prototype keys, extreme numbers and dates. Every answer must be a
 * documented code (never 500), and a refused call must leave every table as it was.
 */

let host: TestHost;
let mona: string;
/** The demo campaign, for the merchandising samples. */
let campaignId = '';

const DOCUMENTED = new Set<number>(Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL));
const SEED = 20261111;

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock: fixedClock() });
  initSdk(host);
  mona = await login('mona');
  campaignId = (await listCampaignRows(host.store, 1))[0]?.id ?? '';
});
afterAll(async () => {
  await host?.stop();
});

interface Caller {
  label: string;
  master: boolean;
  session?: () => string;
}
const MASTER: Caller = { label: 'master', master: true };
const MARKETER: Caller = { label: 'marketer mona', master: false, session: () => mona };

type Answer = { status: number; code?: number; text: string };

async function send(caller: Caller, path: string, body: string | undefined, method = 'POST'): Promise<Answer> {
  const now = host.clock.now().getTime();
  const response = await fetch(`${host.url}${path}`, {
    method,
    headers: {
      'x-lc-id': host.appId,
      'x-lc-sign': caller.master ? signRequest(host.masterKey, now, true) : signRequest(host.appKey, now),
      'content-type': 'application/json',
      ...(caller.session ? { 'x-lc-session': caller.session() } : {}),
    },
    body,
  });
  const text = await response.text();
  let code: number | undefined;
  try {
    code = (JSON.parse(text) as { code?: number }).code;
  } catch {
    // not JSON; the assertion below reports the text
  }
  return { status: response.status, code, text: text.slice(0, 300) };
}

/** A 2xx, or a non-500 answer carrying a documented code; otherwise what went wrong. */
function undocumented(answer: Answer, what: string): string | null {
  const ok =
    (answer.status >= 200 && answer.status < 300) || (answer.status !== 500 && answer.code !== undefined && DOCUMENTED.has(answer.code));
  return ok ? null : `${what} → HTTP ${answer.status}: ${answer.text}`;
}

function expectDocumented(answer: Answer, what: string): void {
  const problem = undocumented(answer, what);
  if (problem) throw new Error(problem);
}

// ---------------------------------------------------------------------------------------------
// Valid-looking params from a zod schema, so that a bad value at one field gets past the others.

type Def = { typeName: string; [key: string]: any };
const defOf = (schema: z.ZodTypeAny): Def => (schema as unknown as { _def: Def })._def;

/** Strings that satisfy the common field rules (ids, request ids, times, usernames, slugs …). */
const STRING_CANDIDATES = [
  '0123456789abcdef01234567',
  'fuzz-request-0001',
  '2030-01-01T00:00:00+08:00',
  'fuzz_user',
  'fuzz-slug',
  'ABCDEFGHJK',
  'https://item.taobao.com/item.htm?id=1',
  '#ff4f4f',
  'Asia/Shanghai',
  '20:00',
  '1',
  'x',
];

function sampleOf(schema: z.ZodTypeAny, depth = 0): unknown {
  const def = defOf(schema);
  if (depth > 8) return undefined;
  switch (def.typeName) {
    case 'ZodObject': {
      const shape = (schema as unknown as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>;
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(shape)) {
        const value = sampleOf(inner, depth + 1);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    case 'ZodString':
      return STRING_CANDIDATES.find((c) => schema.safeParse(c).success) ?? 'x';
    case 'ZodNumber':
      return [1, 0, 100, 1000, 0.5].find((n) => schema.safeParse(n).success) ?? 1;
    case 'ZodBoolean':
      return true;
    case 'ZodEnum':
      return def.values[0];
    case 'ZodNativeEnum':
      return Object.values(def.values)[0];
    case 'ZodLiteral':
      return def.value;
    case 'ZodArray': {
      const item = sampleOf(def.type, depth + 1);
      const min = def.minLength?.value ?? def.exactLength?.value ?? 1;
      return Array.from({ length: Math.max(1, min) }, () => item);
    }
    case 'ZodOptional': {
      // An optional field is left out when no candidate meets its rule (e.g. a cursor).
      const value = sampleOf(def.innerType, depth);
      return def.innerType.safeParse(value).success ? value : undefined;
    }
    case 'ZodNullable':
    case 'ZodDefault':
    case 'ZodReadonly':
    case 'ZodCatch':
    case 'ZodBranded':
      return sampleOf(def.innerType ?? def.type, depth);
    case 'ZodEffects':
      return sampleOf(def.schema, depth);
    case 'ZodPipeline':
      return sampleOf(def.in, depth);
    case 'ZodLazy':
      return sampleOf(def.getter(), depth + 1);
    case 'ZodUnion':
      return sampleOf(def.options[0], depth + 1);
    case 'ZodDiscriminatedUnion':
      return sampleOf([...def.options.values()][0] ?? def.options[0], depth + 1);
    case 'ZodTuple':
      return def.items.map((item: z.ZodTypeAny) => sampleOf(item, depth + 1));
    case 'ZodRecord':
      return {};
    default:
      return 'x';
  }
}

/** Paths to every leaf of a sample (arrays by their first element), and to every object itself. */
function leafPaths(value: unknown, path: string[] = []): string[][] {
  if (Array.isArray(value)) return [path, ...(value.length > 0 ? leafPaths(value[0], [...path, '0']) : [])];
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return [...(path.length > 0 ? [path] : []), ...entries.flatMap(([key, inner]) => leafPaths(inner, [...path, key]))];
  }
  return [path];
}

function topLevelKeys(schema: z.ZodTypeAny): string[] {
  const def = defOf(schema);
  if (def.typeName === 'ZodEffects') return topLevelKeys(def.schema);
  if (def.typeName === 'ZodObject') return Object.keys((schema as unknown as z.AnyZodObject).shape);
  return [];
}

const MARK = '__fuzz_marker__';

/** The sample as JSON text with the value at `path` replaced by a raw JSON fragment. */
function withFragment(sample: unknown, path: string[], fragment: string): string {
  if (path.length === 0) return fragment;
  const copy = structuredClone(sample) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[path[path.length - 1]!] = MARK;
  return JSON.stringify(copy).replace(JSON.stringify(MARK), fragment);
}

const deepArray = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const deepObject = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

/** Raw JSON fragments put at each field in turn. */
const BAD_FRAGMENTS: Array<[string, string]> = [
  ['a number', '12345'],
  ['a boolean', 'true'],
  ['null', 'null'],
  ['an empty array', '[]'],
  ['an empty object', '{}'],
  ['a 100k-character string', JSON.stringify('x'.repeat(100_000))],
  ['NUL inside text', JSON.stringify('a\u0000b')],
  ['NUL alone', JSON.stringify('\u0000')],
  ['"NaN"', '"NaN"'],
  ['"Infinity"', '"Infinity"'],
  ['1e308', '1e308'],
  ['-1e308', '-1e308'],
  ['1e309 (Infinity once parsed)', '1e309'],
  ['-0', '-0'],
  ['2^53+1', '9007199254740993'],
  ['-(2^53+1)', '-9007199254740993'],
  ['a fraction', '0.1'],
  ['-1', '-1'],
  ['year 9999 at +14:00', '"9999-12-31T23:59:59+14:00"'],
  ['year 0', '"0000-01-01T00:00:00Z"'],
  ['past JS Date range', '"+275760-09-13T00:00:00.001Z"'],
  ['before JS Date range', '"-271821-04-19T00:00:00Z"'],
  ['1970', '"1970-01-01T00:00:00Z"'],
  [`arrays nested ${MAX_JSON_DEPTH + 8} deep`, deepArray(MAX_JSON_DEPTH + 8)],
  [`objects nested ${MAX_JSON_DEPTH + 8} deep`, deepObject(MAX_JSON_DEPTH + 8)],
  ['a __proto__ key', '{"__proto__":{"polluted":true}}'],
  ['a constructor.prototype key', '{"constructor":{"prototype":{"polluted":true}}}'],
];

/** Whole bodies, sent as they are (some to /1.1/call too, where the rpc decoding runs first). */
const BAD_BODIES: Array<[string, string]> = [
  ['an array', '[]'],
  ['a string', '"x"'],
  ['a number', '1e308'],
  ['not JSON', '{"a":'],
  ['NUL in an unknown field', '{"x":"\\u0000"}'],
  ['NUL in a key', '{"a\\u0000":1}'],
  ['a 100k-character unknown field', JSON.stringify({ x: 'x'.repeat(100_000) })],
  ['arrays nested 5,000 deep', deepArray(5000)],
  ['objects nested 5,000 deep', `{"a":${deepObject(5000)}}`],
  [`arrays nested ${MAX_JSON_DEPTH + 1} deep`, deepArray(MAX_JSON_DEPTH + 1)],
  ['a __proto__ key', '{"__proto__":{"polluted":true}}'],
  ['a constructor key', '{"constructor":{"prototype":{"polluted":true}}}'],
  ['an rpc Date of year 0', '{"at":{"__type":"Date","iso":"0000-01-01T00:00:00Z"}}'],
];

/** A few random JSON values per function (fixed seed), at a random field of the sample. */
function randomFragments(name: string): string[] {
  const seed = SEED + [...name].reduce((sum, ch) => sum + ch.charCodeAt(0), 0);
  const values = fc.sample(
    fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.double(),
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    ),
    { seed, numRuns: 6 },
  );
  return values.map((v) =>
    typeof v === 'number' && !Number.isFinite(v) ? String(v > 0 ? '1e309' : '-1e309') : (JSON.stringify(v) ?? 'null'),
  );
}

interface Payload {
  what: string;
  path: string;
  body: string;
}

const day = 86_400_000;
/**
 * Valid params for functions whose rules across fields a generated sample cannot meet, so
 * that a bad value at one field reaches the handler (and the database) instead of stopping at
 * a cross-field 142. Every other function starts from its generated sample.
 */
const VALID_SAMPLES: Partial<Record<FunctionName, () => unknown>> = {
  saveCampaign: () => ({
    campaign: {
      // After the demo campaign's window, so that the two do not overlap.
      ...sampleCampaign(
        'fuzz-campaign',
        new Date(host.clock.now().getTime() + 200 * day),
        new Date(host.clock.now().getTime() + 210 * day),
      ),
      name: '模糊测试',
    },
  }),
  importUsersCsv: () => ({ csv: 'username,gender,taoqi,nickname\nfuzz_csv_user,female,10,Fuzz' }),
  runPoolSplit: () => ({ slot: new Date(host.clock.now().getTime() - day).toISOString() }),
  saveCoupon: () => ({
    coupon: {
      campaignId,
      kind: 'cross_store',
      title: '模糊测试券',
      shopName: null,
      thresholdFen: 10_000,
      discountFen: 1_000,
      percentOff: null,
      capFen: null,
      stockTotal: 10,
      perUserLimit: 1,
      claimStartsAt: null,
      claimEndsAt: null,
      validFrom: null,
      validUntil: null,
      validDays: 3,
      status: 'draft',
    },
  }),
  saveDeal: () => ({
    deal: {
      campaignId,
      productId: DEMO_CATALOG[0]!.productId,
      groupPriceFen: 1,
      leaderPriceFen: null,
      size: 2,
      timeLimitHours: 24,
      virtualCompletion: false,
      perUserLimit: 1,
      openingsTotal: 5,
      status: 'stopped',
    },
  }),
  saveProduct: () => ({
    product: {
      productId: DEMO_CATALOG[0]!.productId,
      title: '模糊测试商品',
      shopName: DEMO_CATALOG[0]!.shopName,
      priceFen: DEMO_CATALOG[0]!.priceFen,
      category: DEMO_CATALOG[0]!.category,
      images: [],
      stock: null,
    },
  }),
  importCatalog: () => ({
    csv: 'link,title,shopName,priceFen,category,stock\nhttps://item.taobao.com/item.htm?id=700000000001,模糊,店,100,食品,3',
  }),
};

function payloadsFor(fn: CloudFunction): Payload[] {
  const sample = VALID_SAMPLES[fn.name]?.() ?? sampleOf(fn.params) ?? {};
  const out: Payload[] = BAD_BODIES.map(([what, body]) => ({ what: `body: ${what}`, path: `/1.1/functions/${fn.name}`, body }));
  out.push(
    ...BAD_BODIES.filter(([what]) => /nested|rpc|proto/.test(what)).map(([what, body]) => ({
      what: `rpc body: ${what}`,
      path: `/1.1/call/${fn.name}`,
      body,
    })),
  );
  out.push({
    what: 'sample with a __proto__ key',
    path: `/1.1/functions/${fn.name}`,
    body: JSON.stringify(sample).replace(/^\{/, '{"__proto__":{"polluted":true},').replace(',}', '}'),
  });
  const paths = leafPaths(sample).filter((p) => p.length > 0);
  // Top-level fields the sample leaves out are fuzzed too.
  for (const key of topLevelKeys(fn.params)) if (!paths.some((p) => p[0] === key)) paths.push([key]);
  for (const path of paths) {
    for (const [what, fragment] of BAD_FRAGMENTS)
      out.push({ what: `${path.join('.')} = ${what}`, path: `/1.1/functions/${fn.name}`, body: withFragment(sample, path, fragment) });
    out.push({
      what: `${path.join('.')} = an rpc Date of year 0`,
      path: `/1.1/call/${fn.name}`,
      body: withFragment(sample, path, '{"__type":"Date","iso":"0000-01-01T00:00:00Z"}'),
    });
  }
  const random = randomFragments(fn.name);
  random.forEach((fragment, i) => {
    const path = paths.length > 0 ? paths[i % paths.length]! : [];
    out.push({
      what: `${path.join('.') || 'body'} = random ${fragment.slice(0, 40)}`,
      path: `/1.1/functions/${fn.name}`,
      body: withFragment(sample, path, fragment),
    });
  });
  return out;
}

/** Whether the function's schema accepts what the body decodes to: only such calls reach a handler. */
function reachesHandler(fn: CloudFunction, p: Payload): boolean {
  try {
    const parsed: unknown = JSON.parse(p.body);
    return fn.params.safeParse((p.path.startsWith('/1.1/call/') ? decodeRpcParams(parsed) : parsed) ?? {}).success;
  } catch {
    return false;
  }
}

/** Callers that get past the access check of a function (those without it are in authorization.test.ts). */
function callersWithAccess(fn: CloudFunction): Caller[] {
  switch (fn.access) {
    case 'master':
      return [MASTER];
    case 'user':
      return [MARKETER];
    case 'viewer':
    case 'marketer':
    case 'public':
      return [MASTER, MARKETER];
  }
}

async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return results;
}

/** A successful call may have ended the marketer's session (logout): log in again. */
async function keepMonaLoggedIn(): Promise<void> {
  const answer = await send(MARKETER, '/1.1/functions/me', '{}');
  if (answer.status !== 200) mona = await login('mona');
}

describe(`fuzzing every registered function (${testEngine()})`, () => {
  // Nothing is skipped: every registered function is fuzzed by every caller that has its access.
  it('covers the whole registry', () => {
    expect(cloudFunctions.size).toBeGreaterThan(50);
  });

  for (const fn of cloudFunctions.values()) {
    it(`${fn.name}: no 500 on bad input, and a refused call changes nothing`, async () => {
      const payloads = payloadsFor(fn);
      // Every bad answer of the function is listed, not only the first.
      const problems: string[] = [];
      for (const caller of callersWithAccess(fn)) {
        const refusedEarly = payloads.filter((p) => !reachesHandler(fn, p));
        const reaching = payloads.filter((p) => reachesHandler(fn, p));

        // Calls the schema refuses never reach a handler: run them side by side, then compare once.
        const before = await fingerprintTables(host.store);
        const answers = await mapLimit(refusedEarly, 6, async (p) => ({ p, answer: await send(caller, p.path, p.body) }));
        for (const { p, answer } of answers) {
          const problem = undocumented(answer, `${fn.name} as ${caller.label} with ${p.what}`);
          if (problem) problems.push(problem);
          else if (answer.status < 300) problems.push(`${fn.name} as ${caller.label} accepted ${p.what}`);
        }
        expect(await fingerprintTables(host.store)).toEqual(before);

        // Calls that reach the handler, one at a time, each refused one proven to change nothing.
        for (const p of reaching) {
          const ahead = await fingerprintTables(host.store);
          const answer = await send(caller, p.path, p.body);
          const problem = undocumented(answer, `${fn.name} as ${caller.label} with ${p.what}`);
          if (problem) problems.push(problem);
          if (answer.status >= 300)
            expect({ call: p.what, tables: await fingerprintTables(host.store) }).toEqual({ call: p.what, tables: ahead });
          else await keepMonaLoggedIn();
        }
      }
      expect(problems).toEqual([]);
      // No call may have polluted the host's prototypes (the host runs in this process).
      expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('refuses NUL, deep nesting and prototype keys on the REST routes too, changing nothing', async () => {
    const anonymous: Caller = { label: 'anonymous', master: false };
    const before = await fingerprintTables(host.store);
    const cases: Array<[Caller, string, string, string]> = [
      [anonymous, 'POST', '/1.1/login', JSON.stringify({ username: 'mona\u0000', password: 'demo1234' })],
      [anonymous, 'POST', '/1.1/login', JSON.stringify({ username: 'mona', password: 'demo\u00001234' })],
      [anonymous, 'POST', '/1.1/login', `{"username":${deepArray(5000)}}`],
      [anonymous, 'POST', '/1.1/users', JSON.stringify({ authData: { lc_weapp: { code: 'c\u0000' } } })],
      [anonymous, 'POST', '/1.1/users', '{"__proto__":{"polluted":true}}'],
      [MARKETER, 'PUT', `/1.1/classes/_User/me`, JSON.stringify({ nickname: 'M\u0000' })],
    ];
    const me = await send(MARKETER, '/1.1/users/me', undefined, 'GET');
    const monaId = (JSON.parse(me.text) as { objectId: string }).objectId;
    cases.push([MARKETER, 'PUT', `/1.1/classes/_User/${monaId}`, JSON.stringify({ nickname: 'M\u0000' })]);
    cases.push([MARKETER, 'PUT', `/1.1/classes/_User/${monaId}`, JSON.stringify({ nickname: 'x'.repeat(100_000) })]);
    for (const [caller, method, path, body] of cases) {
      const answer = await send(caller, path, body, method);
      expectDocumented(answer, `${method} ${path} ${body.slice(0, 60)}`);
      expect(answer.status).toBeGreaterThanOrEqual(400);
    }
    expect(await fingerprintTables(host.store)).toEqual(before);
  });

  it('refuses the inputs that used to answer 500, changing nothing', async () => {
    const before = await fingerprintTables(host.store);
    const campaign = (VALID_SAMPLES.saveCampaign!() as { campaign: Record<string, unknown> }).campaign;
    const cases: Array<[Caller, string, unknown]> = [
      [MARKETER, 'listProducts', { query: 'ab\u0000c' }],
      [MARKETER, 'importUsersCsv', { csv: 'username,gender,taoqi,nickname\nfuzz_nul,female,10,Nu\u0000l' }],
      [MASTER, 'importUsers', { users: [{ username: 'fuzz_nul', gender: 'female', taoqi: 1, nickname: 'Nu\u0000l' }] }],
      [MARKETER, 'saveCampaign', { campaign: { ...campaign, page: { ...(campaign.page as object), rulesText: 'a\u0000b' } } }],
      [MARKETER, 'saveCampaign', { campaign: { ...campaign, name: '\u0000' } }],
      [MARKETER, 'saveCampaign', { campaign: { ...campaign, startsAt: '9999-12-31T23:59:59+14:00', endsAt: '9999-12-31T23:59:59+14:00' } }],
      [MARKETER, 'saveCampaign', { campaign: { ...campaign, startsAt: '0000-01-01T00:00:00Z' } }],
      [MASTER, 'runPoolSplit', { slot: '9999-12-31T23:59:59+14:00' }],
      [MASTER, 'runPoolSplit', { slot: '0000-01-01T00:00:00Z' }],
      [MARKETER, 'createGroup', { name: 'a\u0000b', requestId: 'fuzz-nul-000001' }],
    ];
    for (const [caller, name, params] of cases) {
      for (const path of [`/1.1/functions/${name}`, `/1.1/call/${name}`]) {
        const answer = await send(caller, path, JSON.stringify(params));
        expect({ path, params, status: answer.status, code: answer.code }).toEqual({ path, params, status: 400, code: 142 });
      }
    }
    for (const name of ['ping', 'getCampaignPage', 'saveCampaign']) {
      const answer = await send(MASTER, `/1.1/call/${name}`, deepArray(5000));
      expect({ name, status: answer.status, code: answer.code }).toEqual({ name, status: 400, code: 142 });
    }
    expect(await fingerprintTables(host.store)).toEqual(before);
  });

  it('names where the NUL is and the nesting limit', async () => {
    const nul = await send(MARKETER, '/1.1/functions/listProducts', JSON.stringify({ query: 'ab\u0000c' }));
    expect(nul).toMatchObject({ status: 400, code: 142 });
    expect(nul.text).toContain('query');
    expect(nul.text).toContain('NUL');
    const deep = await send(MASTER, '/1.1/call/ping', `{"a":${deepObject(MAX_JSON_DEPTH)}}`);
    expect(deep).toMatchObject({ status: 400, code: 142 });
    expect(deep.text).toContain(`${MAX_JSON_DEPTH} levels`);
    // Nesting up to the limit is fine (the schema then decides).
    expect(await send(MASTER, '/1.1/functions/ping', `{"a":${deepObject(MAX_JSON_DEPTH - 2)}}`)).toMatchObject({ status: 400, code: 142 });
    const date = await send(MASTER, '/1.1/functions/runPoolSplit', JSON.stringify({ slot: '0000-01-01T00:00:00Z' }));
    expect(date).toMatchObject({ status: 400, code: 142 });
    expect(date.text).toContain('2000');
  });
});
