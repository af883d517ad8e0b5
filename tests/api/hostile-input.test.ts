import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '#src/app.ts';
import {
  ARTIST_KINDS,
  CREDIT_ROLES,
  TAG_KINDS,
  TIE_IN_ROLES,
  WORK_KINDS,
} from '#src/catalog/vocabulary.ts';
import type { ImportFile } from '#src/catalog-import/index.ts';
import type { DialectName } from '#src/db/connect.ts';
import { readImportFile } from '#src/catalog-import/read-import-file.ts';
import { readContentPack } from '#src/content-pack/index.ts';
import { ValidationError, type Problem } from '#src/shared/errors.ts';
import { useTestApp } from '#tests/factories/app.ts';
import { usePeople } from '#tests/factories/people.ts';

/**
 * Hostile input everywhere the outside world reaches in: every parameter of every public
 * page and API route, every query string, every body, the catalog import's parsers and the
 * content pack's. Whatever arrives, the answer is never a 5xx (or a crash, or a hang):
 * pages answer with an HTML error page, the API with problem+json naming the field at
 * fault, the parsers with problems naming file, field and line.
 *
 * The properties run a fixed number of times from a fixed seed, so CI sees the same
 * inputs on every run. HOSTILE_RUNS=5000 runs every property that many times instead;
 * HOSTILE_SEED=n tries other inputs; HOSTILE_DIALECT=postgres (with TEST_DATABASE_URL)
 * runs it all on PostgreSQL rather than SQLite.
 */

const DIALECT: DialectName = process.env.HOSTILE_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
const SEED = Number(process.env.HOSTILE_SEED ?? 20261126);
const RUNS_OVERRIDE = Number(process.env.HOSTILE_RUNS ?? 0);
const runs = (n: number) => (RUNS_OVERRIDE > 0 ? RUNS_OVERRIDE : n);
/** fast-check's settings for a property run `n` times by default. */
const settings = (n: number) => ({ seed: SEED, numRuns: runs(n), endOnFailure: true });
/** A test's time limit: generous for the default runs, scaled for HOSTILE_RUNS. */
const timeout = (n: number, msPerRun = 60) => Math.max(20_000, runs(n) * msPerRun * 2);

const LOCALES = ['en', 'ja', 'zh-hant', 'ko'];
const SEARCH_KINDS = ['song', 'artist', 'work', 'feature', 'tag'];
const KINDS = ['songs', 'artists', 'works', 'tags'] as const;
type Kind = (typeof KINDS)[number];

// ——— Text as a hostile client writes it into an address ———

function utf8Bytes(codePoint: number): number[] {
  const c = codePoint;
  if (c < 0x80) return [c];
  if (c < 0x800) return [0xc0 | (c >> 6), 0x80 | (c & 63)];
  if (c < 0x10000) return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
  return [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
}

/**
 * Percent-encodes any JavaScript string, lone surrogates included (as the three bytes a
 * careless encoder writes for them, which are not UTF-8), where encodeURIComponent throws.
 */
function percentEncode(text: string): string {
  let out = '';
  for (const ch of text) {
    if (/^[A-Za-z0-9\-_.~]$/.test(ch)) out += ch;
    else
      out += utf8Bytes(ch.codePointAt(0) as number)
        .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
        .join('');
  }
  return out;
}

/** Up to `max` characters of any code units, repeated from a short random piece. */
const longText = (max: number) =>
  fc
    .tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max }))
    .map(([piece, n]) => piece.repeat(Math.ceil(n / piece.length)).slice(0, n));

/** Numbers as people and programs write them, and as nobody should. */
const numberText = fc.oneof(
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
  fc.constantFrom(
    '100000000000000000000',
    '99999999999999999999999999999999999999',
    '1e20',
    '1e400',
    '-1',
    '0',
    '-0',
    '00',
    '01',
    '1.5',
    '1.0',
    '2.',
    '0x10',
    '0b1',
    '+1',
    ' 1',
    '1 ',
    '١',
    '１',
    '2',
    '3',
    '999999',
    '1000000',
    '9007199254740993',
    'NaN',
    'Infinity',
    '-Infinity',
    '',
  ),
);

const slugLike = fc
  .array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join('-'));

/** One path segment, already in the form it takes in an address. */
const hostileSegment = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }).map(percentEncode),
  fc.string({ unit: 'grapheme', maxLength: 20 }).map(percentEncode),
  // Raw characters an address may hold, '%' among them: most of these are bad encodings.
  fc.string({ unit: fc.constantFrom(..."az09-_.~!$&'()*+,;=:@%"), maxLength: 30 }),
  numberText.map(percentEncode),
  fc.constantFrom(
    '.',
    '..',
    '...',
    '%2e',
    '%2E%2E',
    '..%2F..%2Fpackage.json',
    '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '%2F',
    '%5C',
    '..%5C..%5C',
    '..;',
    '%252e%252e',
  ),
  fc.constantFrom(
    '%',
    '%%',
    '%G0',
    '%E0%A4%A',
    '%FF',
    '%C0%AF',
    '%ED%A0%80',
    '%F4%90%80%80',
    '%C3%28',
    '%E2%82',
    '%00',
    'a%00b',
    '%00.html',
    '%u0000',
    '%0A',
    '%0D%0A',
  ),
  fc.integer({ min: 150, max: 5000 }).map((n) => 'a'.repeat(n)),
  slugLike,
  fc.constantFrom(
    'EN',
    'Ja',
    'zh-Hant',
    'zh_hant',
    'en-US',
    'api',
    'admin',
    'assets',
    'about',
    'search',
    'songs',
    'feed.xml',
    'robots.txt',
    'index.html',
    'toString',
    '__proto__',
    'constructor',
    'hasOwnProperty',
  ),
);

/** A real value half the time, something hostile otherwise. */
const either = (values: readonly string[]) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...values) },
    { weight: 3, arbitrary: hostileSegment },
  );

/** One character that text handling trips over: NUL, halves of pairs, controls, markup. */
const hostileChar = fc.constantFrom(
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\u202E',
  '\uFFFE',
  '\uFEFF',
  '\u0085',
  '\u2028',
  '\u0007',
  '\r\n',
  '\t',
  '<',
  '&',
  '"',
  "'",
  '\\',
  '%',
  '💥',
  'ｱ',
);

const queryValue = fc.oneof(
  // An ordinary word with one hostile character in it.
  fc
    .tuple(fc.constantFrom('a', 'sad', 'rain', 'ai', '2', 'en'), hostileChar, fc.boolean())
    .map(([word, c, before]) => percentEncode(before ? `${c}${word}` : `${word}${c}`)),
  fc.string({ unit: 'binary', maxLength: 30 }).map(percentEncode),
  longText(10_000).map(percentEncode),
  numberText.map(percentEncode),
  fc.constantFrom(
    '%',
    '%zz',
    '%E0%A4%A',
    '%FF',
    '%ED%A0%80',
    '%ED%B0%80',
    '%00',
    'a%00b',
    '+',
    '%2B',
    '%26',
    '%3D',
    '[]',
  ),
  fc.constantFrom(
    ...LOCALES,
    ...SEARCH_KINDS,
    ...TIE_IN_ROLES,
    'playlist',
    'article',
    '1',
    '2',
    '2010s',
    '0000s',
    'a',
    'sad',
    'anime-songs',
    '2026-01-01',
    '2026-02-30',
    '9999-12-31',
    '0000-01-01',
  ),
);

/** A query string of known and unknown keys, repeated or not, with or without values. */
const queryString = (keys: readonly string[]) =>
  fc
    .array(
      fc.tuple(
        fc.oneof(
          { weight: 5, arbitrary: fc.constantFrom(...keys) },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              '__proto__',
              'constructor',
              'toString',
              '',
              `${keys[0] ?? 'q'}[]`,
              `${keys[0] ?? 'q'}[0]`,
              '__proto__[x]',
            ),
          },
          { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 10 }).map(percentEncode) },
        ),
        fc.option(queryValue, { nil: undefined, freq: 8 }),
      ),
      { maxLength: 6 },
    )
    .map((pairs) =>
      pairs.length === 0
        ? ''
        : `?${pairs.map(([k, v]) => (v === undefined ? k : `${k}=${v}`)).join('&')}`,
    );

