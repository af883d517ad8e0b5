/**
 * Every string of the public UI. Sentences stay whole, with named parameters, so a
 * translator can reorder them; `context` comments say where a string appears.
 */
export interface Messages {
  siteName: string;
  /** Under the site name in the header. */
  tagline: string;
  localeName: string;
  /** Label of the language switcher. */
  language: string;
  home: string;
  latestFeatures: string;
  entryCount: (n: number) => string;
  /** "(21–27)": the positions shown on this page of a feature. */
  range: (from: number, to: number) => string;
  by: (name: string) => string;
  published: string;
  updated: string;
  lastUpdated: string;
  newEntry: string;
  play: (title: string) => string;
  searchOnYouTube: string;
  /** Tie-in roles: "Opening theme" etc.; `sequence` is OP1, ED3 … when known. */
  tieInRole: (role: string, sequence: number | null) => string;
  /** The work with its kind when it is not a TV series, and its year: "A Whisker Away (film, 2020)". */
  workWithYear: (title: string, kind: string, year: number | null) => string;
  /** A credit sung in character: "Meiko Honma (Ai Kayano)". */
  asCharacter: (character: string, artist: string) => string;
  /** A producer song with a voice: "40mP feat. Hatsune Miku". */
  featuring: (producers: string, vocals: string) => string;
  coverOf: (title: string) => string;
  listSeparator: string;
  pages: string;
  previousPage: string;
  nextPage: string;
  pageN: (n: number) => string;
  showAll: string;
  showPaged: string;
  /** Summary of the collapsed introduction on pages after the first. */
  aboutFeature: string;
  relatedFeatures: string;
  tags: string;
  notFoundTitle: string;
  notFoundText: string;
  notFoundBack: string;
  serverErrorTitle: string;
  serverErrorText: string;
  spoilerHint: string;
  textInOtherLanguage: string;
}
