import type { Messages } from './messages.ts';

const ROLES: Record<string, string> = {
  opening: '오프닝 테마',
  ending: '엔딩 테마',
  insert: '삽입곡',
  theme: '주제가',
  image: '이미지 송',
};

const KINDS: Record<string, string> = {
  movie: '극장판',
  game: '게임',
  ova: 'OVA',
  web: '웹',
  drama: '드라마',
};

export const ko: Messages = {
  siteName: 'Tokushu 특집',
  tagline: '모든 감정을 위한 노래 특집',
  localeName: '한국어',
  language: '언어',
  home: '홈',
  latestFeatures: '최신 특집',
  entryCount: (n) => `${n}곡`,
  range: (from, to) => `(${from}–${to})`,
  by: (name) => `글: ${name}`,
  published: '게시',
  updated: '수정',
  lastUpdated: '최종 수정',
  newEntry: 'NEW',
  play: (title) => `"${title}" 재생`,
  searchOnYouTube: 'YouTube에서 검색',
  tieInRole: (role, sequence) => `${ROLES[role] ?? role}${sequence ? ` ${sequence}` : ''}`,
  workWithYear: (title, kind, year) => {
    const details = [KINDS[kind], year].filter(Boolean).join(', ');
    return details ? `${title} (${details})` : title;
  },
  asCharacter: (character, artist) => `${character} (CV: ${artist})`,
  featuring: (producers, vocals) => `${producers} feat. ${vocals}`,
  coverOf: (title) => `"${title}" 커버`,
  listSeparator: ', ',
  pages: '페이지',
  previousPage: '이전',
  nextPage: '다음',
  pageN: (n) => `${n}페이지`,
  showAll: '한 페이지에 모두 보기',
  showPaged: '10곡씩 보기',
  aboutFeature: '이 특집에 대하여',
  relatedFeatures: '비슷한 특집',
  tags: '태그',
  notFoundTitle: '페이지를 찾을 수 없습니다',
  notFoundText: '이 주소에는 페이지가 없습니다. 페이지가 이동했거나 링크가 잘못되었을 수 있습니다.',
  notFoundBack: '최신 특집 보기',
  serverErrorTitle: '문제가 발생했습니다',
  serverErrorText: '페이지를 표시할 수 없습니다. 잠시 후 다시 시도해 주세요.',
  spoilerHint: '스포일러: 눌러서 보기',
  textInOtherLanguage: '이 글은 아직 한국어로 번역되지 않았습니다.',
};
