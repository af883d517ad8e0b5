import type { FeatureDocument } from './api-types.ts';

/** Unsaved edits kept in this browser, so a reload or a crash loses nothing. */
export interface LocalDraft {
  baseRevision: number;
  document: FeatureDocument;
  savedAt: string;
}

const key = (slug: string | null) => `tokushu:draft:${slug ?? 'new'}`;

export const localDraft = {
  read(slug: string | null): LocalDraft | null {
    try {
      const raw = localStorage.getItem(key(slug));
      return raw ? (JSON.parse(raw) as LocalDraft) : null;
    } catch {
      return null;
    }
  },
  write(slug: string | null, baseRevision: number, document: FeatureDocument): void {
    localStorage.setItem(
      key(slug),
      JSON.stringify({ baseRevision, document, savedAt: new Date().toISOString() }),
    );
  },
  clear(slug: string | null): void {
    localStorage.removeItem(key(slug));
  },
};
