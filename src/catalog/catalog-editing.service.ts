import type { Kysely } from 'kysely';
import { can, recordAudit, type Actor } from '#src/accounts/index.ts';
import type { Database } from '#src/db/schema.ts';
import type { Change, ChangeFeed } from '#src/shared/changes.ts';
import { toTimestamp, type Clock } from '#src/shared/clock.ts';
import { ConflictError, ForbiddenError, problemAt, ValidationError } from '#src/shared/errors.ts';
import { zodProblems } from '#src/shared/validation.ts';
import { fail } from './catalog-checks.ts';
import {
  ArtistInputSchema,
  SongInputSchema,
  TagInputSchema,
  WorkInputSchema,
  type ArtistData,
  type SongData,
  type TagData,
  type WorkData,
} from './catalog.schemas.ts';
import * as repo from './catalog.repository.ts';
import { createCatalogService } from './catalog.service.ts';
import * as merging from './merge.repository.ts';
import {
  LostRace,
  nextVersion,
  readRecord,
  replaceRecord,
  type RecordData,
} from './record-writer.ts';
import * as records from './records.repository.ts';
import { holdForReview, isWaiting } from './review.repository.ts';
import { acceptedChanges, acceptRecord, type Accepted } from './review.ts';
import type {
  RecordKind,
  RecordLabels,
  RecordSummary,
  StoredRecord,
} from './records.repository.ts';

export interface CatalogEditingDeps {
  db: Kysely<Database>;
  clock: Clock;
  changes: ChangeFeed;
}

type Db = Kysely<Database>;

/** A catalog record as editors see it: its data, its version and what refers to it. */
export interface RecordView {
  kind: RecordKind;
  slug: string;
  /** The version a save must be based on; null for tags, which carry none. */
  version: string | null;
  record: RecordData;
  uses: Record<string, number>;
  /** Readable names of the records this one refers to. */
  labels: RecordLabels;
  /** False while a writer's addition waits for an editor to accept it. */
  reviewed: boolean;
}

const SCHEMAS = {
  songs: SongInputSchema,
  artists: ArtistInputSchema,
  works: WorkInputSchema,
  tags: TagInputSchema,
} as const;

const SINGULAR = { songs: 'song', artists: 'artist', works: 'work', tags: 'tag' } as const;

/**
 * Writers may add songs, artists and works (a feature draft needs them), which readers see
 * only once an editor accepts them; accepting, changing, merging, and the tag vocabulary
 * need an editor.
 */
export type CatalogAction = 'read' | 'create' | 'update' | 'merge' | 'accept';

/** What `action` on `kind` needs: the routes check it before validating, the service again. */
export function permissionFor(kind: RecordKind, action: CatalogAction): 'edit' | 'publish' {
  return action === 'read' || (action === 'create' && kind !== 'tags') ? 'edit' : 'publish';
}

function require(actor: Actor | null, kind: RecordKind, action: CatalogAction) {
  const permission = permissionFor(kind, action);
  if (!actor || !can(actor, permission)) {
    throw new ForbiddenError(
      permission === 'publish'
        ? `Only editors and admins may ${action === 'create' ? 'add' : action} ${kind}.`
        : 'Sign in as a writer or above.',
    );
  }
  return actor;
}

function parse(kind: RecordKind, input: unknown, path: (string | number)[] = []): RecordData {
  const parsed = SCHEMAS[kind].safeParse(input);
  if (!parsed.success) throw new ValidationError(zodProblems(parsed.error, path));
  return parsed.data;
}

/** Renames are refused: public URLs and content files use the slug. */
function sameSlug(slug: string, record: RecordData): void {
  if (record.slug !== slug) {
    throw new ValidationError([
      problemAt(['record', 'slug'], `cannot be changed (is "${slug}"); add a new record instead`),
    ]);
  }
}

