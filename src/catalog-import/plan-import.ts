import type { Kysely } from 'kysely';
import {
  idsBySlug,
  readRecord,
  titleKey,
  type ArtistData,
  type NameInput,
  type RecordData,
  type SongData,
  type WorkData,
} from '#src/catalog/index.ts';
import type { Database } from '#src/db/schema.ts';
import { nameKeys } from '#src/search/index.ts';
import { ValidationError, type Problem } from '#src/shared/errors.ts';
import { zodProblems } from '#src/shared/validation.ts';
import { problemIn, SINGULAR, type Skipped, type SourceRecord } from './import-records.ts';
import {
  IMPORT_SCHEMAS,
  type ArtistImport,
  type SongImport,
  type TieInImport,
  type WorkImport,
} from './import.schemas.ts';
import * as repo from './match.repository.ts';

type Db = Kysely<Database>;

/** The three kinds of record an import creates or fills in; tie-ins travel with their songs. */
export type PlannedKind = 'artists' | 'works' | 'songs';
export type Action = 'create' | 'update' | 'match';

const NAME_FIELDS = ['original', 'romanized', 'en', 'zh-hant', 'ko'] as const;

type Incoming = ArtistImport | WorkImport | SongImport;

/** What will become of one record of the import. */
export interface Planned {
  kind: PlannedKind;
  /** Null for a song only named by tie-ins, which is in the catalog already. */
  source: SourceRecord | null;
  data: Incoming;
  /** The catalog slug the record has or will have. */
  target: string;
  action: Action;
  /** How the existing record was found: `anilist id 101922`, `slug`, `name and year`. */
  via?: string;
  existingId?: number;
  /** The stored version a fill-in is based on. */
  version?: string | null;
  /** The fields a fill-in gives values (update), and the record after it. */
  changes: string[];
  merged?: RecordData;
  /** Other catalogs' ids the record does not have yet. */
  newIds: { source: string; externalId: string }[];
}

/** A record that looks like one already there but was not taken for it: created, and told. */
export interface LikelyDuplicate {
  kind: PlannedKind;
  label: string;
  target: string;
  existing: string[];
  reason: string;
}

/** A value the import offered where the catalog already had another: the catalog's stays. */
export interface KeptValue {
  kind: PlannedKind;
  target: string;
  field: string;
  kept: string;
  offered: string;
}

export interface ImportPlan {
  records: Planned[];
  tieIns: { created: number; matched: number };
  duplicates: LikelyDuplicate[];
  kept: KeptValue[];
  skipped: Skipped[];
}

interface Parsed {
  source: SourceRecord;
  data: Incoming;
}

export type PlanProgress = (stage: string, done: number, total: number) => void;

export interface PlanOptions {
  /** What reading the files left out, and found wrong: reported with the plan's own. */
  skipped?: readonly Skipped[];
  problems?: readonly Problem[];
  progress?: PlanProgress;
}

/**
 * Decides, for every record of an import, whether it is new or which catalog record it is,
 * and what it would add there. Matching goes by other catalogs' ids first, then by the
 * file's own slug, then by name in any script (the search index's keys) together with the
 * year (works), the work or year and an artist (songs), or a single namesake (artists).
 * A name match that is not sure is reported as a likely duplicate and created apart.
 * Throws ValidationError with every problem found, each at its file, line and field.
 */
