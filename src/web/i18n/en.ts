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

export const en: Messages = {
  siteName: 'Tokushu',
  tagline: 'Song features for every feeling',
  localeName: 'English',
  language: 'Language',
  home: 'Home',
  latestFeatures: 'Latest features',
  entryCount: (n) => (n === 1 ? '1 song' : `${n} songs`),
  range: (from, to) => `(${from}–${to})`,
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
  relatedFeatures: 'More features like this',
  tags: 'Tags',
  notFoundTitle: 'Page not found',
  notFoundText: 'There is no page at this address. It may have moved, or the link may be mistyped.',
  notFoundBack: 'Browse the latest features',
  serverErrorTitle: 'Something went wrong',
  serverErrorText: 'The page could not be shown. Please try again in a moment.',
  spoilerHint: 'Spoiler — tap to reveal',
  textInOtherLanguage: 'This text is not yet available in your language.',
};
