import type { Kysely } from 'kysely';
import { can, recordAudit, type Actor } from '#src/accounts/index.ts';
import {
  acceptedChanges,
  acceptSongs,
  createCatalogService,
  displayName,
  type Accepted,
} from '#src/catalog/index.ts';
import type { Database } from '#src/db/schema.ts';
import type { ChangeFeed } from '#src/shared/changes.ts';
import { toTimestamp, type Clock } from '#src/shared/clock.ts';
import { ConflictError, ForbiddenError, problemAt, ValidationError } from '#src/shared/errors.ts';
import { zodProblems } from '#src/shared/validation.ts';
import * as editing from './editing.repository.ts';
import { resolveRefs, writeContent } from './feature-writer.ts';
import * as repo from './features.repository.ts';
import * as rankings from './ranking.repository.ts';
import { checkNames, type NameWarning } from './name-check.ts';
import {
  EDITORIAL_LOCALES,
  FeatureInputSchema,
  type FeatureData,
  type FeatureInput,
} from './features.schemas.ts';

export interface EditingDeps {
  db: Kysely<Database>;
  clock: Clock;
  changes: ChangeFeed;
}

/** What editors edit: the feature as written, without its publishing state. */
export type FeatureDocument = Omit<FeatureData, 'status' | 'published' | 'updated'>;

export interface EditorView {
  slug: string;
  status: string;
  publishedAt: string | null;
  updatedAt: string;
  revision: number;
  document: FeatureDocument;
  /** "Deep love — Nana Mizuki" for each song slug in the document, for people to read. */
  songs: Record<string, string>;
}

export type LocaleState = 'missing' | 'draft' | 'reviewed';

export interface EditorListItem {
  slug: string;
  kind: string;
  status: string;
  title: string;
  revision: number;
  publishedAt: string | null;
  updatedAt: string;
  entryCount: number;
  locales: Record<(typeof EDITORIAL_LOCALES)[number], LocaleState>;
}

type Db = Kysely<Database>;

function require(actor: Actor | null, permission: 'edit' | 'publish'): Actor {
  if (!actor || !can(actor, permission)) {
    throw new ForbiddenError(
      permission === 'publish'
        ? 'Only editors and admins may publish.'
        : 'Sign in as a writer or above.',
    );
  }
  return actor;
}

function parseDocument(input: unknown): FeatureDocument {
  const parsed = FeatureInputSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(zodProblems(parsed.error));
  const { status: _status, published: _published, updated: _updated, ...document } = parsed.data;
  // Tags have no order; keeping them sorted keeps revisions comparable.
  return { ...document, tags: [...new Set(document.tags)].sort() };
}

async function readDocument(
  db: Db,
  feature: { id: number; slug: string; kind: string; byline: string | null },
): Promise<FeatureDocument> {
  const content = await editing.getEditableContent(db, feature.id);
  return {
    slug: feature.slug,
    kind: feature.kind as FeatureDocument['kind'],
    ...(content.category ? { category: content.category } : {}),
    tags: content.tags,
    ...(feature.byline ? { byline: feature.byline } : {}),
    related: content.related,
    text: Object.fromEntries(
      content.texts.map((t) => [
        t.locale,
        {
          title: t.title,
          lead: t.lead_md,
          closing: t.closing_md,
          status: t.status as 'draft' | 'reviewed',
        },
      ]),
    ),
    ...(feature.kind === 'ranking'
      ? await readRanking(db, feature.id, content.entries)
      : {
          entries: content.entries.map((e) => ({
            song: e.slug,
            added: e.added_at,
            commentary: Object.fromEntries(
              content.commentary
                .filter((c) => c.entry_id === e.id)
                .map((c) => [c.locale, c.commentary_md]),
            ),
          })),
        }),
  };
}

/**
 * A ranking as its editors see it: the ranked songs in order, then any songs they wrote
 * about that are not ranked at the moment, each with its notes.
 */