export async function planImport(
  db: Db,
  sources: readonly SourceRecord[],
  { skipped = [], problems: found = [], progress = () => {} }: PlanOptions = {},
): Promise<ImportPlan> {
  const problems: Problem[] = [...found];
  // Records too broken to plan still exist for what refers to them, so that one mistake is
  // reported once, not again at every reference to it.
  const unplanned = new Set<string>();
  const parsed: Record<PlannedKind, Parsed[]> = { artists: [], works: [], songs: [] };
  const tieIns: { source: SourceRecord; data: TieInImport }[] = [];
  for (const source of sources) {
    const result = IMPORT_SCHEMAS[source.kind].safeParse(source.input);
    if (!result.success) {
      if (typeof source.input.slug === 'string')
        unplanned.add(`${source.kind}:${source.input.slug}`);
      for (const p of zodProblems(result.error))
        problems.push(problemIn(source, p.path ?? [], p.message));
      continue;
    }
    if (source.kind === 'tie_ins') tieIns.push({ source, data: result.data as TieInImport });
    else parsed[source.kind].push({ source, data: result.data as Incoming });
  }
  for (const kind of ['artists', 'works', 'songs'] as const)
    problems.push(...repeatedIds(parsed[kind]));
  problems.push(...repeatedTieIns(tieIns));

  // Tie-ins of songs in the import go with them; the rest are of songs already in the catalog.
  const fileSongs = new Map(
    parsed.songs.filter((s) => s.source.slugNamesRecord).map((s) => [s.data.slug, s]),
  );
  const catalogTieIns = new Map<string, { source: SourceRecord; data: TieInImport }[]>();
  // A tie-in given on its own is reported at its own line, wherever it ends up.
  const origins: Origins = new WeakMap();
  for (const t of tieIns) {
    const song = fileSongs.get(t.data.song);
    const { song: _, ...tieIn } = t.data;
    origins.set(tieIn, t.source);
    if (song) (song.data as SongImport).tie_ins.push(tieIn);
    else catalogTieIns.set(t.data.song, [...(catalogTieIns.get(t.data.song) ?? []), t]);
  }

  const plan: ImportPlan = {
    records: [],
    tieIns: { created: 0, matched: 0 },
    duplicates: [],
    kept: [],
    skipped: [...skipped],
  };
  const claimed = new Map<string, Planned>();
  const total = parsed.artists.length + parsed.works.length + parsed.songs.length;
  let done = 0;

  const matchKind = async (kind: PlannedKind, context: MatchContext) => {
    const items = parsed[kind];
    const owner = SINGULAR[kind];
    const byId = await repo.byExternalIds(
      db,
      owner,
      items.flatMap((it) =>
        Object.entries(it.data.external_ids).map(([source, id]) => ({ source, id })),
      ),
    );
    const bySlug = await idsBySlug(
      db,
      kind,
      items.filter((it) => it.source.slugNamesRecord).map((it) => it.data.slug),
    );
    const keys = await Promise.all(items.map((it) => keysOf(kind, it.data)));
    const byKey = await repo.byNameKeys(db, owner, keys.flat());
    const known = await repo.candidates(
      db,
      owner,
      [...byKey.values()].flatMap((ids) => [...ids]),
    );
    const slugOf = new Map([...known.values()].map((c) => [c.id, c.slug]));
    const missingSlugs = [...byId.values(), ...bySlug.values()].filter((id) => !slugOf.has(id));
    for (const c of (await repo.candidates(db, owner, missingSlugs)).values())
      slugOf.set(c.id, c.slug);

    items.forEach((it, i) => {
      const { source, data } = it;
      const planned: Planned = {
        kind,
        source,
        data,
        target: data.slug,
        action: 'create',
        changes: [],
        newIds: [],
      };
      const idHits = new Map<number, string>();
      for (const [src, id] of Object.entries(data.external_ids)) {
        const hit = byId.get(`${src}:${id}`);
        if (hit !== undefined && !idHits.has(hit)) idHits.set(hit, `${src} id ${id}`);
      }
      const slugHit = source.slugNamesRecord ? bySlug.get(data.slug) : undefined;
      let existing: number | undefined;
      if (idHits.size > 1) {
        problems.push(
          problemIn(
            source,
            ['external_ids'],
            `these ids belong to different ${kind}: ${[...idHits.keys()].map((id) => `"${slugOf.get(id)}"`).join(', ')}`,
          ),
        );
      } else if (idHits.size === 1) {
        const [[id, via]] = [...idHits] as [[number, string]];
        if (slugHit !== undefined && slugHit !== id)
          problems.push(
            problemIn(
              source,
              ['slug'],
              `"${data.slug}" is another ${SINGULAR[kind]} than "${slugOf.get(id)}", which has ${via}`,
            ),
          );
        existing = id;
        planned.via = via;
      } else if (slugHit !== undefined) {
        existing = slugHit;
        planned.via = 'slug';
      } else {
        const named = [
          ...new Set((keys[i] as string[]).flatMap((k) => [...(byKey.get(k) ?? [])])),
        ].filter((id) => !claimedBy(claimed, kind, id));
        const sure = named.filter((id) => context.agrees(data, known.get(id) as repo.Candidate));
        if (sure.length === 1) {
          existing = sure[0];
          planned.via = context.how(data);
        } else if (named.length > 0) {
          plan.duplicates.push({
            kind,
            label: labelOf(source),
            target: data.slug,
            existing: named.map((id) => slugOf.get(id) as string),
            reason:
              sure.length > 1
                ? `the same name as ${sure.length} ${kind} that all fit; created apart`
                : `the same name, but ${context.differs}; created apart`,
          });
        }
      }
      if (existing !== undefined) {
        const other = claimedBy(claimed, kind, existing);
        if (other)
          problems.push(
            problemIn(
              source,
              ['slug'],
              `is the same ${SINGULAR[kind]} ("${slugOf.get(existing)}") as ${labelOf(other.source)}; write it once`,
            ),
          );
        planned.action = 'match';
        planned.existingId = existing;
        planned.target = slugOf.get(existing) as string;
        claimed.set(`${kind}:${existing}`, planned);
      }
      plan.records.push(planned);
      progress('matching', ++done, total);
    });
  };

  await matchKind('artists', {
    agrees: () => true,
    how: () => 'name',
    differs: 'more than one has it',
  });
  await matchKind('works', {
    agrees: (data, c) => c.year !== null && c.year === (data as WorkImport).year,
    how: () => 'name and year',
    differs: 'a different year (or none)',
  });
  const workIds = idsOfPlanned(plan, 'works');
  const artistIds = new Map([
    ...(await idsBySlug(
      db,
      'artists',
      parsed.songs.flatMap((s) => (s.data as SongImport).credits.map((c) => c.artist)),
    )),
    ...idsOfPlanned(plan, 'artists'),
  ]);
  await matchKind('songs', {
    agrees: (data, c) => {
      const song = data as SongImport;
      const works = song.tie_ins.flatMap((t) => workIds.get(t.work) ?? []);
      if (works.length > 0) return works.some((w) => c.works.has(w));
      const year = song.released ? Number(song.released.slice(0, 4)) : null;
      return (
        year !== null &&
        c.year === year &&
        song.credits.some((cr) => c.artists.has(artistIds.get(cr.artist) ?? -1))
      );
    },
    how: (data) =>
      (data as SongImport).tie_ins.length > 0 ? 'title and work' : 'title, year and artist',
    differs: 'no work, or year and artist, in common',
  });

  await assignSlugs(db, plan);
  const known = await idsBySlug(db, 'songs', [...catalogTieIns.keys()]);
  for (const [song, list] of catalogTieIns) {
    if (known.has(song)) plan.records.push(tieInOnlySong(song, list, origins));
    else if (!unplanned.has(`songs:${song}`))
      problems.push(
        ...list.map((t) =>
          problemIn(
            t.source,
            ['song'],
            `unknown song "${song}" (not in this import or the catalog)`,
          ),
        ),
      );
  }
  problems.push(...(await rewriteReferences(db, plan, origins, unplanned)));
  if (problems.length > 0) throw new ValidationError(problems, 'The import was not written');

  const matched = plan.records.filter((r) => r.action === 'match');
  for (const [i, r] of matched.entries()) {
    await fillIn(db, r, plan);
    progress('comparing', i + 1, matched.length);
  }
  for (const r of plan.records)
    if (r.kind === 'songs' && r.action === 'create')
      plan.tieIns.created += (r.data as SongImport).tie_ins.length;
  return plan;
}

