import type { Messages } from './messages.ts';

const ROLES: Record<string, string> = {
  opening: 'Opening theme',
  ending: 'Ending theme',
  insert: 'Insert song',
  theme: 'Theme song',
  image: 'Image song',
};

const KINDS: Record<string, string> = {
  movie: 'film',
  game: 'game',
  ova: 'OVA',
  web: 'web series',
  drama: 'drama',
};

const TAG_KINDS: Record<string, string> = {
  mood: 'Mood',
  scene: 'Scene',
  genre: 'Genre',
  era: 'Era',
  instrument: 'Sound',
  theme: 'Theme',
};
const CREDIT_ROLES: Record<string, string> = {
  vocals: 'Vocals',
  lyrics: 'Lyrics',
  composition: 'Music',
  arrangement: 'Arrangement',
  producer: 'Producer',
};
const ARTIST_KINDS: Record<string, string> = {
  person: 'Artist',
  group: 'Group',
  unit: 'Unit',
  character: 'Character',
  'virtual-singer': 'Virtual singer',
};
const WORK_KIND_NAMES: Record<string, string> = {
  tv: 'TV anime',
  movie: 'Animated film',
  ova: 'OVA',
  web: 'Web anime',
  game: 'Game',
  drama: 'Drama',
  other: 'Other',
};

