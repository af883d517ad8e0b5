import type { Messages } from './messages.ts';

const ROLES: Record<string, string> = {
  opening: '片頭曲',
  ending: '片尾曲',
  insert: '插曲',
  theme: '主題曲',
  image: '印象曲',
};

const KINDS: Record<string, string> = {
  movie: '電影',
  game: '遊戲',
  ova: 'OVA',
  web: '網路動畫',
  drama: '劇集',
};

export const zhHant: Messages = {
  siteName: '特集 Tokushu',
  tagline: '為每一種心情準備的歌曲特輯',
  localeName: '繁體中文',
  language: '語言',
  home: '首頁',
  latestFeatures: '最新特輯',
  entryCount: (n) => `${n} 首歌`,
  range: (from, to) => `（${from}–${to}）`,
  by: (name) => `作者：${name}`,
  published: '發布',
  updated: '更新',
  lastUpdated: '最後更新',
  newEntry: '新',
  play: (title) => `播放「${title}」`,
  searchOnYouTube: '在 YouTube 搜尋',
  tieInRole: (role, sequence) => `${ROLES[role] ?? role}${sequence ? ` ${sequence}` : ''}`,
  workWithYear: (title, kind, year) => {
    const details = [KINDS[kind], year].filter(Boolean).join('，');
    return details ? `${title}（${details}）` : title;
  },
  asCharacter: (character, artist) => `${character}（CV：${artist}）`,
  featuring: (producers, vocals) => `${producers} feat. ${vocals}`,
  coverOf: (title) => `翻唱自「${title}」`,
  listSeparator: '、',
  pages: '頁面',
  previousPage: '上一頁',
  nextPage: '下一頁',
  pageN: (n) => `第 ${n} 頁`,
  showAll: '在同一頁顯示全部',
  showPaged: '每頁顯示十首',
  aboutFeature: '關於本特輯',
  relatedFeatures: '相似的特輯',
  tags: '標籤',
  notFoundTitle: '找不到頁面',
  notFoundText: '這個網址沒有頁面。頁面可能已移動，或連結有誤。',
  notFoundBack: '瀏覽最新特輯',
  serverErrorTitle: '發生錯誤',
  serverErrorText: '無法顯示此頁面，請稍後再試。',
  spoilerHint: '劇透內容：點擊顯示',
  textInOtherLanguage: '此內容尚未翻譯成您的語言。',
};