/** Where each tie-in given on its own line or object came from. */
type Origins = WeakMap<object, SourceRecord>;

interface MatchContext {
  /** Whether a namesake is surely the same record, by what else is known of it. */
  agrees(data: Incoming, candidate: repo.Candidate): boolean;
  how(data: Incoming): string;
  /** Why a namesake was not taken, for the report. */
  differs: string;
}

function labelOf(source: SourceRecord | null): string {
  return source ? `${source.file} ${source.label}` : 'the catalog';
}

function claimedBy(claimed: Map<string, Planned>, kind: PlannedKind, id: number) {
  return claimed.get(`${kind}:${id}`);
}

function namesOf(kind: PlannedKind, data: Incoming): NameInput {
  return kind === 'artists' ? (data as ArtistImport).name : (data as WorkImport).title;
}

async function keysOf(kind: PlannedKind, data: Incoming): Promise<string[]> {
  const name = namesOf(kind, data);
  const person =
    kind === 'artists' && ['person', 'character'].includes((data as ArtistImport).kind);
  // The record's names, not its aliases: an alias (a former name, a nickname) may well be
  // another record's name, and says too little to take one for the other.
  return nameKeys(
    SINGULAR[kind],
    NAME_FIELDS.flatMap((f) => (name[f] ? [{ field: f, value: name[f] }] : [])),
    person,
  );
}

