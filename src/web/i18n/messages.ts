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
  /** The first link on every page, for keyboard users. */
  skipToContent: string;
  home: string;
  latestFeatures: string;
  entryCount: (n: number) => string;
  /** "(21–27)": the positions shown on this page of a feature. */
  range: (from: number, to: number) => string;
  /** Shown to editors previewing a feature readers cannot see yet. */
  previewNotice: string;
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
  /** Features the editors linked by hand. */
  relatedFeatures: string;
  /** Features found by shared songs and tags. */
  moreLikeThis: string;
  tags: string;
  notFoundTitle: string;
  notFoundText: string;
  notFoundBack: string;
  serverErrorTitle: string;
  serverErrorText: string;
  /** The page shown while the database cannot be reached. */
  unavailableTitle: string;
  unavailableText: string;
  spoilerHint: string;
  textInOtherLanguage: string;
  nav: { categories: string; tags: string; search: string; about: string };
  /** Home page heading over the latest features. */
  homeTitle: string;
  homeIntro: string;
  /** Home page section of ranking features. */
  rankings: string;
  /** Ranking pages: "Rank 3" beside each song. */
  rankLabel: (n: number) => string;
  /** Movement against the previous period; `by` is how many places. */
  movement: (kind: 'up' | 'down' | 'new' | 'same', by: number) => string;
  /** "1,234 plays"; the number comes formatted. */
  playCount: (n: string) => string;
  /** The trend chart's text alternative; the numbers come formatted. */
  trendLabel: (step: 'month' | 'day', first: string, last: string) => string;
  /** The box that says how a ranking is made. */
  rankingMethod: string;
  /** The dates come formatted. */
  rankingPeriod: (from: string, to: string) => string;
  /** What is ranked: a category's name, tag names, or neither (every song in a feature). */
  rankingScope: (category: string | null, tags: string[]) => string;
  rankingComparedWith: (from: string, to: string) => string;
  rankingTieBreak: string;
  /** Who counts: readers per address, own pages only, screening before a recount. */
  rankingFairness: (readersPerAddress: number) => string;
  rankingRefreshed: (when: string) => string;
  rankingEmpty: string;
  categories: string;
  browseTags: string;
  tagKind: (kind: string) => string;
  /** Song page sections. */
  credits: string;
  creditRole: (role: string) => string;
  released: string;
  tieIns: string;
  alsoKnownAs: string;
  inFeatures: string;
  /** "No. 21 in" before a feature's title. */
  positionIn: (n: number) => string;
  songsLike: string;
  /** The song a cover is a cover of. */
  originalSong: string;
  covers: string;
  originalTitle: string;
  romanization: string;
  englishTitle: string;
  artistKind: (kind: string) => string;
  members: string;
  memberOf: string;
  songsByArtist: string;
  workKind: (kind: string) => string;
  aired: (from: string, to: string | null) => string;
  officialSite: string;
  whereToWatch: string;
  /** Regions where a streaming service is available: "JP, TW". */
  regions: (codes: string) => string;
  worldwide: string;
  noWatchLinks: string;
  moreAboutWork: string;
  songsOfWork: string;
  tagSongs: string;
  tagFeatures: string;
  featuresInCategory: string;
  noFeaturesYet: string;
  searchLabel: string;
  searchPlaceholder: string;
  searchButton: string;
  searchResultsFor: (query: string) => string;
  searchHint: string;
  /** Search result tabs and facets. */
  allResults: string;
  narrowSongs: string;
  facetTag: string;
  facetRole: string;
  facetDecade: string;
  facetCategory: string;
  clearFilters: string;
  /** Before the name a result was found by, when it is not the one shown. */
  matchedAs: string;
  noResults: (query: string) => string;
  songs: string;
  artists: string;
  works: string;
  features: string;
  viewPlaylist: string;
  viewArticle: string;
  playAll: string;
  openYouTubePlaylist: string;
  /** The about page's note on what a play records. */
  privacyTitle: string;
  privacyParagraphs: string[];
  aboutTitle: string;
  aboutParagraphs: string[];
  dataCreditTitle: string;
  /** Credit for the anime data; `license` is linked by the page. */
  dataCredit: string;
  footerCredit: string;
}