async function readRanking(
  db: Db,
  featureId: number,
  ranked: readonly { slug: string }[],
): Promise<Pick<FeatureDocument, 'ranking' | 'entries'>> {
  const [definition, notes] = await Promise.all([
    rankings.getDefinition(db, featureId),
    rankings.getNotes(db, featureId),
  ]);
  const slugs = [...new Set([...ranked.map((e) => e.slug), ...notes.map((n) => n.slug)])];
  return {
    ...(definition
      ? {
          ranking: {
            ...(definition.category_slug ? { category: definition.category_slug } : {}),
            tags: definition.tags.map((t) => t.slug),
            period: /^\d+$/.test(definition.period)
              ? Number(definition.period)
              : (definition.period as 'last-30-days'),
            size: definition.size,
          },
        }
      : {}),
    entries: slugs.map((song) => ({
      song,
      commentary: Object.fromEntries(
        notes.filter((n) => n.slug === song).map((n) => [n.locale, n.commentary_md]),
      ),
    })),
  };
}

/**
 * Editing features without losing work: every save is a new revision with a full snapshot;
 * a save based on an older revision is refused with the latest, to reconcile.
 */
export function createEditingService({ db, clock, changes }: EditingDeps) {
  const now = () => toTimestamp(clock.now());

  /** Tells readers' pages, search and "songs like this" about records now public. */
  const announceAccepted = async (accepted: Accepted | null) => {
    for (const change of accepted ? acceptedChanges(accepted) : []) await changes.publish(change);
  };

  const view = async (slug: string, trx: Db = db): Promise<EditorView | null> => {
    const feature = await editing.findBySlug(trx, slug);
    if (!feature) return null;
    const document = await readDocument(trx, feature);
    const catalog = createCatalogService({ db: trx, clock });
    const ids = await catalog.idsBySlug(
      'songs',
      document.entries.map((e) => e.song),
    );
    const cards = await catalog.getSongCards([...ids.values()]);
    return {
      slug: feature.slug,
      status: feature.status,
      publishedAt: feature.published_at,
      updatedAt: feature.updated_at,
      revision: feature.revision,
      document,
      songs: Object.fromEntries(
        cards.map((c) => {
          const artist = c.credits[0]
            ? ` — ${displayName(c.credits[0].artist.name, 'en').text}`
            : '';
          return [c.slug, `${displayName(c.title, 'en').text}${artist}`];
        }),
      ),
    };
  };

  /** Validates references and writes the document's content; throws with every problem. */
  const writeDocument = async (
    trx: Db,
    featureId: number,
    document: FeatureDocument,
    at: string,
  ) => {
    // Lookups go through the transaction: SQLite has one connection, and it is ours until commit.
    const catalog = createCatalogService({ db: trx, clock });
    const { refs, problems } = await resolveRefs(trx, catalog, [
      { path: [], f: document as FeatureData },
    ]);
    if (document.related.includes(document.slug))
      problems.push(problemAt(['related'], 'a feature cannot be related to itself'));
    if (problems.length > 0) throw new ValidationError(problems);
    const before = await editing.getEditableContent(trx, featureId);
    const added = new Map(before.entries.map((e) => [e.song_id, e.added_at]));
    await writeContent(trx, featureId, document as FeatureData, refs, at, added);
    await repo.insertRelated(
      trx,
      featureId,
      document.related.map((r) => refs.features.get(r) as number),
    );
    return refs;
  };

  const snapshot = async (
    trx: Db,
    featureId: number,
    revision: number,
    actor: Actor,
    document: FeatureDocument,
    at: string,
  ) => {
    await editing.insertRevision(trx, {
      feature_id: featureId,
      revision,
      user_id: actor.id,
      created_at: at,
      snapshot: JSON.stringify(document),
    });
  };

  return {
    async list(actor: Actor | null): Promise<EditorListItem[]> {
      require(actor, 'edit');
      const { features, texts } = await editing.listForEditors(db, 500);
      const count = await repo.countEntriesFor(
        db,
        features.map((f) => f.id),
      );
      const textsOf = new Map<number, typeof texts>();
      for (const t of texts) textsOf.set(t.feature_id, [...(textsOf.get(t.feature_id) ?? []), t]);
      return features.map((f) => {
        const own = textsOf.get(f.id) ?? [];
        const state = (locale: string): LocaleState =>
          (own.find((t) => t.locale === locale)?.status as LocaleState | undefined) ?? 'missing';
        return {
          slug: f.slug,
          kind: f.kind,
          status: f.status,
          title: (own.find((t) => t.locale === 'en') ?? own[0])?.title ?? f.slug,
          revision: f.revision,
          publishedAt: f.published_at,
          updatedAt: f.updated_at,
          entryCount: count.get(f.id) ?? 0,
          locales: Object.fromEntries(
            EDITORIAL_LOCALES.map((l) => [l, state(l)]),
          ) as EditorListItem['locales'],
        };
      });
    },

    async get(actor: Actor | null, slug: string): Promise<EditorView | null> {
      require(actor, 'edit');
      return view(slug);
    },

    /** A new feature, as a draft at revision 1. */
    async create(actor: Actor | null, input: FeatureInput): Promise<EditorView> {
      const who = require(actor, 'edit');
      const document = parseDocument(input);
      const at = now();
      await db.transaction().execute(async (trx) => {
        if (await editing.findBySlug(trx, document.slug)) {
          throw new ValidationError([problemAt(['slug'], `"${document.slug}" is already in use`)]);
        }
        const id = await repo.insertFeature(trx, {
          slug: document.slug,
          kind: document.kind,
          category_id: null,
          status: 'draft',
          byline: document.byline ?? null,
          published_at: null,
          updated_at: at,
          created_at: at,
          revision: 1,
        });
        const refs = await writeDocument(trx, id, document, at);
        await editing.updateFeature(trx, id, {
          category_id: document.category ? (refs.categories.get(document.category) ?? null) : null,
        });
        await snapshot(trx, id, 1, who, document, at);
        await recordAudit(trx, {
          at,
          userId: who.id,
          action: 'create',
          entity: 'feature',
          entityId: document.slug,
        });
      });
      return (await view(document.slug)) as EditorView;
    },

    /**
     * Saves a new revision. Refused with ConflictError when `baseRevision` is not the latest;
     * writers may save drafts only, so a live feature needs an editor.
     */
    async save(
      actor: Actor | null,
      slug: string,
      baseRevision: number,
      input: FeatureInput,
    ): Promise<EditorView> {
      const who = require(actor, 'edit');
      const document = parseDocument(input);
      const at = now();
      const { accepted, noted } = await db.transaction().execute(async (trx) => {
        const feature = await editing.findBySlug(trx, slug);
        if (!feature) throw new ValidationError([problemAt(['slug'], `no feature "${slug}"`)]);
        if (
          (feature.status === 'published' || feature.status === 'scheduled') &&
          !can(who, 'publish')
        ) {
          throw new ForbiddenError(
            'This feature is live: only editors and admins may change it. Ask an editor to unpublish it first.',
          );
        }
        if (
          feature.revision !== baseRevision ||
          !(await editing.claimRevision(trx, feature.id, baseRevision))
        ) {
          const latest = await view(slug, trx);
          throw new ConflictError(
            `Revision ${baseRevision} is no longer the latest: ${latest?.revision ?? feature.revision} is.`,
            latest,
          );
        }
        if (document.slug !== slug) {
          if (await editing.findBySlug(trx, document.slug)) {
            throw new ValidationError([
              problemAt(['slug'], `"${document.slug}" is already in use`),
            ]);
          }
          await editing.removeRedirect(trx, document.slug);
          if (feature.status === 'published') await editing.addRedirect(trx, slug, feature.id);
        }
        const refs = await writeDocument(trx, feature.id, document, at);
        const revision = feature.revision + 1;
        await editing.updateFeature(trx, feature.id, {
          slug: document.slug,
          kind: document.kind,
          byline: document.byline ?? null,
          category_id: document.category ? (refs.categories.get(document.category) ?? null) : null,
          updated_at: at,
          revision,
        });
        await snapshot(trx, feature.id, revision, who, document, at);
        await recordAudit(trx, {
          at,
          userId: who.id,
          action: 'save',
          entity: 'feature',
          entityId: document.slug,
          detail: { revision },
        });
        // An editor's save of a live feature publishes what it lists (see `publish`).
        const live = feature.status === 'published' || feature.status === 'scheduled';
        return {
          accepted: live ? await acceptSongs(trx, await editing.songIdsOf(trx, feature.id)) : null,
          noted: await changes.note(trx, {
            entity: 'feature',
            slugs: [...new Set([slug, document.slug])],
          }),
        };
      });
      await announceAccepted(accepted);
      await changes.publish(noted);
      return (await view(document.slug)) as EditorView;
    },

    /** Publishes now, or schedules for `at` when it lies in the future. */
    async publish(actor: Actor | null, slug: string, at?: string): Promise<EditorView> {
      const who = require(actor, 'publish');
      const when = at ? new Date(at) : clock.now();
      if (Number.isNaN(when.getTime()))
        throw new ValidationError([problemAt(['at'], 'must be an ISO date and time')]);
      const scheduled = when.getTime() > clock.now().getTime();
      const { accepted, noted } = await db.transaction().execute(async (trx) => {
        const feature = await editing.findBySlug(trx, slug);
        if (!feature) throw new ValidationError([problemAt(['slug'], `no feature "${slug}"`)]);
        await editing.updateFeature(trx, feature.id, {
          status: scheduled ? 'scheduled' : 'published',
          published_at:
            scheduled || !feature.published_at ? when.toISOString() : feature.published_at,
          updated_at: now(),
        });
        await recordAudit(trx, {
          at: now(),
          userId: who.id,
          action: scheduled ? 'schedule' : 'publish',
          entity: 'feature',
          entityId: slug,
          detail: { at: when.toISOString() },
        });
        /*
         * Publishing (or scheduling) is the editor's word on everything the feature lists:
         * songs a writer added for it, and the artists and works their cards link to, are
         * let through to readers. Scheduling lets them through at once; they are only
         * records, and the feature itself still waits for its time.
         */
        const accepted = await acceptSongs(trx, await editing.songIdsOf(trx, feature.id));
        // Its old addresses answer again, with a redirect.
        const old = await editing.redirectsTo(trx, feature.id);
        return {
          accepted,
          noted: await changes.note(trx, { entity: 'feature', slugs: [slug, ...old] }),
        };
      });
      await announceAccepted(accepted);
      await changes.publish(noted);
      return (await view(slug)) as EditorView;
    },

    async unpublish(actor: Actor | null, slug: string): Promise<EditorView> {
      const who = require(actor, 'publish');
      const noted = await db.transaction().execute(async (trx) => {
        const feature = await editing.findBySlug(trx, slug);
        if (!feature) throw new ValidationError([problemAt(['slug'], `no feature "${slug}"`)]);
        await editing.updateFeature(trx, feature.id, { status: 'unpublished', updated_at: now() });
        await recordAudit(trx, {
          at: now(),
          userId: who.id,
          action: 'unpublish',
          entity: 'feature',
          entityId: slug,
        });
        // Its old addresses stop redirecting: pages cached there are stale too.
        const old = await editing.redirectsTo(trx, feature.id);
        return changes.note(trx, { entity: 'feature', slugs: [slug, ...old] });
      });
      await changes.publish(noted);
      return (await view(slug)) as EditorView;
    },

    /** Names in commentary spelled the way another language does, for the editor to review. */
    async nameCheck(actor: Actor | null, input: FeatureInput): Promise<NameWarning[]> {
      require(actor, 'edit');
      const document = parseDocument(input);
      const catalog = createCatalogService({ db, clock });
      const ids = await catalog.idsBySlug(
        'songs',
        document.entries.map((e) => e.song),
      );
      const cards = new Map(
        (await catalog.getSongCards([...ids.values()])).map((c) => [c.slug, c]),
      );
      return checkNames(
        document.entries.flatMap((e) => {
          const song = cards.get(e.song);
          return song ? [{ song, commentary: e.commentary }] : [];
        }),
      );
    },

    async revisions(actor: Actor | null, slug: string) {
      require(actor, 'edit');
      const feature = await editing.findBySlug(db, slug);
      if (!feature) return null;
      return (await editing.listRevisions(db, feature.id)).map((r) => ({
        revision: r.revision,
        savedAt: r.created_at,
        savedBy: r.display_name ?? r.email ?? null,
      }));
    },

    async revision(actor: Actor | null, slug: string, revision: number) {
      require(actor, 'edit');
      const feature = await editing.findBySlug(db, slug);
      const row = feature ? await editing.getRevision(db, feature.id, revision) : undefined;
      if (!row) return null;
      return {
        revision: row.revision,
        savedAt: row.created_at,
        savedBy: row.display_name ?? row.email ?? null,
        document: JSON.parse(row.snapshot) as FeatureDocument,
      };
    },

    /** Restores an old revision by saving its snapshot as a new revision. */
    async restore(
      actor: Actor | null,
      slug: string,
      revision: number,
      baseRevision: number,
    ): Promise<EditorView | null> {
      const old = await this.revision(actor, slug, revision);
      if (!old) return null;
      return this.save(actor, slug, baseRevision, old.document as FeatureInput);
    },
  };
}

export type EditingService = ReturnType<typeof createEditingService>;
