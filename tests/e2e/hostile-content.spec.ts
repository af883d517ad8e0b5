// Hostile content: XSS payloads written through every text field an editor can set, then
// every page that shows them opened in Chromium, which must run none of them.
//
// The payloads (xss-payloads.ts) call alert/confirm/prompt/__xss with their own index. An
// init script replaces those with traps that log which payload fired; a real dialog fails
// the test too. Pages are also audited for live markup (handler attributes, script URLs,
// stray script/iframe/style elements, shadow roots) so an injection is caught even where it
// would only run on a click.
//
// The browser ignores the Content-Security-Policy here (`bypassCSP`): the policy is a second
// layer, and this suite checks that escaping and sanitizing hold on their own.
import {
  expect,
  request,
  test,
  type APIRequestContext,
  type APIResponse,
  type Page,
} from '@playwright/test';
import { PASSWORD, signIn } from './helpers.ts';
import {
  CLASSES,
  NUL_PAYLOADS,
  PAYLOADS,
  SLUG_PAYLOADS,
  STORABLE_PAYLOADS,
  countsByClass,
  type Payload,
} from './xss-payloads.ts';

const BASE_URL = `http://127.0.0.1:${process.env.E2E_PORT ?? 3107}`;
/** The first admin, with the password playwright.config.ts gives the server. */
const ADMIN_EMAIL = 'admin@tokushu.local';
const ADMIN_PASSWORD = 'e2e password for tests';
/** An editor whose display name is itself hostile; the back office is opened as them. */
const HOSTILE_EDITOR = 'xss-editor@e2e.test';

const LOCALES = ['en', 'ja', 'zh-hant', 'ko'] as const;
const NAME_FIELDS = ['original', 'romanized', 'en', 'zh-hant', 'ko'] as const;
type Locale = (typeof LOCALES)[number];

const TAGS = [
  { slug: 'xss-mood', kind: 'mood' },
  { slug: 'xss-scene', kind: 'scene' },
  { slug: 'xss-genre', kind: 'genre' },
] as const;
const ARTISTS = [
  { slug: 'xss-artist-1', kind: 'person' },
  { slug: 'xss-artist-2', kind: 'group' },
  { slug: 'xss-artist-3', kind: 'character' },
] as const;
const WORKS = [
  { slug: 'xss-work-1', kind: 'tv' },
  { slug: 'xss-work-2', kind: 'game' },
] as const;
/** Twelve songs, so the feature has a second page. */
const SONGS = Array.from({ length: 12 }, (_, i) => `xss-song-${i + 1}`);
const FEATURE = 'xss-hostile-feature';
const RANKING = 'xss-hostile-ranking';

// ---------------------------------------------------------------------------------------------
// Spreading the payloads over the fields

/**
 * Hands out the storable payloads in corpus order, several to each field, and remembers which
 * went where, so every payload is used and a page can be checked for the text it should show.
 * Each field starts with one payload a reader would see unchanged there, so every field can be
 * checked. (Payloads with a NUL character are refused by the API; a test of their own shows it.)
 */
class Filler {
  private next = 0;
  private readonly nextShown = new Map<(p: Payload) => boolean, number>();
  readonly fields = new Map<string, Payload[]>();

  private shown(test: (p: Payload) => boolean): Payload {
    const candidates = STORABLE_PAYLOADS.filter(test);
    const i = this.nextShown.get(test) ?? 0;
    this.nextShown.set(test, i + 1);
    return candidates[i % candidates.length] as Payload;
  }

  take(
    field: string,
    count: number,
    options: { sep?: string; max?: number; first?: Payload; markdown?: boolean } = {},
  ) {
    const { sep = ' ', max = Infinity, first, markdown = false } = options;
    const chosen: Payload[] = first ? [first] : [];
    if (chosen.length < count)
      chosen.push(this.shown(markdown ? shownThroughMarkdown : shownAsWritten));
    let length = chosen.reduce((n, p) => n + p.text.length + sep.length, 0);
    const all = STORABLE_PAYLOADS;
    for (let tries = 0; chosen.length < count && tries < all.length; tries++) {
      const payload = all[this.next++ % all.length] as Payload;
      if (length + payload.text.length > max) continue;
      chosen.push(payload);
      length += payload.text.length + sep.length;
    }
    this.fields.set(field, chosen);
    return chosen.map((p) => p.text).join(sep);
  }

  /** Markdown: each payload its own block, so raw-HTML-block tricks get their chance. */
  markdown(field: string, count = 3) {
    return this.take(field, count, { sep: '\n\n', markdown: true });
  }

  of(field: string): Payload[] {
    const payloads = this.fields.get(field);
    if (!payloads) throw new Error(`No payloads were written to ${field}`);
    return payloads;
  }

  unused(): number[] {
    const used = new Set([...this.fields.values()].flat().map((p) => p.index));
    return STORABLE_PAYLOADS.filter((p) => !used.has(p.index)).map((p) => p.index);
  }
}

/** Payloads a reader should see exactly as written: printable, no invisible characters. */
function shownAsWritten(p: Payload): boolean {
  return /^[\x20-\x7e\uff01-\uff5e]+$/.test(p.text);
}