export const en: Messages = {
  siteName: 'Tokushu',
  tagline: 'Song features for every feeling',
  localeName: 'English',
  language: 'Language',
  skipToContent: 'Skip to content',
  home: 'Home',
  latestFeatures: 'Latest features',
  entryCount: (n) => (n === 1 ? '1 song' : `${n} songs`),
  range: (from, to) => `(${from}–${to})`,
  previewNotice:
    'Preview of the saved version: readers cannot see it until it is published, and languages still in draft are shown.',
  by: (name) => `By ${name}`,
  published: 'Published',
  updated: 'Updated',
  lastUpdated: 'Last updated',
  newEntry: 'New',
  play: (title) => `Play “${title}”`,
  searchOnYouTube: 'Search on YouTube',
  tieInRole: (role, sequence) => `${ROLES[role] ?? role}${sequence ? ` ${sequence}` : ''}`,
  workWithYear: (title, kind, year) => {
    const details = [KINDS[kind], year].filter(Boolean).join(', ');
    return details ? `${title} (${details})` : title;
  },
  asCharacter: (character, artist) => `${character} (${artist})`,
  featuring: (producers, vocals) => `${producers} feat. ${vocals}`,
  coverOf: (title) => `Cover of “${title}”`,
  listSeparator: ', ',
  pages: 'Pages',
  previousPage: 'Previous',
  nextPage: 'Next',
  pageN: (n) => `Page ${n}`,
  showAll: 'Show all on one page',
  showPaged: 'Show ten at a time',
  aboutFeature: 'About this feature',
  relatedFeatures: 'Related features',
  moreLikeThis: 'More features like this',
  tags: 'Tags',
  notFoundTitle: 'Page not found',
  notFoundText: 'There is no page at this address. It may have moved, or the link may be mistyped.',
  notFoundBack: 'Browse the latest features',
  serverErrorTitle: 'Something went wrong',
  serverErrorText: 'The page could not be shown. Please try again in a moment.',
  unavailableTitle: 'Back in a moment',
  unavailableText: 'Tokushu cannot reach its database just now. Please try again in a minute.',
  spoilerHint: 'Spoiler — tap to reveal',
  textInOtherLanguage: 'This text is not yet available in your language.',
  nav: { categories: 'Categories', tags: 'Tags', search: 'Search', about: 'About' },
  homeTitle: 'Song features for every feeling',
  homeIntro:
    'Curated lists of anime, Vocaloid and game songs, ten at a time, each with a few words on why it belongs — and where the song comes from.',
  rankings: 'Rankings',
  rankLabel: (n) => `Rank ${n}`,
  movement: (kind, by) =>
    ({ up: `Up ${by}`, down: `Down ${by}`, new: 'New', same: 'No change' })[kind],
  playCount: (n) => `${n} plays`,
  trendLabel: (step, first, last) =>
    `Plays a day, ${step === 'month' ? 'month by month' : 'day by day'}: ${first} at the start, ${last} at the end`,
  rankingMethod: 'How this ranking is made',
  rankingPeriod: (from, to) => `Plays on Tokushu from ${from} to ${to}.`,
  rankingScope: (category, tags) =>
    category && tags.length > 0
      ? `Songs from our ${category} features, tagged ${tags.join(' and ')}.`
      : category
        ? `Songs from our ${category} features.`
        : tags.length > 0
          ? `Songs tagged ${tags.join(' and ')}.`
          : 'Every song in our features.',
  rankingComparedWith: (from, to) => `Arrows compare with ${from} to ${to}.`,
  rankingTieBreak:
    'Each reader counts once per song and day. On equal plays, the song played on more days ranks higher, then the song whose romanized title comes first from A to Z.',
  rankingFairness: (n) =>
    `At most ${n} readers from one internet address (for IPv6, one /64 network) count for a song each day, and only plays started on Tokushu's own pages count. Before each recount, a song whose plays suddenly jump is checked, and plays that came from only a few networks are held out of the ranking.`,
  rankingRefreshed: (when) => `Last counted ${when}.`,
  rankingEmpty: 'No plays have been counted for this period yet.',
  categories: 'Categories',
  browseTags: 'Browse by mood, scene and genre',
  tagKind: (kind) => TAG_KINDS[kind] ?? kind,
  credits: 'Credits',
  creditRole: (role) => CREDIT_ROLES[role] ?? role,
  released: 'Released',
  tieIns: 'Used in',
  alsoKnownAs: 'Also known as',
  inFeatures: 'Featured in',
  positionIn: (n) => `No. ${n} in`,
  songsLike: 'Songs like this',
  originalSong: 'Original song',
  covers: 'Covers',
  originalTitle: 'Original title',
  romanization: 'Romanization',
  englishTitle: 'English title',
  artistKind: (kind) => ARTIST_KINDS[kind] ?? kind,
  members: 'Members',
  memberOf: 'Member of',
  songsByArtist: 'Songs',
  workKind: (kind) => WORK_KIND_NAMES[kind] ?? kind,
  aired: (from, to) => (to && to !== from ? `Aired ${from} – ${to}` : `Released ${from}`),
  officialSite: 'Official site',
  whereToWatch: 'Where to watch',
  regions: (codes) => `(${codes})`,
  worldwide: '',
  noWatchLinks: 'No streaming service is known for this title yet.',
  moreAboutWork: 'More about this title',
  songsOfWork: 'Songs',
  tagSongs: 'Songs',
  tagFeatures: 'Features',
  featuresInCategory: 'Features',
  noFeaturesYet: 'Nothing here yet.',
  searchLabel: 'Search songs, artists and anime',
  searchPlaceholder: 'Title or name, in any script',
  searchButton: 'Search',
  searchResultsFor: (query) => `Results for “${query}”`,
  searchHint: 'Try a song title, an artist or an anime, in Japanese or in Latin letters.',
  allResults: 'All',
  narrowSongs: 'Narrow the songs',
  facetTag: 'Tag',
  facetRole: 'Tie-in',
  facetDecade: 'Decade',
  facetCategory: 'Category',
  clearFilters: 'Clear filters',
  matchedAs: 'found by',
  noResults: (query) =>
    `Nothing matches “${query}”. Check the spelling, or try the title in another script.`,
  songs: 'Songs',
  artists: 'Artists',
  works: 'Anime and games',
  features: 'Features',
  viewPlaylist: 'Playlist view',
  viewArticle: 'Article view',
  playAll: 'Play all in order',
  openYouTubePlaylist: 'Open as a YouTube playlist',
  privacyTitle: 'Privacy: what a play records',
  privacyParagraphs: [
    'When you start a song, the page tells Tokushu which song, from which feature and in which language, so that rankings come from what readers actually play. Nothing else is sent, no cookie is read or set, and no third-party tracker is on our pages.',
    "To count each reader once per song and day, the server combines your address and browser name with a random value that changes every day and hashes them. The address is never stored, and the day's random value is deleted when the day ends, so a play cannot be traced back to you or linked to your plays on other days.",
    'Plays from known bots are not counted, nor plays sent from other sites. Your address also goes into two more hashes under the same daily value, one for the address itself (for IPv6, its /64 network) and one for its wider network, so that at most three readers from one address count for a song each day and a sudden rush from a few networks can be held out of the rankings. After a few weeks, individual plays are folded into daily totals per song and deleted.',
  ],
  aboutTitle: 'About Tokushu',
  aboutParagraphs: [
    'Tokushu publishes themed song features: lists of songs gathered around a mood or an occasion, with a few paragraphs on each, in pages of ten.',
    'Every song links to the anime, game or film it comes from, and every work to where it can be watched. Names are shown the way their makers write them, with official English names where they exist.',
  ],
  dataCreditTitle: 'Data',
  dataCredit:
    'Air dates, translated titles, official sites and where-to-watch links for anime come from the bangumi-data project, used under the Creative Commons Attribution 4.0 licence.',
  footerCredit: 'Anime data: bangumi-data (CC BY 4.0)',
};