/** The same slug, or the same other catalog's id, twice among one kind of record. */
function repeatedIds(items: readonly Parsed[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, Parsed>();
  for (const it of items) {
    const keys = [
      ...(it.source.slugNamesRecord
        ? [[`slug:${it.data.slug}`, ['slug'], `"${it.data.slug}"`]]
        : []),
      ...Object.entries(it.data.external_ids).map(([src, id]) => [
        `${src}:${id}`,
        ['external_ids', src],
        `${src} id ${id}`,
      ]),
    ] as [string, string[], string][];
    for (const [key, path, what] of keys) {
      const first = seen.get(key);
      if (first)
        problems.push(
          problemIn(it.source, path, `${what} is also given to ${labelOf(first.source)}`),
        );
      else seen.set(key, it);
    }
  }
  return problems;
}

function repeatedTieIns(tieIns: readonly { source: SourceRecord; data: TieInImport }[]) {
  const seen = new Map<string, SourceRecord>();
  return tieIns.flatMap(({ source, data }) => {
    const key = `${data.song}/${data.work}/${data.role}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, source);
      return [];
    }
    return [problemIn(source, ['song'], `the same tie-in is also at ${labelOf(first)}`)];
  });
}

/** File slug → catalog id, for the records of `kind` that are already in the catalog. */
function idsOfPlanned(plan: ImportPlan, kind: PlannedKind): Map<string, number> {
  return new Map(
    plan.records
      .filter((r) => r.kind === kind && r.existingId !== undefined)
      .map((r) => [r.data.slug, r.existingId as number]),
  );
}

/**
 * Slugs made up from names may already be taken by other records (two songs called
 * "Lemon"): those get a number. Slugs a file gives are never taken, or they had matched.
 */
async function assignSlugs(db: Db, plan: ImportPlan): Promise<void> {
  for (const kind of ['artists', 'works', 'songs'] as const) {
    const made = plan.records.filter(
      (r) => r.kind === kind && r.action === 'create' && !r.source?.slugNamesRecord,
    );
    const wanted = made.flatMap((r) => [r.target, ...[2, 3, 4, 5].map((n) => `${r.target}-${n}`)]);
    const taken = new Set([
      ...(await idsBySlug(db, kind, wanted)).keys(),
      ...plan.records.filter((r) => r.kind === kind && r.action !== 'create').map((r) => r.target),
    ]);
    for (const r of made) {
      let slug = r.target;
      for (let n = 2; taken.has(slug); n++) slug = `${r.target}-${n}`;
      taken.add(slug);
      r.target = slug;
    }
  }
}

/**
 * Points every reference (members, credits, tie-ins, covers) at the catalog slug of what it
 * names, whether the import creates it or found it; a reference to nothing is a problem.
 */
async function rewriteReferences(
  db: Db,
  plan: ImportPlan,
  origins: Origins,
  unplanned: ReadonlySet<string>,
): Promise<Problem[]> {
  const targets = {
    artists: new Map<string, string>(),
    works: new Map<string, string>(),
    songs: new Map<string, string>(),
  };
  for (const r of plan.records) targets[r.kind].set(r.data.slug, r.target);
  const refs: {
    kind: PlannedKind | 'tags';
    slug: string;
    at: Planned;
    path: (string | number)[];
    /** Where to report it, when not in the record itself. */
    origin?: SourceRecord;
  }[] = [];
  for (const r of plan.records) {
    if (r.kind === 'artists')
      (r.data as ArtistImport).members.forEach((slug, j) =>
        refs.push({ kind: 'artists', slug, at: r, path: ['members', j] }),
      );
    if (r.kind === 'songs') {
      const s = r.data as SongImport;
      s.credits.forEach((c, j) => {
        refs.push({ kind: 'artists', slug: c.artist, at: r, path: ['credits', j, 'artist'] });
        if (c.as) refs.push({ kind: 'artists', slug: c.as, at: r, path: ['credits', j, 'as'] });
      });
      s.tie_ins.forEach((t, j) =>
        refs.push({
          kind: 'works',
          slug: t.work,
          at: r,
          path: ['tie_ins', j, 'work'],
          origin: origins.get(t),
        }),
      );
      if (s.cover_of) refs.push({ kind: 'songs', slug: s.cover_of, at: r, path: ['cover_of'] });
      s.tags.forEach((slug, j) => refs.push({ kind: 'tags', slug, at: r, path: ['tags', j] }));
    }
  }
  const inCatalog = {
    artists: new Map<string, number>(),
    works: new Map<string, number>(),
    songs: new Map<string, number>(),
    tags: new Map<string, number>(),
  };
  for (const kind of ['artists', 'works', 'songs', 'tags'] as const) {
    const outside = refs
      .filter((x) => x.kind === kind && !(kind !== 'tags' && targets[kind].has(x.slug)))
      .map((x) => x.slug);
    inCatalog[kind] = await idsBySlug(db, kind, outside);
  }
  const problems: Problem[] = [];
  const resolve = (x: (typeof refs)[number]): string | null => {
    if (x.kind !== 'tags' && targets[x.kind].has(x.slug)) return targets[x.kind].get(x.slug)!;
    if (inCatalog[x.kind].has(x.slug)) return x.slug;
    if (unplanned.has(`${x.kind}:${x.slug}`)) return null;
    const source = x.origin ?? x.at.source;
    if (source)
      problems.push(
        problemIn(
          source,
          x.origin ? ['work'] : x.path,
          `unknown ${x.kind === 'tags' ? 'tag' : SINGULAR[x.kind]} "${x.slug}" (not in this import or the catalog)`,
        ),
      );
    return null;
  };
  for (const x of refs) {
    const slug = resolve(x);
    if (slug === null) continue;
    // Written back into the record at its path: [list, index] or [list, index, field].
    let node = x.at.data as unknown as Record<string | number, unknown>;
    for (const key of x.path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    node[x.path[x.path.length - 1] as string | number] = slug;
  }
  return problems;
}

/** A song of the catalog the import only adds tie-ins to. */
function tieInOnlySong(
  song: string,
  list: readonly { source: SourceRecord; data: TieInImport }[],
  origins: Origins,
): Planned {
  return {
    kind: 'songs',
    source: null,
    data: {
      slug: song,
      tie_ins: list.map(({ source, data: { song: _, ...t } }) => {
        origins.set(t, source);
        return t;
      }),
    } as unknown as SongImport,
    target: song,
    action: 'match',
    via: 'slug',
    changes: [],
    newIds: [],
  };
}

/**
 * Reads the existing record and fills in what the import knows and the catalog does not:
 * names in other scripts, aliases, a year or release date, media, tags, tie-ins, credits
 * and members. Nothing the catalog has is overwritten; a differing name becomes an alias,
 * any other differing value is reported as kept.
 */
async function fillIn(db: Db, r: Planned, plan: ImportPlan): Promise<void> {
  const stored = await readRecord(db, r.kind, r.target);
  if (!stored) throw new Error(`${r.kind} "${r.target}" vanished while the import was planned`);
  r.existingId = stored.id;
  r.version = stored.version;
  const keep = (field: string, kept: unknown, offered: unknown) => {
    if (offered === undefined || kept === undefined || String(kept) === String(offered)) return;
    plan.kept.push({
      kind: r.kind,
      target: r.target,
      field,
      kept: String(kept),
      offered: String(offered),
    });
  };
  const changed = new Set<string>();
  const merged = structuredClone(stored.data) as RecordData & { aliases: string[] };
  const incoming = r.data;

  if (r.source) {
    const nameKey = r.kind === 'artists' ? 'name' : 'title';
    const name = (merged as unknown as Record<string, NameInput>)[nameKey] as NameInput;
    const offered = namesOf(r.kind, incoming);
    const known = new Set([...Object.values(name), ...merged.aliases].map(titleKey));
    for (const f of NAME_FIELDS) {
      const value = offered[f];
      if (!value) continue;
      if (!name[f]) {
        name[f] = value;
        changed.add(`${nameKey}.${f}`);
      } else if (!known.has(titleKey(value))) {
        merged.aliases.push(value);
        changed.add('aliases');
      }
      known.add(titleKey(value));
    }
    for (const alias of incoming.aliases)
      if (!known.has(titleKey(alias))) {
        merged.aliases.push(alias);
        known.add(titleKey(alias));
        changed.add('aliases');
      }
  }
  if (r.kind === 'works') {
    const work = merged as WorkData;
    const year = (incoming as WorkImport).year;
    if (work.year === undefined && year !== undefined) {
      work.year = year;
      changed.add('year');
    } else keep('year', work.year, year);
  }
  if (r.kind === 'artists') {
    const artist = merged as ArtistData;
    for (const m of (incoming as ArtistImport).members)
      if (!artist.members.includes(m)) {
        artist.members.push(m);
        changed.add('members');
      }
  }
  if (r.kind === 'songs') {
    const song = merged as SongData;
    const offered = incoming as SongImport;
    if (r.source) {
      if (!song.released && offered.released) {
        song.released = offered.released;
        changed.add('released');
      } else keep('released', song.released, offered.released);
      for (const c of offered.credits)
        if (!song.credits.some((s) => s.artist === c.artist && s.role === c.role)) {
          song.credits.push(c);
          changed.add('credits');
        }
      for (const t of offered.tags)
        if (!song.tags.includes(t)) {
          song.tags.push(t);
          changed.add('tags');
        }
      for (const [provider, id] of Object.entries(offered.media) as [
        keyof SongData['media'],
        string,
      ][]) {
        if (!song.media[provider]) {
          song.media[provider] = id;
          changed.add(`media.${provider}`);
        } else keep(`media.${provider}`, song.media[provider], id);
      }
      if (!song.cover_of && offered.cover_of) {
        song.cover_of = offered.cover_of;
        changed.add('cover_of');
      }
    }
    for (const t of offered.tie_ins) {
      const same = song.tie_ins.find((s) => s.work === t.work && s.role === t.role);
      if (same) {
        plan.tieIns.matched++;
        if (same.sequence === undefined && t.sequence !== undefined) {
          same.sequence = t.sequence;
          changed.add('tie_ins');
        }
      } else {
        song.tie_ins.push(t);
        plan.tieIns.created++;
        changed.add('tie_ins');
      }
    }
  }
  r.changes = [...changed];
  if (r.changes.length > 0) {
    r.action = 'update';
    r.merged = merged;
  }
  if (r.source) {
    const have = (await repo.externalIdsOf(db, SINGULAR[r.kind], [stored.id])).get(stored.id);
    for (const [source, externalId] of Object.entries(incoming.external_ids)) {
      const current = have?.get(source);
      if (current === undefined) r.newIds.push({ source, externalId });
      else keep(`external_ids.${source}`, current, externalId);
    }
    if (r.newIds.length > 0) {
      r.changes.push('external_ids');
      r.action = 'update';
    }
  }
}