/** Catalog upkeep for the back office: find, add, correct and merge records, audited. */
export function createCatalogEditing({ db, clock, changes }: CatalogEditingDeps) {
  const view = async (trx: Db, kind: RecordKind, slug: string): Promise<RecordView | null> => {
    const stored = await readRecord(trx, kind, slug);
    if (!stored) return null;
    return {
      kind,
      slug,
      version: stored.version,
      record: stored.data,
      uses: await records.countUses(trx, kind, stored.id),
      labels: await records.labelsFor(trx, referencesOf(stored.data)),
      reviewed: kind === 'tags' || !(await isWaiting(trx, kind, slug)),
    };
  };

  const audit = (
    trx: Db,
    actor: Actor,
    action: string,
    kind: RecordKind,
    slug: string,
    detail?: unknown,
  ) =>
    recordAudit(trx, {
      at: toTimestamp(clock.now()),
      userId: actor.id,
      action,
      entity: SINGULAR[kind],
      entityId: slug,
      ...(detail === undefined ? {} : { detail }),
    });

  /** Stores what search and discovery must catch up on with the write, in its transaction. */
  const note = (trx: Db, kind: RecordKind, slugs: string[]) =>
    changes.note(trx, { entity: SINGULAR[kind], slugs } as Change);

  /** Announces records let through alongside the one announced already. */
  const announceAccepted = async (accepted: Accepted | null, done?: Change) => {
    for (const change of accepted ? acceptedChanges(accepted) : []) {
      const slugs = change.slugs.filter(
        (s) => change.entity !== done?.entity || !done.slugs.includes(s),
      );
      if (slugs.length > 0) await changes.publish({ ...change, slugs });
    }
  };

  /**
   * What an editor's save lets through: the record itself and, for a song, what its card
   * links to. A writer's addition is held back instead.
   */
  const review = async (trx: Db, who: Actor, kind: RecordKind, slug: string) => {
    if (kind === 'tags') return null;
    if (!can(who, 'publish')) {
      await holdForReview(trx, kind, slug);
      return null;
    }
    const ids = await repo.idsBySlug(trx, kind, [slug]);
    return acceptRecord(trx, kind, ids.get(slug) as number);
  };

  return {
    async list(
      actor: Actor | null,
      kind: RecordKind,
      text: string,
      limit = 50,
    ): Promise<RecordSummary[]> {
      require(actor, kind, 'read');
      return records.findRecords(db, kind, text.trim(), limit);
    },

    async get(actor: Actor | null, kind: RecordKind, slug: string): Promise<RecordView | null> {
      require(actor, kind, 'read');
      return view(db, kind, slug);
    },

    /** Adds one record; the same checks as the content pack, problems named under `record`. */
    async create(actor: Actor | null, kind: RecordKind, input: unknown): Promise<RecordView> {
      const who = require(actor, kind, 'create');
      const data = parse(kind, input, ['record']);
      const created = await db.transaction().execute(async (trx) => {
        const catalog = createCatalogService({ db: trx, clock });
        const add = {
          songs: () => catalog.addSongs([data as SongData]),
          artists: () => catalog.addArtists([data as ArtistData]),
          works: () => catalog.addWorks([data as WorkData]),
          tags: () => catalog.addTags([data as TagData]),
        }[kind];
        try {
          await add();
        } catch (error) {
          // Batch problems are named `[0].field`; this batch is the one record.
          if (error instanceof ValidationError)
            throw new ValidationError(
              error.problems.map((p) =>
                problemAt(['record', ...(p.path ?? []).slice(1)], p.message),
              ),
            );
          throw error;
        }
        const accepted = await review(trx, who, kind, data.slug);
        await audit(trx, who, 'create', kind, data.slug);
        return {
          view: (await view(trx, kind, data.slug)) as RecordView,
          accepted,
          noted: await note(trx, kind, [data.slug]),
        };
      });
      await changes.publish(created.noted);
      await announceAccepted(created.accepted, created.noted.change);
      return created.view;
    },

    /**
     * Replaces a record with `input`. Refused with ConflictError when the record changed
     * since `baseVersion`, carrying the current record to reconcile.
     */
    async update(
      actor: Actor | null,
      kind: RecordKind,
      slug: string,
      input: unknown,
      baseVersion: string | null,
    ): Promise<RecordView | null> {
      const who = require(actor, kind, 'update');
      const data = parse(kind, input, ['record']);
      sameSlug(slug, data);
      const updated = await db.transaction().execute(async (trx) => {
        const stored = await readRecord(trx, kind, slug);
        if (!stored) return null;
        if (stored.version !== null && stored.version !== baseVersion) {
          throw new ConflictError(
            `This ${SINGULAR[kind]} was changed at ${stored.version}, after the version this edit started from.`,
            await view(trx, kind, slug),
          );
        }
        const next = nextVersion(clock.now(), stored.version);
        try {
          await replaceRecord(trx, kind, stored.id, data, next, stored.version ?? '');
        } catch (error) {
          if (!(error instanceof LostRace)) throw error;
          throw new ConflictError(
            `This ${SINGULAR[kind]} was changed by another save at the same moment.`,
            await view(trx, kind, slug),
          );
        }
        const accepted = await review(trx, who, kind, slug);
        await audit(trx, who, 'update', kind, slug);
        return {
          view: await view(trx, kind, slug),
          accepted,
          noted: await note(trx, kind, [slug]),
        };
      });
      if (!updated) return null;
      await changes.publish(updated.noted);
      await announceAccepted(updated.accepted, updated.noted.change);
      return updated.view;
    },

    /**
     * Lets a writer's addition through to readers (an editor's act): its page, the pages
     * that list it, search and "songs like this". A song brings the artists and works its
     * card links to. Accepting what is public already changes nothing.
     */
    async accept(actor: Actor | null, kind: RecordKind, slug: string): Promise<RecordView | null> {
      const who = require(actor, kind, 'accept');
      const done = await db.transaction().execute(async (trx) => {
        const ids = await repo.idsBySlug(trx, kind, [slug]);
        const id = ids.get(slug);
        if (id === undefined) return null;
        const accepted = kind === 'tags' ? null : await acceptRecord(trx, kind, id);
        const changed = accepted !== null && acceptedChanges(accepted).length > 0;
        if (changed) await audit(trx, who, 'accept', kind, slug);
        return { view: (await view(trx, kind, slug)) as RecordView, accepted };
      });
      if (!done) return null;
      await announceAccepted(done.accepted);
      return done.view;
    },

    /**
     * Merges duplicate `from` into `into`: every reference follows, `from` is deleted and its
     * names become aliases. Returns how many features' entries or tags changed.
     */
    async merge(
      actor: Actor | null,
      kind: RecordKind,
      from: string,
      into: string,
    ): Promise<{ featuresChanged: number }> {
      const who = require(actor, kind, 'merge');
      if (from === into)
        throw new ValidationError([problemAt(['into'], 'cannot merge something into itself')]);
      const outcome = await db.transaction().execute(async (trx) => {
        const ids = await repo.idsBySlug(trx, kind, [from, into]);
        fail([
          ...(ids.has(from) ? [] : [problemAt(['slug'], `unknown ${SINGULAR[kind]} "${from}"`)]),
          ...(ids.has(into) ? [] : [problemAt(['into'], `unknown ${SINGULAR[kind]} "${into}"`)]),
        ]);
        const [fromId, intoId] = [ids.get(from) as number, ids.get(into) as number];
        const [merged, target] = (await Promise.all([
          readRecord(trx, kind, from),
          readRecord(trx, kind, into),
        ])) as StoredRecord<RecordData>[];
        const names = namesOf((merged as StoredRecord<RecordData>).data);
        let features: number[] = [];
        if (kind === 'songs') features = await merging.mergeSongs(trx, fromId, intoId, names);
        else if (kind === 'artists') await merging.mergeArtists(trx, fromId, intoId, names);
        else if (kind === 'works') await merging.mergeWorks(trx, fromId, intoId, names);
        else features = await merging.mergeTags(trx, fromId, intoId);
        // The record that stays changed: an edit opened before the merge must reconcile.
        if (kind !== 'tags')
          await trx
            .updateTable(kind)
            .set({ updated_at: nextVersion(clock.now(), target?.version ?? null) })
            .where('id', '=', intoId)
            .execute();
        // The editor chose the record that stays: readers see it from now on.
        const accepted = kind === 'tags' ? null : await acceptRecord(trx, kind, intoId);
        await audit(trx, who, 'merge', kind, into, { merged: from });
        return {
          count: new Set(features).size,
          accepted,
          noted: await note(trx, kind, [from, into]),
        };
      });
      await changes.publish(outcome.noted);
      await announceAccepted(outcome.accepted, outcome.noted.change);
      return { featuresChanged: outcome.count };
    },
  };
}

/** The slugs a record refers to, by kind. */
function referencesOf(data: RecordData): { artists: string[]; works: string[]; songs: string[] } {
  if ('credits' in data) {
    return {
      artists: data.credits.flatMap((c) => (c.as ? [c.artist, c.as] : [c.artist])),
      works: data.tie_ins.map((t) => t.work),
      songs: data.cover_of ? [data.cover_of] : [],
    };
  }
  return { artists: 'members' in data ? data.members : [], works: [], songs: [] };
}

/** A record's names in the scripts people search by, kept as aliases when it is merged away. */
function namesOf(data: RecordData): string[] {
  const name = 'title' in data ? data.title : data.name;
  return Object.values(name).filter((n): n is string => Boolean(n));
}

export type CatalogEditing = ReturnType<typeof createCatalogEditing>;
