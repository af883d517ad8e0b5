import type { Messages } from './messages.ts';

const ROLES: Record<string, string> = {
  opening: 'オープニングテーマ',
  ending: 'エンディングテーマ',
  insert: '挿入歌',
  theme: '主題歌',
  image: 'イメージソング',
};

const KINDS: Record<string, string> = {
  movie: '映画',
  game: 'ゲーム',
  ova: 'OVA',
  web: 'Web',
  drama: 'ドラマ',
};

export const ja: Messages = {
  siteName: '特集 Tokushu',
  tagline: 'どんな気分にも寄り添う音楽特集',
  localeName: '日本語',
  language: '言語',
  home: 'ホーム',
  latestFeatures: '新着特集',
  entryCount: (n) => `${n}曲`,
  range: (from, to) => `（${from}〜${to}）`,
  by: (name) => `文：${name}`,
  published: '公開',
  updated: '更新',
  lastUpdated: '最終更新',
  newEntry: 'NEW',
  play: (title) => `「${title}」を再生`,
  searchOnYouTube: 'YouTubeで探す',
  tieInRole: (role, sequence) => `${ROLES[role] ?? role}${sequence ? `${sequence}` : ''}`,
  workWithYear: (title, kind, year) => {
    const details = [KINDS[kind], year ? `${year}年` : undefined].filter(Boolean).join('・');
    return details ? `${title}（${details}）` : title;
  },
  asCharacter: (character, artist) => `${character}（CV：${artist}）`,
  featuring: (producers, vocals) => `${producers} feat. ${vocals}`,
  coverOf: (title) => `「${title}」のカバー`,
  listSeparator: '、',
  pages: 'ページ',
  previousPage: '前へ',
  nextPage: '次へ',
  pageN: (n) => `${n}ページ目`,
  showAll: '全曲を1ページで見る',
  showPaged: '10曲ずつ見る',
  aboutFeature: 'この特集について',
  relatedFeatures: 'こちらの特集もおすすめ',
  tags: 'タグ',
  notFoundTitle: 'ページが見つかりません',
  notFoundText:
    'このアドレスにはページがありません。移動したか、リンクが間違っている可能性があります。',
  notFoundBack: '新着特集を見る',
  serverErrorTitle: '問題が発生しました',
  serverErrorText: 'ページを表示できませんでした。しばらくしてからもう一度お試しください。',
  spoilerHint: 'ネタバレ注意：タップで表示',
  textInOtherLanguage: 'この文章はまだ日本語に翻訳されていません。',
};
