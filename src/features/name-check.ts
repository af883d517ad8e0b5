import { displayName, type Name, type SongCard } from '#src/catalog/index.ts';
import type { Locale } from '#src/shared/locale.ts';

export interface NameWarning {
  /** 1-based position of the entry. */
  position: number;
  locale: Locale;
  entity: 'song' | 'artist' | 'work';
  /** How the commentary writes the name. */
  wrote: string;
  /** The catalog's name for this language. */
  expected: string;
}

const fold = (text: string) => text.normalize('NFKC').toLowerCase();

/**
 * Finds commentary that spells a song, artist or work of its entry the way another
 * language does (or in the other name order), without the catalog's name for its own
 * language: "Mizuki Nana" in English where the site says "Nana Mizuki", or "Nana Mizuki"
 * in Japanese where it says 水樹奈々. Warnings only; editors decide.
 */
export function checkNames(
  entries: { song: SongCard; commentary: Partial<Record<Locale, string>> }[],
): NameWarning[] {
  const warnings: NameWarning[] = [];
  entries.forEach(({ song, commentary }, i) => {
    const named: { entity: NameWarning['entity']; name: Name }[] = [
      { entity: 'song', name: song.title },
      ...song.credits.flatMap((c) => [
        { entity: 'artist' as const, name: c.artist.name },
        ...(c.asCharacter ? [{ entity: 'artist' as const, name: c.asCharacter.name }] : []),
      ]),
      ...song.tieIns.map((t) => ({ entity: 'work' as const, name: t.work.title })),
    ];
    for (const [locale, text] of Object.entries(commentary) as [Locale, string][]) {
      if (!text) continue;
      const body = fold(text);
      for (const { entity, name } of named) {
        const expected = displayName(name, locale).text;
        if (body.includes(fold(expected))) continue;
        const others = [name.original, name.romanized, name.en, name.zhHant, name.ko].filter(
          (n): n is string => n !== null && n.length >= 2 && !fold(expected).includes(fold(n)),
        );
        const wrote = others.find((n) => body.includes(fold(n)));
        if (
          wrote &&
          !warnings.some((w) => w.position === i + 1 && w.locale === locale && w.wrote === wrote)
        ) {
          warnings.push({ position: i + 1, locale, entity, wrote, expected });
        }
      }
    }
  });
  return warnings;
}