// ——— What every answer must look like ———

type Answer = Awaited<ReturnType<App['http']['inject']>>;

/**
 * The address the server receives for `url` through inject, which resolves dot segments
 * (`..`, `%2E%2E`) as browsers do: `/en/%2E%2E/api/v1/x` reaches the API.
 */
function received(url: string): string {
  const parsed = new URL(url.startsWith('//') ? `http://localhost${url}` : url, 'http://localhost');
  return parsed.pathname + parsed.search;
}

/** A public page: never 5xx; an error is an HTML page; a redirect stays on this site. */
function expectPage(res: Answer, url: string): void {
  const what = `GET ${url.slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, what).toBeLessThan(500);
  if (res.statusCode >= 400 && !received(url).startsWith('/api/')) {
    expect(String(res.headers['content-type']), what).toMatch(/^text\/html/);
    expect(res.body, what).toMatch(/^<!doctype html>/i);
  }
  if (res.statusCode >= 300 && res.statusCode < 400) {
    // Somewhere on this site: not //evil.example, not /\evil.example.
    expect(String(res.headers.location), what).toMatch(/^\/(?![/\\])/);
  }
}

/** The first name in a field path: `record.credits[0].artist` → `record`. */
const rootOf = (field: string) => field.split(/[.[]/)[0] ?? '';

/**
 * An API answer: never 5xx; JSON when it worked; problem+json when not, with a status
 * that matches; a 400's `errors[]` each name one of `fields` (or the detail says what).
 */
function expectApi(res: Answer, fields: readonly string[], request: string): void {
  const what = `${request.slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 400)}`;
  expect(res.statusCode, what).toBeLessThan(500);
  const type = String(res.headers['content-type'] ?? '');
  if (res.statusCode < 300) {
    if (res.statusCode !== 204) expect(type, what).toMatch(/^application\/json/);
    return;
  }
  expect(type, what).toMatch(/^application\/problem\+json/);
  const problem = res.json() as {
    status: number;
    title: string;
    detail: string;
    errors?: { field: string; message: string }[];
  };
  expect(problem.status, what).toBe(res.statusCode);
  expect(problem.title, what).toEqual(expect.any(String));
  expect(problem.detail, what).toEqual(expect.any(String));
  expect(problem.detail.length, what).toBeGreaterThan(0);
  if (res.statusCode !== 400) return;
  if (problem.errors) {
    expect(problem.errors.length, what).toBeGreaterThan(0);
    for (const e of problem.errors) {
      expect(fields, what).toContain(rootOf(e.field));
      expect(e.message.length, what).toBeGreaterThan(0);
    }
  } else {
    // A body that is not JSON at all has no fields to name: the detail says it is the body.
    expect(problem.detail, what).toMatch(/body|JSON/i);
  }
}

// ——— Bodies: anything JSON can say, and valid bodies with a few things wrong ———

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type PathPart = string | number;

function pathsOf(value: unknown, at: PathPart[] = [], out: PathPart[][] = []): PathPart[][] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...at, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...at, k], out);
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Sets an own property, even one called __proto__. */
const put = (target: Record<PathPart, unknown>, key: PathPart, value: unknown) =>
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });

interface Mutation {
  at: number;
  /** taint: one hostile character into a text that is otherwise fine. */
  op: 'replace' | 'delete' | 'add' | 'taint';
  key: string;
  value: unknown;
  char: string;
}

function valueAt(doc: unknown, at: readonly PathPart[]): unknown {
  let node = doc;
  for (const key of at) node = (node as Record<PathPart, unknown>)[key];
  return node;
}

/** `base` with each mutation applied in turn at one of its values (by index, wrapping). */
function mutate(base: unknown, mutations: readonly Mutation[]): unknown {
  let doc = structuredClone(base);
  for (const m of mutations) {
    const paths =
      m.op === 'taint'
        ? pathsOf(doc).filter((p) => typeof valueAt(doc, p) === 'string')
        : pathsOf(doc);
    if (paths.length === 0) continue;
    const at = paths[m.at % paths.length] as PathPart[];
    if (m.op === 'taint') {
      const text = valueAt(doc, at) as string;
      const i = m.at % (text.length + 1);
      const tainted = `${text.slice(0, i)}${m.char}${text.slice(i)}`;
      if (at.length === 0) doc = tainted;
      else put(valueAt(doc, at.slice(0, -1)) as Record<PathPart, unknown>, at.at(-1)!, tainted);
      continue;
    }
    if (at.length === 0) {
      if (m.op === 'add' && isObject(doc)) put(doc, m.key, m.value);
      else if (m.op === 'add' && Array.isArray(doc)) doc.push(m.value);
      else if (m.op === 'replace') doc = m.value;
      continue;
    }
    let parent = doc as Record<PathPart, unknown>;
    for (const key of at.slice(0, -1)) parent = parent[key] as Record<PathPart, unknown>;
    const last = at[at.length - 1] as PathPart;
    const target = parent[last];
    if (m.op === 'replace') put(parent, last, m.value);
    else if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
    } else if (Array.isArray(target)) target.push(m.value);
    else if (isObject(target)) put(target, m.key, m.value);
    else put(parent, last, m.value);
  }
  return doc;
}

/** Values that break things: edges of numbers and dates, empty and odd text, wrong types. */
const edgeValue = fc.constantFrom<Json>(
  0,
  -1,
  1,
  1.5,
  1e20,
  2 ** 53 + 2,
  1e308,
  -1e308,
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDC00x',
  '\u202E',
  '<script>alert(1)</script>',
  "'; drop table songs; --",
  '"*NEAR(',
  null,
  true,
  false,
  [],
  {},
  [[[]]],
  '2026-02-30',
  '2026-13-01',
  '2026',
  '+275760-09-13T00:00:00.000Z',
  '9999-12-31T23:59:59Z',
  '0000-01-01',
  '-000001-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '2026-11-26T12:00:00+14:00',
);

const mutationsOf = (values: fc.Arbitrary<unknown>, keys: readonly string[]) =>
  fc.array(
    fc.record({
      at: fc.nat(),
      op: fc.constantFrom<Mutation['op']>('replace', 'replace', 'delete', 'add', 'taint'),
      key: fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 })),
      value: values,
      char: hostileChar,
    }),
    { minLength: 1, maxLength: 4 },
  );

/** How a body reaches the server: mostly JSON, sometimes dressed as something else. */
interface Sent {
  payload: string | Buffer;
  headers: Record<string, string>;
}
type Encoding = (body: unknown) => Sent;
const asJson =
  (type: string): Encoding =>
  (body) => ({
    payload: JSON.stringify(body) ?? 'null',
    headers: { 'content-type': type },
  });
const encoding: fc.Arbitrary<Encoding> = fc.oneof(
  { weight: 8, arbitrary: fc.constant(asJson('application/json')) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        'text/plain',
        'text/plain; charset=utf-8',
        'application/json; charset=utf-8',
        'application/JSON',
      )
      .map(asJson),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        'application/xml',
        'multipart/form-data; boundary=x',
        'application/x-www-form-urlencoded',
        'application/octet-stream',
        'text/html',
        'application/json; charset=utf-16',
        ';;;',
      )
      .map(asJson),
  },
  {
    // Invalid UTF-8 spliced into the text.
    weight: 1,
    arbitrary: fc
      .tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 }))
      .map(([at, bytes]): Encoding => (body) => {
        const buffer = Buffer.from(JSON.stringify(body) ?? 'null');
        const i = at % (buffer.length + 1);
        return {
          payload: Buffer.concat([buffer.subarray(0, i), Buffer.from(bytes), buffer.subarray(i)]),
          headers: { 'content-type': 'application/json' },
        };
      }),
  },
);

/** Bytes spliced, cut and inserted: what a broken editor or a cut-short download leaves. */
const edited = (bytes: Buffer) =>
  fc
    .array(
      fc.record({
        at: fc.nat(),
        cut: fc.nat({ max: 40 }),
        insert: fc.oneof(
          fc.constantFrom(
            ',',
            '"',
            '\n',
            '\r\n',
            ';',
            ':',
            '{',
            '}',
            '[',
            ']',
            '\u0000',
            '\\',
            '""',
            ',,,,',
          ),
          fc.string({ unit: 'binary', maxLength: 8 }),
          fc.uint8Array({ maxLength: 4 }).map((b) => Buffer.from(b).toString('latin1')),
        ),
      }),
      { maxLength: 5 },
    )
    .map((edits) => {
      let out = bytes;
      for (const e of edits) {
        const i = e.at % (out.length + 1);
        out = Buffer.concat([out.subarray(0, i), Buffer.from(e.insert), out.subarray(i + e.cut)]);
      }
      return out;
    });

// ——— The suite ———

describe(`hostile input on ${DIALECT}`, () => {
  const { app, get } = useTestApp(DIALECT);
  const { tokens } = usePeople(app);

  const slugs: Record<Kind | 'features' | 'categories', string[]> = {
    songs: [],
    artists: [],
    works: [],
    tags: [],
    features: [],
    categories: [],
  };
  let assets: string[] = [];

  beforeAll(async () => {
    const { db } = app().database;
    const column = async (table: Kind | 'categories') =>
      (await db.selectFrom(table).select('slug').orderBy('slug').limit(30).execute()).map(
        (r) => r.slug,
      );
    for (const kind of [...KINDS, 'categories'] as const) slugs[kind] = await column(kind);
    slugs.features = (
      await db
        .selectFrom('features')
        .select('slug')
        .where('status', '=', 'published')
        .orderBy('slug')
        .execute()
    ).map((r) => r.slug);
    const page = await get(`/en/${slugs.features[0]}`);
    assets = [...page.body.matchAll(/\/assets\/([^"'?#\s]+)/g)].map((m) => m[1] as string);
  });

  const inject = (options: {
    method?: 'GET' | 'POST' | 'PUT';
    url: string;
    who?: 'editor' | 'admin';
    payload?: string | Buffer;
    headers?: Record<string, string>;
    remoteAddress?: string;
  }) =>
    app().http.inject({
      method: options.method ?? 'GET',
      url: options.url,
      ...(options.payload === undefined ? {} : { payload: options.payload }),
      ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
      headers: {
        ...options.headers,
        ...(options.who ? { authorization: `Bearer ${tokens[options.who]}` } : {}),
      },
    });

  describe('specific hostile requests', () => {
    const json = { 'content-type': 'application/json' };
    /** The server still answers an ordinary request. */
    const stillAnswers = async () => {
      expect((await get('/api/v1/categories')).statusCode).toBe(200);
      expect((await get('/en/')).statusCode).toBe(200);
    };
    /** A problem+json answer with `status`, naming `field` when given. */
    const expectProblem = (res: Answer, status: number, field?: string) => {
      expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
      expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
      const problem = res.json() as {
        status: number;
        detail: string;
        errors?: { field: string }[];
      };
      expect(problem.status).toBe(status);
      expect(problem.detail.length).toBeGreaterThan(0);
      if (field) expect(problem.errors?.map((e) => e.field)).toContain(field);
    };

    it('refuses bodies far over the limit with 413, as JSON or as text', async () => {
      const huge = JSON.stringify({ song: 'a'.repeat(5 * 1024 * 1024), locale: 'en' });
      expectProblem(
        await inject({ method: 'POST', url: '/api/v1/plays', payload: huge, headers: json }),
        413,
      );
      expectProblem(
        await inject({
          method: 'POST',
          url: '/api/v1/plays',
          payload: huge,
          headers: { 'content-type': 'text/plain' },
        }),
        413,
      );
      expectProblem(
        await inject({
          method: 'POST',
          url: '/api/v1/editor/features',
          who: 'editor',
          payload: huge,
          headers: json,
        }),
        413,
      );
      await stillAnswers();
    });

    it('refuses 100,000 levels of nesting with a 400, without overflowing the stack', async () => {
      const depth = 100_000;
      const arrays = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      const objects = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      for (const payload of [arrays, objects]) {
        expectProblem(
          await inject({ method: 'POST', url: '/api/v1/plays', payload, headers: json }),
          400,
        );
        expectProblem(
          await inject({
            method: 'POST',
            url: '/api/v1/plays',
            payload,
            headers: { 'content-type': 'text/plain' },
          }),
          400,
        );
      }
      // Inside a field that is validated, not at the top.
      expectProblem(
        await inject({
          method: 'POST',
          url: '/api/v1/editor/songs',
          who: 'editor',
          payload: `{"record":{"slug":"deep","title":{"original":"Deep"},"credits":${arrays}}}`,
          headers: json,
        }),
        400,
        'record.credits[0]',
      );
      await stillAnswers();
    });

    it('names the field when a JSON body holds bytes that are not UTF-8', async () => {
      const body = (song: Buffer) =>
        Buffer.concat([Buffer.from('{"song":"'), song, Buffer.from('","locale":"en"}')]);
      for (const bad of [
        [0xff, 0xfe],
        [0xc0, 0xaf],
        [0xed, 0xa0, 0x80],
        [0x80],
        [0xf4, 0x90, 0x80, 0x80],
      ])
        expectProblem(
          await inject({
            method: 'POST',
            url: '/api/v1/plays',
            payload: body(Buffer.from(bad)),
            headers: json,
          }),
          400,
          'song',
        );
      const login = Buffer.concat([
        Buffer.from('{"email":"'),
        Buffer.from([0xff]),
        Buffer.from('","password":'),
        Buffer.from('1}'),
      ]);
      expectProblem(
        await inject({ method: 'POST', url: '/api/v1/auth/login', payload: login, headers: json }),
        400,
        'password',
      );
    });

    it('answers addresses with invalid UTF-8 or NUL with a 404 page or a problem naming the parameter', async () => {
      for (const bad of ['%FF', '%C0%AF', '%ED%A0%80', '%E0%A4%A', 'a%00b', '%00']) {
        for (const url of [`/en/songs/${bad}`, `/${bad}/about`, `/en/${bad}`, `/en/${bad}/2`]) {
          const res = await get(url);
          expect(res.statusCode, url).toBe(404);
          expect(String(res.headers['content-type'])).toMatch(/^text\/html/);
        }
        const api = await get(`/api/v1/songs/${bad}`);
        if (api.statusCode === 400) expectProblem(api, 400, 'slug');
        else expectProblem(api, 404);
        expectPage(await get(`/en/search?q=${bad}`), `/en/search?q=${bad}`);
        expectApi(await get(`/api/v1/search?q=${bad}`), ['q'], `GET /api/v1/search?q=${bad}`);
      }
      expectProblem(await get('/api/v1/features/a%00b'), 400, 'slug');
      expectProblem(await get('/api/v1/features/a%00b/../x?page=%00'), 400, 'page');
      expect((await get('/en/search?q=%00')).statusCode).toBe(200);
      expect((await get('/en/search?q=a%00b&type=%00&page=%00')).statusCode).toBe(200);
    });

    it('answers an address that starts with // with the 404 page (it was a 500)', async () => {
      for (const url of ['//', '//?all=1', '//en', '//en/about?x=1', '///', '//evil.example/en/']) {
        const res = await get(url);
        expectPage(res, url);
        expect(res.statusCode, url).toBe(404);
      }
    });

    it('takes no body but JSON (or JSON sent as text by sendBeacon)', async () => {
      const play = JSON.stringify({ song: slugs.songs[0], locale: 'en' });
      for (const type of [
        'application/xml',
        'multipart/form-data; boundary=x',
        'application/x-www-form-urlencoded',
        'application/octet-stream',
        'image/png',
      ])
        expectProblem(
          await inject({
            method: 'POST',
            url: '/api/v1/plays',
            payload: play,
            headers: { 'content-type': type },
          }),
          415,
        );
      expectProblem(
        await inject({
          method: 'POST',
          url: '/api/v1/plays',
          payload: 'song=x&locale=en',
          headers: { 'content-type': 'text/plain' },
        }),
        400,
      );
      expectProblem(
        await inject({
          method: 'POST',
          url: '/api/v1/editor/preview',
          who: 'editor',
          payload: '<markdown>x</markdown>',
          headers: { 'content-type': 'application/xml' },
        }),
        415,
      );
    });

    it('answers huge, negative and fractional page numbers with 404, or a problem naming page', async () => {
      const feature = slugs.features[0] as string;
      for (const n of [
        '100000000000000000000',
        '1e20',
        '999999',
        '1000000',
        '-1',
        '0',
        '1.5',
        '2.0',
        '0x2',
        '%202',
      ])
        expect((await get(`/en/${feature}/${n}`)).statusCode, n).toBe(404);
      expectProblem(await get(`/api/v1/features/${feature}?page=100000`), 404);
      for (const n of ['100000000000000000000', '100001', '-1', '0', '1.5', 'x', '', '1&page=2'])
        expectProblem(await get(`/api/v1/features/${feature}?page=${n}`), 400, 'page');
      for (const n of ['100000000000000000000', '-1', '1.5', 'NaN'])
        expectPage(await get(`/en/search?q=a&page=${n}`), `/en/search?q=a&page=${n}`);
      expectProblem(await get('/api/v1/search?q=a&page=100000000000000000000'), 400, 'page');
    });

    it('searches 10,000 characters quickly: the page answers, the API names q', async () => {
      for (const text of ['a'.repeat(10_000), 'あ'.repeat(10_000), '"* NEAR( '.repeat(1_111)]) {
        const q = encodeURIComponent(text);
        const started = Date.now();
        const page = await get(`/en/search?q=${q}`);
        expect(page.statusCode).toBe(200);
        expectProblem(await get(`/api/v1/search?q=${q}`), 400, 'q');
        expectProblem(await get(`/api/v1/suggest?q=${q}`), 400, 'q');
        expectProblem(
          await inject({ url: `/api/v1/editor/songs?q=${q}`, who: 'editor' }),
          400,
          'q',
        );
        expect(Date.now() - started).toBeLessThan(5_000);
      }
    });

    it('renders pathological Markdown in a preview quickly', async () => {
      for (const markdown of [
        '>'.repeat(49_000),
        '['.repeat(49_000),
        `${'*'.repeat(24_000)}a${'_'.repeat(24_000)}`,
        '- '.repeat(20_000),
        '`'.repeat(49_000),
        `${'<a>'.repeat(16_000)}`,
        `${'[a]('.repeat(12_000)}`,
      ]) {
        const started = Date.now();
        const res = await inject({
          method: 'POST',
          url: '/api/v1/editor/preview',
          who: 'editor',
          payload: JSON.stringify({ markdown }),
          headers: json,
        });
        expect(res.statusCode, markdown.slice(0, 10)).toBe(200);
        expect(Date.now() - started, markdown.slice(0, 10)).toBeLessThan(5_000);
      }
    });

    it('refuses a NUL character in any text it would store or look up, naming the field (PostgreSQL answered 500)', async () => {
      const nul = 'a\u0000b';
      const send = (method: 'POST' | 'PUT', url: string, body: unknown, who?: 'editor' | 'admin') =>
        inject({
          method,
          url,
          payload: JSON.stringify(body),
          headers: json,
          ...(who ? { who } : {}),
        });
      expectProblem(await send('POST', '/api/v1/plays', { song: nul, locale: 'en' }), 400, 'song');
      expectProblem(
        await send('POST', '/api/v1/auth/login', { email: nul, password: 'x' }),
        400,
        'email',
      );
      for (const [name, field] of [
        [{ en: nul }, 'record.name.en'],
        [{ en: 'Nul', ja: nul }, 'record.name.ja'],
      ] as const)
        expectProblem(
          await send(
            'POST',
            '/api/v1/editor/tags',
            { record: { slug: 'nul-tag', kind: 'mood', name } },
            'editor',
          ),
          400,
          field,
        );
      expectProblem(
        await send(
          'POST',
          '/api/v1/editor/tags',
          { record: { slug: 'nul\u0000tag', kind: 'mood', name: { en: 'Nul' } } },
          'editor',
        ),
        400,
        'record.slug',
      );
      expectProblem(await inject({ url: '/api/v1/editor/songs?q=a%00b', who: 'editor' }), 400, 'q');
      const slug = slugs.features[5] as string;
      const view = (
        await inject({ url: `/api/v1/editor/features/${slug}`, who: 'editor' })
      ).json() as { revision: number; document: Record<string, unknown> };
      expectProblem(
        await send(
          'PUT',
          `/api/v1/editor/features/${slug}`,
          { baseRevision: view.revision, document: { ...view.document, byline: nul } },
          'editor',
        ),
        400,
        'document.byline',
      );
      expectProblem(
        await send(
          'POST',
          '/api/v1/users',
          { email: 'nul@example.org', displayName: nul, role: 'writer', password: 1 },
          'admin',
        ),
        400,
        'displayName',
      );
      // Imports and content packs share the schemas: a NUL in a cell is a problem at its line.
      const problems = await app()
        .services.catalogImport.run(
          [{ file: 'artists.csv', bytes: Buffer.from(`slug,kind,name\nnul,person,${nul}\n`) }],
          { dryRun: true },
        )
        .then(
          () => [],
          (error: unknown) => (error as ValidationError).problems,
        );
      expect(problems).toEqual([
        {
          file: 'artists.csv',
          line: 2,
          field: 'name',
          message: 'must not contain a NUL character (\\u0000)',
        },
      ]);
    });

    it("names a saved document's fields under `document`, as its schema errors do", async () => {
      const slug = slugs.features[3] as string;
      const view = (
        await inject({ url: `/api/v1/editor/features/${slug}`, who: 'editor' })
      ).json() as { revision: number; document: { entries: { song: string }[] } };
      const save = (document: unknown, at = slug) =>
        inject({
          method: 'PUT',
          url: `/api/v1/editor/features/${at}`,
          who: 'editor',
          payload: JSON.stringify({ baseRevision: view.revision, document }),
          headers: json,
        });
      const fieldsOf = (res: Answer) => {
        expectProblem(res, 400);
        return (res.json() as { errors: { field: string }[] }).errors.map((e) => e.field);
      };
      const unknown = structuredClone(view.document);
      (unknown.entries[0] as { song: string }).song = 'no-such-song';
      expect(fieldsOf(await save({ ...unknown, related: ['no-such-feature'] }))).toEqual([
        'document.entries[0].song',
        'document.related[0]',
      ]);
      const malformed = structuredClone(view.document);
      (malformed.entries[0] as { song: string }).song = 'No Such Song';
      expect(fieldsOf(await save(malformed))).toEqual(['document.entries[0].song']);
      expect(fieldsOf(await save({ ...view.document, slug: slugs.features[4] }))).toEqual([
        'document.slug',
      ]);
      // A feature that is not there is the address's slug.
      expect(fieldsOf(await save(view.document, 'no-such-feature'))).toEqual(['slug']);
    });

    it('redirects a renamed feature with a hostile query to this site only', async () => {
      const slug = slugs.features[2] as string;
      const view = (
        await inject({ url: `/api/v1/editor/features/${slug}`, who: 'editor' })
      ).json() as { revision: number; document: Record<string, unknown> };
      const saved = await inject({
        method: 'PUT',
        url: `/api/v1/editor/features/${slug}`,
        who: 'editor',
        payload: JSON.stringify({
          baseRevision: view.revision,
          document: { ...view.document, slug: `${slug}-renamed` },
        }),
        headers: json,
      });
      expect(saved.statusCode, saved.body.slice(0, 300)).toBe(200);
      for (const rest of [
        '?x=//evil.example',
        '?%0D%0ALocation:%20http://evil.example',
        '?q=%ED%A0%80&all=1',
        '/2?view=playlist&%00',
        '/9999',
      ]) {
        const url = `/en/${slug}${rest}`;
        const res = await get(url);
        expectPage(res, url);
        expect([301, 404]).toContain(res.statusCode);
      }
    });

    it('answers raw requests (dot segments, bytes that are not UTF-8, NUL) on a real socket', async () => {
      await app().http.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app().http.server.address() as net.AddressInfo;
      const send = (target: Buffer) =>
        new Promise<string>((resolve, reject) => {
          const socket = net.connect(port, '127.0.0.1');
          const chunks: Buffer[] = [];
          socket.on('data', (c: Buffer) => chunks.push(c));
          socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
          socket.on('error', reject);
          socket.write(
            Buffer.concat([
              Buffer.from('GET '),
              target,
              Buffer.from(' HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'),
            ]),
          );
        });
      const targets = [
        '/en/../api/v1/categories',
        '/en/%2e%2e/%2e%2e/package.json',
        '/assets/../../package.json',
        '/assets/..%2f..%2fpackage.json',
        '/assets/%2e%2e/%2e%2e/package.json',
        '/api/v1/../../en/',
        '//',
        '/en/songs/\u00ff\u00fe',
        '/en/search?q=\u00ff\u00c0\u00af',
        '/api/v1/search?q=\u00ed\u00a0\u0080',
        '/api/v1/songs/\u00ff',
        '/en/songs/a\u0000b',
        `/en/${'a'.repeat(10_000)}`,
      ].map((t) => Buffer.from(t, 'latin1'));
      for (const target of targets) {
        const answer = await send(target);
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
        expect(status, target.toString('latin1')).toBeGreaterThanOrEqual(200);
        expect(status, target.toString('latin1')).toBeLessThan(500);
        // Never a file from outside the assets.
        expect(answer).not.toContain('"name": "tokushu"');
      }
      await stillAnswers();
    });
  });

  describe('public pages', () => {
    const PAGE_QUERY = ['q', 'page', 'type', 'locale', 'all', 'view', 'tag', 'role', 'decade'];

    it(
      'answer every address, whatever its locale, slugs, page numbers and query, with a page, a redirect or an HTML error page',
      async () => {
        const locale = either(LOCALES);
        const route = fc.oneof(
          locale.map((l) => `/${l}`),
          locale.map((l) => `/${l}/`),
          locale.map((l) => `/${l}/about`),
          locale.map((l) => `/${l}/search`),
          locale.map((l) => `/${l}/feed.xml`),
          fc.tuple(locale, either(slugs.categories)).map(([l, s]) => `/${l}/categories/${s}`),
          fc.tuple(locale, either(slugs.tags)).map(([l, s]) => `/${l}/tags/${s}`),
          fc.tuple(locale, either(slugs.songs)).map(([l, s]) => `/${l}/songs/${s}`),
          fc.tuple(locale, either(slugs.artists)).map(([l, s]) => `/${l}/artists/${s}`),
          fc.tuple(locale, either(slugs.works)).map(([l, s]) => `/${l}/works/${s}`),
          fc.tuple(locale, either(slugs.features)).map(([l, s]) => `/${l}/${s}`),
          fc
            .tuple(locale, either(slugs.features), either(['2', '3', '1']))
            .map(([l, s, n]) => `/${l}/${s}/${n}`),
          fc.tuple(locale, either(slugs.features)).map(([l, s]) => `/admin/preview/${l}/${s}`),
          either(assets).map((a) => `/assets/${a}`),
          fc.constantFrom('/', '/robots.txt', '/sitemap.xml', '/healthz'),
          fc
            .array(fc.oneof(hostileSegment, fc.constant('')), { minLength: 1, maxLength: 6 })
            .map((parts) => `/${parts.join('/')}`),
        );
        await fc.assert(
          fc.asyncProperty(route, queryString(PAGE_QUERY), async (address, query) => {
            const url = `${address}${query}`;
            expectPage(await inject({ url }), url);
          }),
          settings(400),
        );
      },
      timeout(400),
    );

    it(
      'search any text up to 10,000 characters, in any script or none, with any filters',
      async () => {
        const q = fc.oneof(
          longText(10_000),
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.string({ unit: 'grapheme', maxLength: 50 }),
          fc.constantFrom('"', '*', 'NEAR(', 'a OR b', '-', '^', ':', '\u0000', '%', '_', '\\'),
        );
        await fc.assert(
          fc.asyncProperty(
            either(LOCALES),
            q,
            queryString(['page', 'type', 'tag', 'role', 'decade', 'category', 'q']),
            async (locale, text, rest) => {
              const url = `/${locale}/search?q=${percentEncode(text)}${rest.replace(/^\?/, '&')}`;
              const started = Date.now();
              const res = await inject({ url });
              expectPage(res, url);
              expect(Date.now() - started, url.slice(0, 200)).toBeLessThan(5_000);
            },
          ),
          settings(150),
        );
      },
      timeout(150, 100),
    );
  });

  describe('the JSON API', () => {
    it(
      'answers every read, whatever its parameters and query, with JSON or a problem naming the parameter',
      async () => {
        type Route = { url: string; fields: string[]; who?: 'editor' | 'admin' };
        const withQuery = (
          path: fc.Arbitrary<string>,
          keys: string[],
          params: string[],
          who?: 'editor' | 'admin',
        ): fc.Arbitrary<Route> =>
          fc.tuple(path, queryString(keys)).map(([p, q]) => ({
            url: `${p}${q}`,
            fields: [...keys, ...params, 'params', 'querystring'],
            ...(who ? { who } : {}),
          }));
        const kind = fc.constantFrom(...KINDS);
        const anySlug = either([...slugs.songs, ...slugs.features, ...slugs.artists]);
        const route = fc.oneof(
          withQuery(
            either(slugs.features).map((s) => `/api/v1/features/${s}`),
            ['locale', 'page'],
            ['slug'],
          ),
          withQuery(
            either(slugs.songs).map((s) => `/api/v1/songs/${s}`),
            ['locale'],
            ['slug'],
          ),
          withQuery(
            either(slugs.songs).map((s) => `/api/v1/songs/${s}/plays`),
            ['from', 'to'],
            ['slug'],
          ),
          withQuery(
            fc.constant('/api/v1/search'),
            ['q', 'locale', 'type', 'tag', 'role', 'decade', 'category', 'page'],
            [],
          ),
          withQuery(fc.constant('/api/v1/suggest'), ['q', 'locale', 'type'], []),
          withQuery(fc.constant('/api/v1/categories'), ['locale'], []),
          withQuery(fc.constant('/api/v1/openapi.json'), ['x'], []),
          withQuery(
            either(slugs.features).map((s) => `/api/v1/editor/features/${s}`),
            ['x'],
            ['slug'],
            'editor',
          ),
          withQuery(
            fc
              .tuple(either(slugs.features), either(['1', '2']))
              .map(([s, n]) => `/api/v1/editor/features/${s}/revisions/${n}`),
            ['x'],
            ['slug', 'revision'],
            'editor',
          ),
          withQuery(
            kind.map((k) => `/api/v1/editor/${k}`),
            ['q', 'limit'],
            [],
            'editor',
          ),
          withQuery(
            fc.tuple(kind, anySlug).map(([k, s]) => `/api/v1/editor/${k}/${s}`),
            ['x'],
            ['slug'],
            'editor',
          ),
          withQuery(fc.constant('/api/v1/users'), ['x'], [], 'admin'),
          withQuery(
            fc
              .array(hostileSegment, { minLength: 1, maxLength: 4 })
              .map((parts) => `/api/v1/${parts.join('/')}`),
            ['q'],
            [],
          ),
        );
        await fc.assert(
          fc.asyncProperty(route, async ({ url, fields, who }) => {
            const res = await inject({ url, ...(who ? { who } : {}) });
            // Dot segments may climb out of the API, to a page.
            if (received(url).startsWith('/api/')) expectApi(res, fields, `GET ${url}`);
            else expectPage(res, url);
          }),
          settings(400),
        );
      },
      timeout(400),
    );

    it(
      'answers every write, whatever its body, with JSON or a problem naming the field at fault',
      async () => {
        const editorView = (
          await inject({ url: `/api/v1/editor/features/${slugs.features[0]}`, who: 'editor' })
        ).json() as { revision: number; document: Record<string, unknown> };
        const curated = (
          await inject({ url: `/api/v1/editor/features/${slugs.features[1]}`, who: 'editor' })
        ).json() as { revision: number; document: Record<string, unknown> };
        const document = curated.document;
        const records = {} as Record<Kind, { version: string | null; record: unknown }>;
        for (const k of KINDS) {
          const slug = slugs[k][0] as string;
          records[k] = (await inject({ url: `/api/v1/editor/${k}/${slug}`, who: 'editor' })).json();
        }
        const DOCUMENT_KEYS = [
          'slug',
          'kind',
          'status',
          'category',
          'tags',
          'byline',
          'published',
          'updated',
          'related',
          'text',
          'ranking',
          'entries',
        ];
        const allSlugs = Object.values(slugs).flat();
        const value = fc.oneof(
          { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
          { weight: 3, arbitrary: edgeValue },
          { weight: 3, arbitrary: fc.constantFrom(...allSlugs, 'nope', 'a--b') },
          {
            weight: 1,
            arbitrary: fc.constantFrom<Json>(
              ...ARTIST_KINDS,
              ...WORK_KINDS,
              ...CREDIT_ROLES,
              ...TIE_IN_ROLES,
              ...TAG_KINDS,
              ...LOCALES,
              'curated',
              'ranking',
              'draft',
              'published',
              'last-30-days',
            ),
          },
          { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
          { weight: 1, arbitrary: longText(60_000) },
        );
        /** Any JSON at all, or `base` with one to four things wrong. */
        const bodyLike = (base: unknown, keys: readonly string[]) =>
          fc.oneof(
            { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<unknown> },
            { weight: 4, arbitrary: mutationsOf(value, keys).map((ms) => mutate(base, ms)) },
          );
        type Write = {
          method: 'POST' | 'PUT';
          url: string;
          who?: 'editor' | 'admin';
          body: unknown;
          fields: readonly string[];
          remoteAddress?: string;
          /** Brings a base revision or version the body kept up to date, when it can. */
          fresh?: (body: unknown) => Promise<unknown>;
        };
        const write = (
          method: 'POST' | 'PUT',
          url: fc.Arbitrary<string>,
          base: unknown,
          fields: readonly string[],
          who?: 'editor' | 'admin',
          fresh?: Write['fresh'],
        ): fc.Arbitrary<Write> =>
          fc.tuple(url, bodyLike(base, fields), fc.ipV4()).map(([u, body, address]) => ({
            method,
            url: u,
            body,
            fields: [...fields, 'body', 'params'],
            remoteAddress: address,
            ...(who ? { who } : {}),
            ...(fresh ? { fresh } : {}),
          }));
        /**
         * A save that kept its base's revision (or version) gets the current one, so that
         * saves after the first reach the checks behind the conflict check.
         */
        const current =
          (url: string, key: 'baseRevision' | 'baseVersion', was: unknown) =>
          async (body: unknown) => {
            if (!isObject(body) || body[key] !== was) return body;
            const now = await inject({ url, who: 'editor' });
            if (now.statusCode !== 200) return body;
            const view = now.json() as { revision?: number; version?: string | null };
            return { ...body, [key]: key === 'baseRevision' ? view.revision : view.version };
          };
        const kind = fc.constantFrom(...KINDS);
        const featureSlug = either(slugs.features);
        const writes = fc.oneof(
          write(
            'POST',
            fc.constant('/api/v1/plays'),
            { song: slugs.songs[0], feature: slugs.features[0], locale: 'en' },
            ['song', 'feature', 'locale'],
          ),
          write(
            'POST',
            fc.constant('/api/v1/auth/login'),
            { email: 'admin@example.org', password: 1 },
            ['email', 'password'],
          ).filter(
            // A well-formed sign-in costs a second of password hashing: not what this tests.
            ({ body }) =>
              !(
                isObject(body) &&
                typeof body.email === 'string' &&
                typeof body.password === 'string'
              ),
          ),
          write(
            'POST',
            fc.constant('/api/v1/editor/features'),
            { ...document, slug: 'hostile-new-feature' },
            DOCUMENT_KEYS,
            'editor',
          ),
          write(
            'POST',
            fc.constant('/api/v1/editor/name-check'),
            document,
            DOCUMENT_KEYS,
            'editor',
          ),
          write(
            'PUT',
            either([slugs.features[0] as string]).map((s) => `/api/v1/editor/features/${s}`),
            { baseRevision: editorView.revision, document: editorView.document },
            ['baseRevision', 'document', 'slug'],
            'editor',
            current(
              `/api/v1/editor/features/${slugs.features[0]}`,
              'baseRevision',
              editorView.revision,
            ),
          ),
          write(
            'POST',
            fc.constant('/api/v1/editor/preview'),
            { markdown: '*Hello* [there](https://example.org)' },
            ['markdown'],
            'editor',
          ),
          write(
            'POST',
            fc.constant('/api/v1/editor/assistant'),
            { tags: slugs.tags.slice(0, 2), words: 'rain', exclude: [slugs.songs[0]], limit: 5 },
            ['tags', 'words', 'exclude', 'limit'],
            'editor',
          ),
          write(
            'POST',
            featureSlug.map((s) => `/api/v1/editor/features/${s}/publish`),
            { at: '2027-01-01T00:00:00Z' },
            ['at', 'slug'],
            'editor',
          ),
          write(
            'POST',
            fc
              .tuple(featureSlug, either(['1', '2']))
              .map(([s, n]) => `/api/v1/editor/features/${s}/revisions/${n}/restore`),
            { baseRevision: 1 },
            ['baseRevision', 'slug', 'revision'],
            'editor',
          ),
          kind.chain((k) =>
            write(
              'POST',
              fc.constant(`/api/v1/editor/${k}`),
              { record: { ...(records[k].record as object), slug: `hostile-new-${k}` } },
              ['record'],
              'editor',
            ),
          ),
          kind.chain((k) =>
            write(
              'PUT',
              either([slugs[k][0] as string]).map((s) => `/api/v1/editor/${k}/${s}`),
              { baseVersion: records[k].version, record: records[k].record },
              ['record', 'baseVersion', 'slug'],
              'editor',
              current(`/api/v1/editor/${k}/${slugs[k][0]}`, 'baseVersion', records[k].version),
            ),
          ),
          kind.chain((k) =>
            write(
              'POST',
              either(slugs[k]).map((s) => `/api/v1/editor/${k}/${s}/merge`),
              { into: slugs[k][1] },
              ['into', 'slug'],
              'editor',
            ),
          ),
          write(
            'POST',
            fc.constant('/api/v1/users'),
            { email: 'admin@example.org', displayName: 'Twin', role: 'admin', password: 1 },
            ['email', 'displayName', 'role', 'password'],
            'admin',
          ).filter(
            // A new account costs a password hash: keep to the ones refused before that.
            ({ body }) => !(isObject(body) && typeof body.password === 'string'),
          ),
        );
        await fc.assert(
          fc.asyncProperty(writes, encoding, async (w, encode) => {
            const sent = encode(w.fresh ? await w.fresh(w.body) : w.body);
            const res = await inject({
              method: w.method,
              url: w.url,
              payload: sent.payload,
              headers: sent.headers,
              ...(w.who ? { who: w.who } : {}),
              ...(w.remoteAddress ? { remoteAddress: w.remoteAddress } : {}),
            });
            expectApi(
              res,
              w.fields,
              `${w.method} ${w.url} ${sent.headers['content-type']} ${String(sent.payload).slice(0, 300)}`,
            );
          }),
          settings(600),
        );
      },
      timeout(600),
    );
  });

  describe('the catalog import', () => {
    const EXAMPLES = [
      'artists.csv',
      'works.csv',
      'songs.csv',
      'tie-ins.csv',
      'catalog.json',
      'animethemes.json',
    ];
    const example = Object.fromEntries(
      EXAMPLES.map((name) => [name, fs.readFileSync(path.resolve('examples', name))]),
    ) as Record<string, Buffer>;
    const CSV_NAMES = [
      'artists.csv',
      'works.csv',
      'songs.csv',
      'tie-ins.csv',
      '2026-songs.csv',
      'WORKS.CSV',
      'notes.csv',
    ];
    const JSON_NAMES = ['catalog.json', 'animethemes.json', 'more.JSON'];
    const OTHER_NAMES = ['notes.txt', 'catalog.yaml', 'songs', '.csv', 'dir/songs.csv'];
    const COLUMNS = {
      'artists.csv': [
        'slug',
        'kind',
        'name',
        'name_romanized',
        'name_en',
        'aliases',
        'members',
        'external_ids',
      ],
      'works.csv': [
        'slug',
        'kind',
        'year',
        'title',
        'title_romanized',
        'title_en',
        'aliases',
        'external_ids',
      ],
      'songs.csv': [
        'slug',
        'title',
        'title_en',
        'aliases',
        'released',
        'credits',
        'cover_of',
        'tags',
        'youtube',
        'spotify',
        'external_ids',
      ],
      'tie-ins.csv': ['song', 'work', 'role', 'sequence', 'season', 'note'],
    } as Record<string, string[]>;

    const cell = fc.oneof(
      fc.constantFrom(
        ...Object.values(slugs).flat(),
        'eve',
        'jujutsu-kaisen',
        'kaikai-kitan',
        'nope',
      ),
      fc.constantFrom(
        ...ARTIST_KINDS,
        ...WORK_KINDS,
        ...TIE_IN_ROLES,
        'eve:vocals',
        'eve:vocals:eve',
        'a:b:c:d',
        ':',
        ';',
        ';;',
        'anilist:1',
        'anilist:',
        ':1',
        'ANILIST:x',
        '2026',
        '2026-02-30',
        '1899',
        '99999999999999999999',
        '-1',
        '1.5',
        '',
        ' ',
      ),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
    );
    const quoted = (text: string) =>
      /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    /** A spreadsheet of the file's columns (and some that are not), rows of any cells. */
    const csvText = (name: string) =>
      fc
        .tuple(
          fc.subarray(COLUMNS[name] ?? COLUMNS['songs.csv'] ?? []),
          fc.array(fc.constantFrom('slug', 'notes', '', 'Slug', ' slug ', 'title'), {
            maxLength: 2,
          }),
          fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 6 }),
          fc.boolean(),
        )
        .map(([columns, extra, rows, crlf]) =>
          [[...columns, ...extra], ...rows]
            .map((row) => row.map(quoted).join(','))
            .join(crlf ? '\r\n' : '\n'),
        )
        .map((text) => Buffer.from(text));

    const importValue = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      edgeValue,
      fc.constantFrom<Json>(
        ...Object.values(slugs).flat(),
        'eve',
        'jujutsu-kaisen',
        'kaikai-kitan',
        ...ARTIST_KINDS,
        ...WORK_KINDS,
        ...CREDIT_ROLES,
        ...TIE_IN_ROLES,
        'OP',
        'ED',
        'IN',
        'TV',
        'AniList',
        'tokushu-catalog',
      ),
    );
    const jsonOf = (base: Buffer) => {
      const parsed = JSON.parse(base.toString('utf8')) as unknown;
      return fc
        .tuple(
          mutationsOf(importValue, [
            'format',
            'version',
            'artists',
            'works',
            'songs',
            'tie_ins',
            'anime',
            'slug',
            'type',
            'text',
            '',
          ]),
          fc.boolean(),
        )
        .map(([ms, pretty]) =>
          Buffer.from(JSON.stringify(mutate(parsed, ms), null, pretty ? 2 : 0)),
        );
    };

    /** An import file: a name, and bytes of any kind, or near what such a file holds. */
    const importFile: fc.Arbitrary<ImportFile> = fc.oneof(
      fc
        .tuple(
          fc.constantFrom(...CSV_NAMES, ...JSON_NAMES, ...OTHER_NAMES),
          fc.uint8Array({ maxLength: 300 }),
        )
        .map(([file, bytes]) => ({ file, bytes: Buffer.from(bytes) })),
      fc
        .tuple(
          fc.constantFrom(...CSV_NAMES, ...JSON_NAMES),
          fc.string({ unit: 'binary', maxLength: 300 }),
        )
        .map(([file, text]) => ({ file, bytes: Buffer.from(text) })),
      fc
        .constantFrom(...CSV_NAMES.slice(0, 5))
        .chain((file) =>
          csvText(file.replace(/^2026-/, '').toLowerCase()).map((bytes) => ({ file, bytes })),
        ),
      fc
        .constantFrom(...EXAMPLES)
        .chain((file) => edited(example[file] as Buffer).map((bytes) => ({ file, bytes }))),
      fc
        .constantFrom('catalog.json', 'animethemes.json')
        .chain((file) => jsonOf(example[file] as Buffer).map((bytes) => ({ file, bytes }))),
      fc
        .constantFrom(...JSON_NAMES)
        .chain((file) =>
          fc.jsonValue().map((v) => ({ file, bytes: Buffer.from(JSON.stringify(v)) })),
        ),
    );

    /** Each problem names one of the files, a field, and (for a file of text) a line in it. */
    const expectProblemsIn = (problems: readonly Problem[], files: readonly ImportFile[]) => {
      for (const p of problems) {
        const what = JSON.stringify(p).slice(0, 400);
        const file = files.find((f) => f.file === p.file);
        expect(file, what).toBeDefined();
        expect(p.field, what).toEqual(expect.any(String));
        expect(p.field.length, what).toBeGreaterThan(0);
        expect(p.message.length, what).toBeGreaterThan(0);
        const bytes = (file as ImportFile).bytes;
        const text = /\.(csv|json)$/i.test(p.file ?? '') && isUtf8(bytes);
        if (text && p.field !== '(file name)') {
          const lines = bytes.toString('utf8').split('\n').length;
          expect(p.line, what).toEqual(expect.any(Number));
          expect(p.line as number, what).toBeGreaterThanOrEqual(1);
          expect(p.line as number, what).toBeLessThanOrEqual(lines + 1);
        }
      }
    };

    it(
      'reads any bytes under any name without throwing, each problem naming file, field and line',
      () => {
        fc.assert(
          fc.property(importFile, (file) => {
            const result = readImportFile(file.file, file.bytes);
            expectProblemsIn(result.problems, [file]);
          }),
          settings(400),
        );
      },
      timeout(400, 20),
    );

    it(
      'plans any files on a dry run, or refuses them with a ValidationError naming file and field',
      async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.uniqueArray(importFile, { minLength: 1, maxLength: 3, selector: (f) => f.file }),
            async (files) => {
              try {
                await app().services.catalogImport.run(files, { dryRun: true });
              } catch (error) {
                if (!(error instanceof ValidationError))
                  throw new Error(`not a ValidationError: ${(error as Error).stack}`, {
                    cause: error,
                  });
                expect(error.problems.length).toBeGreaterThan(0);
                expectProblemsIn(error.problems, files);
              }
            },
          ),
          settings(150),
        );
      },
      timeout(150, 100),
    );

    it('reads an AnimeThemes synonym of any type (an object threw a TypeError)', () => {
      const response = JSON.parse(example['animethemes.json']!.toString('utf8')) as {
        anime: { animesynonyms?: { text: string; type: unknown }[] }[];
      };
      for (const type of [{ a: 1 }, [1], {}, true, null, 2, 'Native']) {
        (response.anime[0] as { animesynonyms?: unknown }).animesynonyms = [
          { text: 'エンジェルビーツ', type },
        ];
        const result = readImportFile('animethemes.json', Buffer.from(JSON.stringify(response)));
        expect(result.problems).toEqual([]);
        expect(result.records.length).toBeGreaterThan(0);
      }
    });

    it('names an empty key rather than leaving the field empty', () => {
      const file = Buffer.from('{"format": "tokushu-catalog", "version": 1,\n"": []}');
      expect(readImportFile('catalog.json', file).problems).toEqual([
        {
          file: 'catalog.json',
          line: 2,
          field: '[""]',
          message: 'is not part of a catalog file (it has artists, works, songs, tie_ins)',
        },
      ]);
    });

    it('reports JSON nested 100,000 deep as a problem at its line, not a stack overflow', () => {
      const deep = Buffer.from(`{\n"format": "tokushu-catalog",\n"songs": ${'['.repeat(100_000)}`);
      expect(readImportFile('catalog.json', deep).problems).toEqual([
        {
          file: 'catalog.json',
          line: 3,
          field: '(json)',
          message: 'nests arrays and objects more than 100 deep',
        },
      ]);
    });
  });

  describe('the content pack', () => {
    // A small pack in the demo's shapes, with every kind of item: each run reads it anew.
    const catalogName = 'ballads.yaml';
    const featureName = 'quiet-endings.yaml';
    const PACK: Record<string, string> = {
      'taxonomy.yaml': [
        'categories:',
        '  - slug: anime-songs',
        '    name: { en: Anime songs, ja: アニメソング }',
        'tags:',
        '  - { slug: sad, kind: mood, name: { en: Sad, ja: 切ない } }',
        '',
      ].join('\n'),
      [`catalog/${catalogName}`]: [
        'artists:',
        '  - slug: nana-mizuki',
        '    kind: person',
        '    name: { original: 水樹奈々, romanized: Mizuki Nana, en: Nana Mizuki }',
        '    aliases: [Nanan]',
        'works:',
        '  - slug: nanoha',
        '    kind: tv',
        '    year: 2004',
        '    title: { original: 魔法少女リリカルなのは, romanized: Mahou Shoujo Lyrical Nanoha }',
        'songs:',
        '  - slug: shinai',
        "    title: { original: 深愛, romanized: Shin'ai, en: Deep love }",
        '    released: 2009-01-21',
        '    credits:',
        '      - { artist: nana-mizuki, role: vocals }',
        '    tie_ins:',
        '      - { work: nanoha, role: ending, sequence: 1 }',
        '    tags: [sad]',
        '    media: { youtube: dQw4w9WgXcQ }',
        '',
      ].join('\n'),
      [`features/${featureName}`]: [
        'slug: quiet-endings',
        'category: anime-songs',
        'tags: [sad]',
        'published: 2026-10-02',
        'text:',
        '  en: { title: Quiet endings, lead: Songs for the last episode. }',
        '  ja: { title: 静かな最終回, status: draft }',
        'entries:',
        '  - song: shinai',
        '    added: 2026-10-02',
        '    commentary:',
        '      en: Why *this* one.',
        '',
      ].join('\n'),
    };

    const readPack = (files: Record<string, string | Buffer>) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokushu-hostile-'));
      try {
        for (const [name, text] of Object.entries(files)) {
          fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
          fs.writeFileSync(path.join(dir, name), text);
        }
        return readContentPack(dir);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };
    const problemsOf = (files: Record<string, string | Buffer>): Problem[] => {
      try {
        readPack(files);
        return [];
      } catch (error) {
        if (!(error instanceof ValidationError))
          throw new Error(`not a ValidationError: ${(error as Error).stack}`, { cause: error });
        return error.problems;
      }
    };

    it(
      'reads any text in any of its files, or refuses it with problems naming file, line and field',
      () => {
        // Unharmed, the pack reads: every problem below is one a change made.
        expect(problemsOf(PACK)).toEqual([]);
        const yamlValue = fc.oneof(
          fc.jsonValue({ maxDepth: 2 }),
          edgeValue,
          fc.constantFrom<Json>(...Object.values(slugs).flat(), ...ARTIST_KINDS, ...TAG_KINDS),
        );
        const text = (original: string) =>
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 300 }),
            edited(Buffer.from(original)).map((b) => b.toString('utf8')),
            fc
              .tuple(
                fc.constantFrom(
                  '*a',
                  '&a ',
                  '!!binary ',
                  '!!js/function ',
                  '!!set ',
                  '<<: ',
                  '? ',
                  '\t',
                  '---\n',
                  '...\n',
                  '%YAML 1.1\n',
                  ': ',
                  '- ',
                  '{',
                  '[',
                ),
                fc.nat(),
              )
              .map(([piece, at]) => {
                const i = at % (original.length + 1);
                return `${original.slice(0, i)}${piece}${original.slice(i)}`;
              }),
            mutationsOf(yamlValue, ['slug', 'artists', 'songs', 'text', 'entries', 'tags']).map(
              // JSON is YAML: the same document, with a few things wrong.
              (ms) => JSON.stringify(mutate(parseYaml(original), ms)),
            ),
          );
        fc.assert(
          fc.property(
            fc
              .constantFrom(...Object.keys(PACK))
              .chain((name) => text(PACK[name] as string).map((t) => ({ name, text: t }))),
            ({ name, text: t }) => {
              const files = { ...PACK, [name]: t };
              for (const p of problemsOf(files)) {
                const what = JSON.stringify(p).slice(0, 400);
                expect(Object.keys(files), what).toContain(p.file);
                expect(p.field.length, what).toBeGreaterThan(0);
                expect(p.message.length, what).toBeGreaterThan(0);
                expect(p.line, what).toEqual(expect.any(Number));
              }
            },
          ),
          settings(150),
        );
      },
      timeout(150, 50),
    );

    it('refuses a "billion laughs" file with a problem at its first alias, not a crash', () => {
      const bomb = [
        'artists: []',
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
        'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
        'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
        'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
        'songs: *e',
      ].join('\n');
      expect(problemsOf({ ...PACK, [`catalog/${catalogName}`]: bomb })).toEqual([
        {
          file: `catalog/${catalogName}`,
          line: 3,
          field: '(yaml)',
          message: 'Excessive alias count indicates a resource exhaustion attack',
        },
      ]);
    });

    it('names a problem with the whole document, and its line, rather than an empty field', () => {
      expect(
        problemsOf({ ...PACK, [`features/${featureName}`]: '' }).map(
          (p) => `${p.file}:${p.line} ${p.field}`,
        ),
      ).toEqual([`features/${featureName}:1 (document)`]);
      expect(
        problemsOf({ ...PACK, [`catalog/${catalogName}`]: '"just text"' }).map(
          (p) => `${p.file}:${p.line} ${p.field}`,
        ),
      ).toEqual([`catalog/${catalogName}:1 (document)`]);
    });
  });
});