/** …and that Markdown and its typographer leave alone (no quotes, emphasis, links, dashes). */
function shownThroughMarkdown(p: Payload): boolean {
  return (
    shownAsWritten(p) &&
    !/[*_`[\]!&\\|"'~@]|--|\.\.\.|\.[a-z]|\((c|r|tm|p)\)|\+-|https?:|www/i.test(p.text) &&
    !/^\s*([#>\-+=]|\d+[.)])/.test(p.text)
  );
}

/**
 * Text as stored and read back. A lone surrogate cannot be written as UTF-8 and comes back as
 * replacement characters (how many depends on the layer), so runs of them compare as one.
 */
function canon(text: string): string {
  return text.replace(/[\ud800-\udfff]/g, '\ufffd').replace(/\ufffd+/g, '\ufffd');
}

/** What the server keeps of a value: Zod trims it. */
function stored(text: string): string {
  return canon(text.trim());
}

/** A JSON tree to compare: strings as stored, lists of names in any order. */
function comparable(value: unknown): unknown {
  if (typeof value === 'string') return stored(value);
  if (Array.isArray(value)) {
    const items = value.map(comparable);
    return items.every((v) => typeof v === 'string') ? [...items].sort() : items;
  }
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v)]));
  return value;
}

function names(fill: Filler, field: string) {
  // Names are at most 200 characters: the payloads of one stay within it.
  return Object.fromEntries(
    NAME_FIELDS.map((key) => [key, fill.take(`${field}.${key}`, 3, { max: 200 })]),
  );
}

function buildContent() {
  const fill = new Filler();
  const tags = TAGS.map((t) => ({
    slug: t.slug,
    kind: t.kind,
    name: Object.fromEntries(LOCALES.map((l) => [l, fill.take(`tags/${t.slug}/name.${l}`, 3)])),
  }));
  const artists = ARTISTS.map((a) => ({
    slug: a.slug,
    kind: a.kind,
    name: names(fill, `artists/${a.slug}/name`),
    aliases: [0, 1].map((i) => fill.take(`artists/${a.slug}/aliases.${i}`, 2)),
  }));
  const works = WORKS.map((w, i) => ({
    slug: w.slug,
    kind: w.kind,
    title: names(fill, `works/${w.slug}/title`),
    aliases: [0, 1].map((j) => fill.take(`works/${w.slug}/aliases.${j}`, 2)),
    year: 2020 + i,
  }));
  const songs = SONGS.map((slug, i) => ({
    slug,
    title: names(fill, `songs/${slug}/title`),
    aliases: [fill.take(`songs/${slug}/aliases.0`, 2)],
    released: String(2015 + i),
    credits: [
      {
        artist: ARTISTS[i % 2]?.slug,
        role: 'vocals',
        // The character artist is credited "as" on every other song.
        ...(i % 2 === 0 ? { as: 'xss-artist-3' } : {}),
      },
      { artist: 'xss-artist-3', role: 'lyrics' },
    ],
    tie_ins: [
      {
        work: WORKS[i % 2]?.slug,
        role: 'opening',
        sequence: i + 1,
        season: fill.take(`songs/${slug}/tie_ins.0.season`, 2),
        note: fill.take(`songs/${slug}/tie_ins.0.note`, 2),
      },
    ],
    tags: [TAGS[i % 3]?.slug, TAGS[(i + 1) % 3]?.slug],
  }));
  const formFeed = PAYLOADS.find((p) => p.text.includes('\u000c'));
  const featureText = (slug: string) =>
    Object.fromEntries(
      LOCALES.map((l) => [
        l,
        {
          // Titles are at most 200 characters. A control character in the English one shows
          // that the Atom feed survives it (XML has no way to carry a form feed).
          title: fill.take(`features/${slug}/text.${l}.title`, 3, {
            max: 200,
            first: l === 'en' ? formFeed : undefined,
          }),
          lead: fill.markdown(`features/${slug}/text.${l}.lead`),
          closing: fill.markdown(`features/${slug}/text.${l}.closing`),
          status: 'reviewed',
        },
      ]),
    );
  const feature = {
    slug: FEATURE,
    kind: 'curated',
    status: 'draft',
    category: 'anime-songs',
    tags: TAGS.map((t) => t.slug),
    byline: fill.take(`features/${FEATURE}/byline`, 3),
    related: [RANKING],
    text: featureText(FEATURE),
    entries: SONGS.map((song, i) => ({
      song,
      commentary: Object.fromEntries(
        LOCALES.map((l) => [l, fill.markdown(`features/${FEATURE}/entries.${i}.${l}`)]),
      ),
    })),
  };
  const ranking = {
    slug: RANKING,
    kind: 'ranking',
    status: 'draft',
    tags: [],
    related: [],
    ranking: { tags: [], period: 'last-30-days', size: 12 },
    text: featureText(RANKING),
    entries: [] as { song: string; commentary: Record<string, string> }[],
  };
  /** Notes on the ranked songs, once plays have told which songs those are. */
  const rankingNotes = (ranked: string[]) =>
    ranked.map((song, i) => ({
      song,
      commentary: Object.fromEntries(
        LOCALES.map((l) => [l, fill.markdown(`features/${RANKING}/notes.${i}.${l}`, 2)]),
      ),
    }));
  const displayName = fill.take('users/displayName', 2, { max: 100 });
  return { fill, tags, artists, works, songs, feature, ranking, rankingNotes, displayName };
}

const content = buildContent();
const { fill } = content;

// ---------------------------------------------------------------------------------------------
// Writing through the API

async function ok(response: APIResponse, what: string) {
  expect(response.status(), `${what}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

type Kind = 'tags' | 'artists' | 'works' | 'songs';
/** A record or feature document as the API takes it. */
type Doc = { slug: string; [key: string]: unknown };

/** Adds a catalog record, or replaces it when an earlier run of these tests left one. */
async function upsertRecord(api: APIRequestContext, kind: Kind, record: Doc) {
  const current = await api.get(`/api/v1/editor/${kind}/${record.slug}`);
  if (current.status() === 404)
    return ok(await api.post(`/api/v1/editor/${kind}`, { data: { record } }), `add ${kind}`);
  const { version } = await ok(current, `read ${kind}`);
  return ok(
    await api.put(`/api/v1/editor/${kind}/${record.slug}`, {
      data: { baseVersion: version, record },
    }),
    `correct ${kind}`,
  );
}

/** Creates a feature as a draft, or saves it as a new revision when it exists. */
async function upsertFeature(api: APIRequestContext, document: Doc) {
  const current = await api.get(`/api/v1/editor/features/${document.slug}`);
  if (current.status() === 404)
    return ok(await api.post('/api/v1/editor/features', { data: document }), 'create feature');
  const { revision } = await ok(current, 'read feature');
  return ok(
    await api.put(`/api/v1/editor/features/${document.slug}`, {
      data: { baseRevision: revision, document },
    }),
    'save feature',
  );
}

async function publish(api: APIRequestContext, slug: string) {
  return ok(await api.post(`/api/v1/editor/features/${slug}/publish`, { data: {} }), 'publish');
}

/**
 * A signed-in API client as the back office has one: the session cookie, and the CSRF token
 * on every request. `bare` is the same session without the token.
 */
async function session(email: string, password: string) {
  const login = await request.newContext({ baseURL: BASE_URL });
  const { csrfToken } = await ok(
    await login.post('/api/v1/auth/login', { data: { email, password } }),
    `sign in as ${email}`,
  );
  const storageState = await login.storageState();
  await login.dispose();
  const api = await request.newContext({
    baseURL: BASE_URL,
    storageState,
    extraHTTPHeaders: { 'x-csrf-token': csrfToken as string },
  });
  const bare = await request.newContext({ baseURL: BASE_URL, storageState });
  return { api, bare };
}

/** Everything in place: catalog records, both features published, the ranking's notes saved. */
async function seed() {
  const { api: admin, bare: adminBare } = await session(ADMIN_EMAIL, ADMIN_PASSWORD);
  await adminBare.dispose();
  const user = await admin.post('/api/v1/users', {
    data: {
      email: HOSTILE_EDITOR,
      displayName: content.displayName,
      role: 'editor',
      password: PASSWORD,
    },
  });
  if (user.status() !== 201)
    expect(await user.text(), 'the hostile editor exists already').toContain('already has');

  for (const tag of content.tags) await upsertRecord(admin, 'tags', tag);
  for (const artist of content.artists) await upsertRecord(admin, 'artists', artist);
  for (const work of content.works) await upsertRecord(admin, 'works', work);
  for (const song of content.songs) await upsertRecord(admin, 'songs', song);

  await upsertFeature(admin, content.ranking);
  await publish(admin, RANKING);
  await upsertFeature(admin, content.feature);
  await publish(admin, FEATURE);

  // Which songs the ranking holds comes from plays; the notes go on those songs.
  const ranked = await ok(await admin.get(`/api/v1/features/${RANKING}?locale=en`), 'ranking');
  const songs = (ranked.entries as { song: { slug: string } }[]).map((e) => e.song.slug);
  expect(songs.length, 'the demo plays rank some songs').toBeGreaterThan(0);

  // The last saves are the hostile editor's own: the history names them. Without the CSRF
  // header their session may not write.
  const notes = content.rankingNotes(songs);
  const { api, bare } = await session(HOSTILE_EDITOR, PASSWORD);
  for (const [slug, document] of [
    [RANKING, { ...content.ranking, entries: notes }],
    [FEATURE, content.feature],
  ] as const) {
    const { revision } = await ok(await api.get(`/api/v1/editor/features/${slug}`), 'read');
    const body = { data: { baseRevision: revision, document } };
    const forged = await bare.put(`/api/v1/editor/features/${slug}`, body);
    expect(forged.status(), 'a cookie write without the CSRF header is refused').toBe(403);
    await ok(
      await api.put(`/api/v1/editor/features/${slug}`, body),
      `save ${slug} as the hostile editor`,
    );
  }
  await api.dispose();
  await bare.dispose();
  return { admin, notes };
}

/** Puts harmless text back and takes both features off the site, for the suites that follow. */
async function cleanUp(admin: APIRequestContext) {
  const plain = (what: string) => ({ original: what, romanized: what, en: what });
  for (const slug of [FEATURE, RANKING]) {
    const view = await admin.get(`/api/v1/editor/features/${slug}`);
    if (view.status() !== 200) continue;
    const { status } = await view.json();
    const doc = slug === FEATURE ? content.feature : content.ranking;
    await upsertFeature(admin, {
      ...doc,
      byline: undefined,
      text: { en: { title: 'Hostile content test', lead: '', closing: '', status: 'reviewed' } },
      entries: doc.entries.map((e) => ({ song: e.song })),
    });
    if (status === 'published') await admin.post(`/api/v1/editor/features/${slug}/unpublish`);
  }
  for (const [i, t] of content.tags.entries())
    await upsertRecord(admin, 'tags', { ...t, name: { en: `Hostile test tag ${i + 1}` } });
  for (const [i, a] of content.artists.entries())
    await upsertRecord(admin, 'artists', {
      ...a,
      name: plain(`Hostile Test Artist ${i + 1}`),
      aliases: [],
    });
  for (const [i, w] of content.works.entries())
    await upsertRecord(admin, 'works', {
      ...w,
      title: plain(`Hostile Test Work ${i + 1}`),
      aliases: [],
    });
  for (const [i, s] of content.songs.entries())
    await upsertRecord(admin, 'songs', {
      ...s,
      title: plain(`Hostile Test Song ${i + 1}`),
      aliases: [],
      tie_ins: s.tie_ins.map(({ work, role, sequence }) => ({ work, role, sequence })),
    });
}

// ---------------------------------------------------------------------------------------------
// Watching the browser

/** Replaces the dialogs and defines `__xss`: any call is logged with the payload's number. */
function installTraps() {
  const w = window as unknown as Record<string, unknown>;
  const hits: string[] = [];
  w.__xssHits = hits;
  const trap = (how: string) =>
    function (n?: unknown) {
      const hit = `${how}(${String(n)})`;
      hits.push(hit);
      console.error(`__XSS_FIRED__ ${hit} in ${location.href}`);
      return how === 'confirm' ? false : null;
    };
  w.__xss = trap('__xss');
  w.alert = trap('alert');
  w.confirm = trap('confirm');
  w.prompt = trap('prompt');
}

/**
 * Looks for markup that could run: handler attributes, script/data URLs, script elements
 * other than the page's own, frames, SVG animation, styles outside the head, shadow roots.
 */
function auditDocument(): string[] {
  const problems: string[] = [];
  const URL_ATTRIBUTES = new Set([
    'href',
    'src',
    'action',
    'formaction',
    'xlink:href',
    'data',
    'poster',
    'background',
    'srcset',
    'values',
    'to',
    'from',
    'by',
    'ping',
  ]);
  const NEVER = new Set([
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'applet',
    'base',
    'animate',
    'set',
    'discard',
    'foreignobject',
    'handler',
    'isindex',
    'marquee',
    'template',
    'xmp',
    'plaintext',
    'math',
  ]);
  const invisible = /[\u200b-\u200f\u2028\u2029\ufeff]/;
  const describe = (el: Element) => `<${el.localName}> ${el.outerHTML.slice(0, 120)}`;
  const visit = (root: Document | ShadowRoot) => {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      const tag = el.localName.toLowerCase();
      const inHead = el.closest('head') !== null;
      if (NEVER.has(tag)) problems.push(`element ${describe(el)}`);
      if (tag === 'script') {
        const src = el.getAttribute('src');
        const own = src !== null && new URL(src, location.href).origin === location.origin;
        const data = src === null && el.getAttribute('type') === 'application/ld+json';
        if (!inHead || !(own || data)) problems.push(`script ${describe(el)}`);
      }
      if (['style', 'link', 'meta', 'title'].includes(tag) && !inHead && !el.closest('svg'))
        problems.push(`${tag} outside the head: ${describe(el)}`);
      if (tag === 'meta' && el.hasAttribute('http-equiv'))
        problems.push(`meta http-equiv ${describe(el)}`);
      for (const attribute of Array.from(el.attributes)) {
        const name = attribute.name.toLowerCase();
        // What a browser ignores in a URL: controls, spaces and invisible characters.
        const squeezed = Array.from(attribute.value)
          .filter((c) => {
            const code = c.codePointAt(0) ?? 0;
            return code > 0x20 && (code < 0x7f || code > 0xa0) && !invisible.test(c);
          })
          .join('')
          .toLowerCase();
        if (name.startsWith('on')) problems.push(`handler ${name} on ${describe(el)}`);
        if (name === 'srcdoc') problems.push(`srcdoc on ${describe(el)}`);
        if (
          URL_ATTRIBUTES.has(name) &&
          /^(javascript|vbscript|livescript):|^data:(?!image\/(png|jpe?g|gif|webp)[;,])/.test(
            squeezed,
          )
        )
          problems.push(`${name}=${attribute.value.slice(0, 80)} on ${describe(el)}`);
        if (name === 'style' && /expression|javascript:|vbscript:|binding|behavior/.test(squeezed))
          problems.push(`style ${attribute.value.slice(0, 80)} on ${describe(el)}`);
      }
      if (el.shadowRoot) {
        problems.push(`shadow root on ${describe(el)}`);
        visit(el.shadowRoot);
      }
    }
  };
  visit(document);
  return problems;
}

interface Watch {
  fired: string[];
  errors: string[];
}

/** Traps in every frame; dialogs, trap calls and script errors are collected for the checks. */
async function watch(page: Page): Promise<Watch> {
  const seen: Watch = { fired: [], errors: [] };
  await page.addInitScript(installTraps);
  page.on('console', (message) => {
    if (message.text().startsWith('__XSS_FIRED__')) seen.fired.push(message.text());
  });
  page.on('dialog', (dialog) => {
    seen.fired.push(`real ${dialog.type()} dialog "${dialog.message()}" on ${page.url()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => seen.errors.push(`${error.message} on ${page.url()}`));
  return seen;
}

/** What holds editorial text on the public pages and in the back office. */
const TEXT_HOLDERS =
  'h1, .commentary, .feature-lead, .byline, dd, .tag-list a, .feature-card, .result-group li, td a, .preview, .entry-song, .who, .diff';

/**
 * Sweeps the mouse over the page and onto a few elements that hold editorial text, opens a
 * spoiler, tabs through the first few controls, and sends every element the hover and focus
 * events a handler could be waiting for.
 */
async function provoke(page: Page) {
  await page.mouse.move(1, 1);
  await page.mouse.move(1200, 850, { steps: 3 });
  for (let i = 0; i < 4; i++) {
    const point = await page.evaluate(
      ([selector, n]) => {
        const el = document.querySelectorAll(selector)[n];
        if (!el) return null;
        el.scrollIntoView({ block: 'center' });
        const box = el.getBoundingClientRect();
        return box.width > 0 ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : null;
      },
      [TEXT_HOLDERS, i] as const,
    );
    if (point) await page.mouse.move(point.x, point.y);
  }
  await page.evaluate(() => {
    document.querySelector<HTMLElement>('[data-spoiler]')?.click();
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      for (const type of ['pointerover', 'pointerenter', 'mouseover', 'mouseenter', 'focusin'])
        el.dispatchEvent(new Event(type, { bubbles: type.endsWith('over') }));
    }
  });
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
}

/** After load, a pause, and hovering and focusing: nothing fired, nothing live in any frame. */
async function expectInert(page: Page, seen: Watch, where: string, { audit = true } = {}) {
  await provoke(page);
  await page.waitForTimeout(200);
  const frames = page.frames();
  expect(
    frames.map((f) => f.url()),
    `frames on ${where}`,
  ).toHaveLength(1);
  const hits = await page.evaluate(() => (window as unknown as { __xssHits: string[] }).__xssHits);
  expect([...seen.fired, ...hits], `payloads fired on ${where}`).toEqual([]);
  expect(seen.errors, `script errors on ${where}`).toEqual([]);
  if (audit) expect(await page.evaluate(auditDocument), `live markup on ${where}`).toEqual([]);
}

/** Opens a page and checks it. */
async function visit(page: Page, seen: Watch, path: string, status = 200) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(status);
  await expectInert(page, seen, path);
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The text of what `selector` matches includes every payload of `fields` a reader should see. */
async function expectShown(page: Page, selector: string, fields: string[], markdown = false) {
  const wanted = fields
    .flatMap((f) => fill.of(f))
    .filter(markdown ? shownThroughMarkdown : shownAsWritten)
    .map((p) => squash(p.text));
  expect(wanted.length, `something to look for in ${fields.join(', ')}`).toBeGreaterThan(0);
  // The back office renders after its requests: what is missing is asked again for a while.
  await expect
    .poll(
      async () => {
        const text = squash((await page.locator(selector).allTextContents()).join(' '));
        return wanted.filter((w) => !text.includes(w));
      },
      { message: `payload text missing from ${selector} on ${page.url()}`, timeout: 5000 },
    )
    .toEqual([]);
}

/**
 * The form fields on the page hold each of `values`, unchanged (a one-line input drops line
 * breaks, as browsers do; a list of names may share one field).
 */
async function expectInFields(page: Page, values: string[]) {
  const flat = (s: string) => s.replace(/[\r\n]/g, '');
  const present = await page.evaluate(() =>
    Array.from(document.querySelectorAll('input, textarea')).map(
      (el) => (el as HTMLInputElement | HTMLTextAreaElement).value,
    ),
  );
  const missing = values
    .filter((v) => v.trim() !== '')
    .filter((v) => !present.some((p) => canon(flat(p)).includes(flat(stored(v)))));
  expect(missing, `values missing from the form on ${page.url()}`).toEqual([]);
}

// ---------------------------------------------------------------------------------------------

test.describe('hostile content', () => {
  test.describe.configure({ timeout: 120_000 });
  test.use({ viewport: { width: 1280, height: 900 }, bypassCSP: true });

  let admin: APIRequestContext;
  let notes: { song: string; commentary: Record<string, string> }[];
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    ({ admin, notes } = await seed());
  });
  test.afterAll(async () => {
    await cleanUp(admin);
    await admin.dispose();
  });

  test('the corpus and the fields: every payload written, every field several, every value kept', async () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(100);
    for (const [kind, makers] of Object.entries(CLASSES))
      expect(makers.length, `payloads of class ${kind}`).toBeGreaterThanOrEqual(10);
    console.log(`${PAYLOADS.length} payloads: ${JSON.stringify(countsByClass())}`);
    for (const p of PAYLOADS) {
      // What would run, with base64 spelled out, calls a trap (however disguised) with N.
      const decoded = p.text.replace(/base64,([A-Za-z0-9+/=]+)/g, (_, data: string) =>
        Buffer.from(data, 'base64').toString('utf8'),
      );
      expect(decoded, `payload ${p.index} names itself`).toMatch(new RegExp(`\\(${p.index}\\)`));
    }
    // NUL payloads are refused rather than stored: the next test writes each to every kind of
    // text field and checks the refusal.
    expect(fill.unused(), 'payloads written to no field').toEqual([]);
    expect(STORABLE_PAYLOADS.length + NUL_PAYLOADS.length).toBe(PAYLOADS.length);
    const thin = [...fill.fields].filter(([, payloads]) => payloads.length < 2).map(([f]) => f);
    expect(thin, 'fields given fewer than two payloads').toEqual([]);
    const uses = STORABLE_PAYLOADS.map((p) =>
      [...fill.fields.values()].reduce((n, ps) => n + ps.filter((q) => q === p).length, 0),
    );
    console.log(
      `${fill.fields.size} fields written, each payload ${Math.min(...uses)} to ${Math.max(...uses)} times`,
    );

    // Stored exactly as sent, nothing dropped or "cleaned".
    for (const [kind, records] of [
      ['tags', content.tags],
      ['artists', content.artists],
      ['works', content.works],
      ['songs', content.songs],
    ] as const) {
      for (const record of records) {
        const view = await ok(await admin.get(`/api/v1/editor/${kind}/${record.slug}`), kind);
        expect(comparable(view.record), `${kind}/${record.slug}`).toMatchObject(
          comparable(record) as Record<string, unknown>,
        );
      }
    }
    const feature = await ok(await admin.get(`/api/v1/editor/features/${FEATURE}`), 'feature');
    expect(comparable(feature.document.text)).toEqual(comparable(content.feature.text));
    expect(feature.document.byline).toBe(stored(content.feature.byline));
    expect(
      comparable(feature.document.entries.map((e: { commentary: unknown }) => e.commentary)),
    ).toEqual(comparable(content.feature.entries.map((e) => e.commentary)));
    const ranking = await ok(await admin.get(`/api/v1/editor/features/${RANKING}`), 'ranking');
    expect(comparable(ranking.document.text)).toEqual(comparable(content.ranking.text));
    const bySong = (entries: { song: string; commentary: unknown }[]) =>
      Object.fromEntries(entries.map((e) => [e.song, e.commentary]));
    expect(comparable(bySong(ranking.document.entries))).toEqual(comparable(bySong(notes)));
    const users = await ok(await admin.get('/api/v1/users'), 'users');
    const hostile = (users as { email: string; displayName: string }[]).find(
      (u) => u.email === HOSTILE_EDITOR,
    );
    expect(hostile?.displayName).toBe(stored(content.displayName));
  });

  test('slugs, media ids and text with a NUL refuse their payloads with a 400 naming the field; nothing is stored', async () => {
    const song = content.songs[0];
    type Write = { name: string; field: string; send: (bad: string) => Promise<APIResponse> };
    const writes: Write[] = [
      {
        name: 'tag slug',
        field: 'record.slug',
        send: (bad) =>
          admin.post('/api/v1/editor/tags', {
            data: { record: { ...content.tags[0], slug: bad } },
          }),
      },
      {
        name: 'artist slug',
        field: 'record.slug',
        send: (bad) =>
          admin.post('/api/v1/editor/artists', {
            data: { record: { ...content.artists[0], slug: bad } },
          }),
      },
      {
        name: 'work slug',
        field: 'record.slug',
        send: (bad) =>
          admin.post('/api/v1/editor/works', {
            data: { record: { ...content.works[0], slug: bad } },
          }),
      },
      {
        name: 'song slug',
        field: 'record.slug',
        send: (bad) =>
          admin.post('/api/v1/editor/songs', { data: { record: { ...song, slug: bad } } }),
      },
      {
        name: "a song's tag",
        field: 'record.tags[0]',
        send: (bad) =>
          admin.post('/api/v1/editor/songs', {
            data: { record: { ...song, slug: 'xss-never-stored', tags: [bad] } },
          }),
      },
      {
        name: "a credit's artist",
        field: 'record.credits[0].artist',
        send: (bad) =>
          admin.post('/api/v1/editor/songs', {
            data: {
              record: {
                ...song,
                slug: 'xss-never-stored',
                credits: [{ artist: bad, role: 'vocals' }],
              },
            },
          }),
      },
      {
        name: 'a YouTube id',
        field: 'record.media.youtube',
        send: (bad) =>
          admin.post('/api/v1/editor/songs', {
            data: { record: { ...song, slug: 'xss-never-stored', media: { youtube: bad } } },
          }),
      },
      {
        name: 'a niconico id',
        field: 'record.media.niconico',
        send: (bad) =>
          admin.post('/api/v1/editor/songs', {
            data: { record: { ...song, slug: 'xss-never-stored', media: { niconico: bad } } },
          }),
      },
      {
        name: 'feature slug',
        field: 'slug',
        send: (bad) =>
          admin.post('/api/v1/editor/features', { data: { ...content.feature, slug: bad } }),
      },
      {
        name: "a feature's category",
        field: 'category',
        send: (bad) =>
          admin.post('/api/v1/editor/features', {
            data: { ...content.feature, slug: 'xss-never-stored', category: bad },
          }),
      },
      {
        name: "an entry's song",
        field: 'entries[0].song',
        send: (bad) =>
          admin.post('/api/v1/editor/features', {
            data: { ...content.feature, slug: 'xss-never-stored', entries: [{ song: bad }] },
          }),
      },
      {
        name: 'the address of a save',
        field: 'slug',
        send: (bad) =>
          admin.put(`/api/v1/editor/songs/${encodeURIComponent(bad)}`, {
            data: { baseVersion: null, record: song },
          }),
      },
    ];
    const refused = async (write: Write, payload: Payload) => {
      const response = await write.send(payload.text);
      const body = await response.text();
      expect(response.status(), `${write.name} = payload ${payload.index}: ${body}`).toBe(400);
      const fields = (JSON.parse(body).errors ?? []).map((e: { field: string }) => e.field);
      expect(fields, `${write.name} = payload ${payload.index}`).toContain(write.field);
    };
    // Every slug payload through two of the writes, every write with at least two payloads.
    for (const [i, payload] of SLUG_PAYLOADS.entries())
      for (const write of [writes[i % writes.length], writes[(i + 3) % writes.length]])
        if (write) await refused(write, payload);

    // Text with a NUL character cannot be stored (PostgreSQL has no way to): every text field
    // refuses it by name.
    const never = 'xss-never-stored';
    const [tag, artist, work] = [content.tags[0], content.artists[0], content.works[0]];
    const en = content.feature.text.en;
    const texts: Write[] = [
      {
        name: "a tag's label",
        field: 'record.name.en',
        send: (bad) =>
          admin.post('/api/v1/editor/tags', {
            data: { record: { ...tag, slug: never, name: { en: bad } } },
          }),
      },
      {
        name: "an artist's name",
        field: 'record.name.original',
        send: (bad) =>
          admin.post('/api/v1/editor/artists', {
            data: { record: { ...artist, slug: never, name: { ...artist?.name, original: bad } } },
          }),
      },
      {
        name: "a work's alias",
        field: 'record.aliases[0]',
        send: (bad) =>
          admin.post('/api/v1/editor/works', {
            data: { record: { ...work, slug: never, aliases: [bad] } },
          }),
      },
      {
        name: "a song's romanized title",
        field: 'record.title.romanized',
        send: (bad) =>
          admin.post('/api/v1/editor/songs', {
            data: { record: { ...song, slug: never, title: { ...song?.title, romanized: bad } } },
          }),
      },
      {
        name: "a tie-in's note",
        field: 'record.tie_ins[0].note',
        send: (bad) =>
          admin.post('/api/v1/editor/songs', {
            data: {
              record: {
                ...song,
                slug: never,
                tie_ins: [{ work: work?.slug, role: 'ending', note: bad }],
              },
            },
          }),
      },
      {
        name: "a feature's title",
        field: 'text.en.title',
        send: (bad) =>
          admin.post('/api/v1/editor/features', {
            data: { ...content.feature, slug: never, text: { en: { ...en, title: bad } } },
          }),
      },
      {
        name: "a feature's closing",
        field: 'text.en.closing',
        send: (bad) =>
          admin.post('/api/v1/editor/features', {
            data: { ...content.feature, slug: never, text: { en: { ...en, closing: bad } } },
          }),
      },
      {
        name: 'commentary',
        field: 'entries[0].commentary.ko',
        send: (bad) =>
          admin.post('/api/v1/editor/features', {
            data: {
              ...content.feature,
              slug: never,
              entries: [{ song: song?.slug, commentary: { ko: bad } }],
            },
          }),
      },
      {
        name: 'the byline',
        field: 'byline',
        send: (bad) =>
          admin.post('/api/v1/editor/features', {
            data: { ...content.feature, slug: never, byline: bad },
          }),
      },
      {
        name: "an account's name",
        field: 'displayName',
        send: (bad) =>
          admin.post('/api/v1/users', {
            data: {
              email: 'xss-never@e2e.test',
              displayName: bad,
              role: 'writer',
              password: PASSWORD,
            },
          }),
      },
    ];
    expect(NUL_PAYLOADS.length).toBeGreaterThan(0);
    for (const payload of NUL_PAYLOADS) for (const write of texts) await refused(write, payload);
    const users = await ok(await admin.get('/api/v1/users'), 'users');
    expect((users as { email: string }[]).map((u) => u.email)).not.toContain('xss-never@e2e.test');
    for (const kind of ['tags', 'artists', 'works', 'songs'] as const) {
      const listed = await ok(await admin.get(`/api/v1/editor/${kind}?limit=200`), kind);
      const slugs = (listed as { slug: string }[]).map((r) => r.slug);
      expect(
        slugs.filter((s) => !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s)),
        kind,
      ).toEqual([]);
      expect(slugs).not.toContain('xss-never-stored');
    }
    const features = await ok(await admin.get('/api/v1/editor/features'), 'features');
    const featureSlugs = (features as { slug: string }[]).map((f) => f.slug);
    expect(featureSlugs).not.toContain('xss-never-stored');
    for (const p of SLUG_PAYLOADS) expect(featureSlugs).not.toContain(p.text);
  });

  test('the traps and the audit catch a payload that is let through', async ({ page }) => {
    // The harness itself: payloads put into a page unescaped must be seen, or the rest of
    // this suite would prove nothing.
    const seen = await watch(page);
    await page.goto('/en/about');
    const pick = (start: string) => PAYLOADS.find((p) => p.text.startsWith(start)) as Payload;
    const img = pick('<img src=x onerror=alert(');
    const details = pick('<details open ontoggle=');
    const frame = pick('<svg><foreignObject><iframe srcdoc=');
    const link = pick('<a href="javascript:');
    await page.evaluate(
      (html) => document.body.insertAdjacentHTML('beforeend', html),
      [img, details, frame, link].map((p) => p.text).join(''),
    );
    await expect
      .poll(() => seen.fired.map((f) => f.split(' ')[1]).sort())
      .toEqual([`alert(${img.index})`, `alert(${details.index})`, `__xss(${frame.index})`].sort());
    const problems = (await page.evaluate(auditDocument)).join('\n');
    expect(problems).toContain('handler onerror');
    expect(problems).toContain('handler ontoggle');
    expect(problems).toContain('srcdoc');
    expect(problems).toContain(`href=javascript:alert(${link.index})`);
    expect(page.frames()).toHaveLength(2);
  });

  test('public pages show every payload as text and run none of them', async ({ page }) => {
    const songField = (n: number, f: string) => `songs/xss-song-${n}/${f}`;
    const entries = (from: number, to: number, l: Locale) =>
      Array.from({ length: to - from }, (_, k) => `features/${FEATURE}/entries.${from + k}.${l}`);
    const titles = (from: number, to: number, f: string) =>
      Array.from({ length: to - from }, (_, k) => songField(from + k, `title.${f}`));
    const text = (l: Locale, f: 'title' | 'lead' | 'closing', slug = FEATURE) =>
      `features/${slug}/text.${l}.${f}`;

    const features = async (page: Page, seen: Watch) => {
      // The feature, every page and view, in every language.
      await visit(page, seen, `/en/${FEATURE}`);
      await expectShown(page, 'h1', [text('en', 'title')]);
      await expectShown(page, '.byline', [`features/${FEATURE}/byline`]);
      await expectShown(page, '.feature-lead', [text('en', 'lead')], true);
      await expectShown(page, '.commentary', entries(0, 10, 'en'), true);
      await expectShown(page, '.entry', titles(1, 11, 'en'));
      await expectShown(
        page,
        '.tag-list',
        TAGS.map((t) => `tags/${t.slug}/name.en`),
      );
      await visit(page, seen, `/en/${FEATURE}/2`);
      await expectShown(page, '.commentary', entries(10, 12, 'en'), true);
      await expectShown(page, '.feature-closing', [text('en', 'closing')], true);
      await visit(page, seen, `/en/${FEATURE}?view=playlist`);
      await visit(page, seen, `/ja/${FEATURE}`);
      await expectShown(page, 'h1', [text('ja', 'title')]);
      await expectShown(page, '.commentary', entries(0, 10, 'ja'), true);
      await expectShown(page, '.entry', titles(1, 11, 'original'));
      await visit(page, seen, `/zh-hant/${FEATURE}/2`);
      await expectShown(page, '.feature-closing', [text('zh-hant', 'closing')], true);
      await expectShown(page, '.entry', titles(11, 13, 'zh-hant'));
      await visit(page, seen, `/ko/${FEATURE}?all=1`);
      await expectShown(page, '.feature-lead', [text('ko', 'lead')], true);
      await expectShown(page, '.commentary', entries(0, 12, 'ko'), true);
      await expectShown(page, '.entry', titles(1, 13, 'ko'));
      // The ranking, with notes on its songs.
      await visit(page, seen, `/en/${RANKING}`);
      await expectShown(page, 'h1', [text('en', 'title', RANKING)]);
      await expectShown(page, '.commentary', [`features/${RANKING}/notes.0.en`], true);
      await visit(page, seen, `/ja/${RANKING}`);
    };

    const catalog = async (page: Page, seen: Watch) => {
      await visit(page, seen, '/en/songs/xss-song-1');
      await expectShown(page, 'main', [
        ...['original', 'romanized', 'en'].map((f) => songField(1, `title.${f}`)),
        ...['aliases.0', 'tie_ins.0.note', 'tie_ins.0.season'].map((f) => songField(1, f)),
        'artists/xss-artist-1/name.en',
        'artists/xss-artist-3/name.en',
        'works/xss-work-1/title.en',
        'tags/xss-mood/name.en',
      ]);
      await visit(page, seen, '/ja/songs/xss-song-2');
      await visit(page, seen, '/zh-hant/songs/xss-song-3');
      await expectShown(page, 'h1', [songField(3, 'title.zh-hant')]);
      await visit(page, seen, '/ko/songs/xss-song-4');
      await visit(page, seen, '/en/artists/xss-artist-1');
      await expectShown(page, 'main', [
        'artists/xss-artist-1/name.en',
        'artists/xss-artist-1/aliases.0',
        'artists/xss-artist-1/aliases.1',
      ]);
      await visit(page, seen, '/ja/artists/xss-artist-3');
      await expectShown(page, 'h1', ['artists/xss-artist-3/name.original']);
      await visit(page, seen, '/en/works/xss-work-1');
      await expectShown(page, 'main', ['works/xss-work-1/title.en', 'works/xss-work-1/aliases.0']);
      await visit(page, seen, '/ko/works/xss-work-2');
      await expectShown(page, 'h1', ['works/xss-work-2/title.ko']);
      await visit(page, seen, '/en/tags/xss-mood');
      await expectShown(page, 'h1', ['tags/xss-mood/name.en']);
      await visit(page, seen, '/zh-hant/tags/xss-scene');
      await expectShown(page, 'h1', ['tags/xss-scene/name.zh-hant']);
      await visit(page, seen, '/ja/tags/xss-genre');
    };

    const listings = async (page: Page, seen: Watch) => {
      // Home, a category, search (results and the query echoed back), suggestions.
      await visit(page, seen, '/en/');
      await expectShown(page, 'main', [text('en', 'title'), 'tags/xss-genre/name.en']);
      await visit(page, seen, '/ko/');
      await visit(page, seen, '/en/categories/anime-songs');
      await expectShown(page, '.feature-card-title', [text('en', 'title')]);
      await expect
        .poll(
          async () =>
            (await (await page.request.get('/api/v1/search?q=onerror&locale=en')).json()).total,
          { message: 'the search index has the payloads' },
        )
        .toBeGreaterThan(0);
      await visit(page, seen, '/en/search?q=onerror');
      await expect(page.locator('.result-group').first()).toBeVisible();
      const echoed = PAYLOADS.filter(shownAsWritten).find((p) => p.kind === 'event handlers');
      await visit(page, seen, `/en/search?q=${encodeURIComponent(echoed?.text ?? '')}`);
      await expect(page.locator('main input[name="q"]')).toHaveValue(echoed?.text ?? '');
      await visit(page, seen, `/ja/search?q=${encodeURIComponent('<script>alert(')}&type=songs`);
      await page.goto('/en/');
      const box = page.getByRole('combobox', { name: 'Search songs, artists and anime' });
      await box.fill('onerror');
      await expect(page.getByRole('option').first()).toBeVisible();
      await expectInert(page, seen, 'the header suggestions');

      // An address that is itself a payload, echoed on the error page.
      await visit(page, seen, `/en/${encodeURIComponent(PAYLOADS[0]?.text ?? '')}`, 404);

      // The Atom feed: opened in the browser, and still well-formed XML.
      await page.goto('/en/feed.xml');
      await expectInert(page, seen, '/en/feed.xml', { audit: false });
      const xml = await (await page.request.get('/en/feed.xml')).text();
      expect(xml).toContain(`/en/${FEATURE}`);
      await page.goto('/en/about');
      const parseError = await page.evaluate(
        (source) =>
          new DOMParser()
            .parseFromString(source, 'application/xml')
            .getElementsByTagName('parsererror')[0]?.textContent ?? null,
        xml,
      );
      expect(parseError, 'the feed parses as XML').toBeNull();
    };

    const seen = await watch(page);
    for (const run of [features, catalog, listings]) await run(page, seen);
  });

  test('the back office shows every payload as text and runs none of them', async ({ page }) => {
    const seen = await watch(page);
    await signIn(page, HOSTILE_EDITOR);
    await expectInert(page, seen, 'the feature list');
    await expectShown(page, '.who', ['users/displayName']);
    await expectShown(page, 'main', [`features/${FEATURE}/text.en.title`]);

    // The feature editor, language by language, with the server's Markdown previews.
    await page.goto(`/admin/#/features/${FEATURE}`);
    await expect(page.getByLabel('Title (en)')).toHaveValue(
      stored(content.feature.text.en?.title ?? ''),
    );
    for (const locale of LOCALES) {
      await page.getByRole('tab', { name: new RegExp(`^${locale} `) }).click();
      const text = content.feature.text[locale];
      await expectInFields(page, [
        text?.title ?? '',
        text?.lead ?? '',
        text?.closing ?? '',
        content.feature.byline,
        ...content.feature.entries.map((e) => e.commentary[locale] ?? ''),
      ]);
      const lead = page.getByRole('region', { name: `Lead (${locale}): preview` });
      await expect(lead).not.toBeEmpty();
      // The previews follow the tab after a pause and a round trip to the server.
      await expectShown(page, '.preview', [`features/${FEATURE}/text.${locale}.lead`], true);
      await expectInert(page, seen, `the feature editor in ${locale}`);
    }
    // The song picker lists hostile titles.
    await page.getByLabel('Add a song').fill('onerror');
    await expect(page.locator('.picker-results button:not(.new)').first()).toBeVisible();
    await expectInert(page, seen, 'the song picker');

    // The history: who saved it (a hostile name) and the diff of every text.
    await page.goto(`/admin/#/features/${FEATURE}/history`);
    await expectShown(page, '.revisions', ['users/displayName']);
    await page.locator('.revisions button').first().click();
    await expect(page.locator('.diff')).toBeVisible();
    await expectInert(page, seen, 'the history');

    await page.goto(`/admin/#/features/${RANKING}`);
    await expect(page.getByLabel('Kind')).toHaveValue('ranking');
    await expectInFields(page, [
      content.ranking.text.en?.title ?? '',
      ...notes.map((n) => n.commentary.en ?? ''),
    ]);
    await expectInert(page, seen, 'the ranking editor');

    // Catalog lists and records.
    await page.goto('/admin/#/catalog/songs');
    await page.getByLabel('Find songs').fill('xss-song');
    await expect(page.locator('.records tbody tr')).toHaveCount(SONGS.length);
    await expectInert(page, seen, 'the song list');
    for (const [kind, record, values] of [
      [
        'songs',
        'xss-song-1',
        [
          ...Object.values(content.songs[0]?.title ?? {}),
          ...(content.songs[0]?.aliases ?? []),
          content.songs[0]?.tie_ins[0]?.season ?? '',
        ],
      ],
      [
        'artists',
        'xss-artist-2',
        [...Object.values(content.artists[1]?.name ?? {}), ...(content.artists[1]?.aliases ?? [])],
      ],
      [
        'works',
        'xss-work-1',
        [...Object.values(content.works[0]?.title ?? {}), ...(content.works[0]?.aliases ?? [])],
      ],
      ['tags', 'xss-scene', Object.values(content.tags[1]?.name ?? {})],
    ] as const) {
      await page.goto(`/admin/#/catalog/${kind}/${record}`);
      await expect(page.getByRole('button', { name: 'Save' })).toBeVisible();
      await expectInFields(page, values as string[]);
      await expectInert(page, seen, `the ${kind} record ${record}`);
    }
    await page.goto('/admin/#/catalog/artists');
    await page.getByLabel('Find artists').fill('xss-artist');
    await expect(page.locator('.records tbody tr')).toHaveCount(ARTISTS.length);
    await expectInert(page, seen, 'the artist list');

    // The preview of the saved version, rendered by the server for staff.
    await visit(page, seen, `/admin/preview/ja/${FEATURE}`);
    await expectShown(page, '.commentary', [`features/${FEATURE}/entries.0.ja`], true);
  });
});
