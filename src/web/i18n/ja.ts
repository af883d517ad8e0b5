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

const TAG_KINDS: Record<string, string> = {
  mood: '気分',
  scene: 'シーン',
  genre: 'ジャンル',
  era: '年代',
  instrument: 'サウンド',
  theme: 'テーマ',
};
const CREDIT_ROLES: Record<string, string> = {
  vocals: '歌',
  lyrics: '作詞',
  composition: '作曲',
  arrangement: '編曲',
  producer: 'プロデュース',
};
const ARTIST_KINDS: Record<string, string> = {
  person: 'アーティスト',
  group: 'グループ',
  unit: 'ユニット',
  character: 'キャラクター',
  'virtual-singer': '歌声合成ソフト',
};
const WORK_KIND_NAMES: Record<string, string> = {
  tv: 'テレビアニメ',
  movie: 'アニメ映画',
  ova: 'OVA',
  web: 'Webアニメ',
  game: 'ゲーム',
  drama: 'ドラマ',
  other: 'その他',
};

export const ja: Messages = {
  siteName: '特集 Tokushu',
  tagline: 'どんな気分にも寄り添う音楽特集',
  localeName: '日本語',
  language: '言語',
  skipToContent: '本文へ移動',
  home: 'ホーム',
  latestFeatures: '新着特集',
  entryCount: (n) => `${n}曲`,
  range: (from, to) => `（${from}〜${to}）`,
  previewNotice:
    '保存済みの版のプレビューです。公開するまで読者には表示されず、下書きの言語も表示しています。',
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
  relatedFeatures: '関連特集',
  moreLikeThis: 'こちらの特集もおすすめ',
  tags: 'タグ',
  notFoundTitle: 'ページが見つかりません',
  notFoundText:
    'このアドレスにはページがありません。移動したか、リンクが間違っている可能性があります。',
  notFoundBack: '新着特集を見る',
  serverErrorTitle: '問題が発生しました',
  serverErrorText: 'ページを表示できませんでした。しばらくしてからもう一度お試しください。',
  unavailableTitle: '少々お待ちください',
  unavailableText:
    'ただいまデータベースに接続できません。少し時間をおいてからもう一度お試しください。',
  spoilerHint: 'ネタバレ注意：タップで表示',
  textInOtherLanguage: 'この文章はまだ日本語に翻訳されていません。',
  nav: { categories: 'カテゴリ', tags: 'タグ', search: '検索', about: 'このサイトについて' },
  homeTitle: 'どんな気分にも寄り添う音楽特集',
  homeIntro:
    'アニメ、ボカロ、ゲームの名曲を10曲ずつ紹介する特集サイトです。選んだ理由のひとこと解説と、その曲が使われた作品もあわせてどうぞ。',
  rankings: 'ランキング',
  rankLabel: (n) => `${n}位`,
  movement: (kind, by) =>
    ({ up: `${by}ランクアップ`, down: `${by}ランクダウン`, new: '初登場', same: '変動なし' })[kind],
  playCount: (n) => `${n}回再生`,
  trendLabel: (step, first, last) =>
    `1日あたりの再生数（${step === 'month' ? '月ごと' : '日ごと'}）：最初${first}回、最新${last}回`,
  rankingMethod: 'このランキングの集計方法',
  rankingPeriod: (from, to) => `${from}から${to}までのTokushuでの再生数です。`,
  rankingScope: (category, tags) =>
    category && tags.length > 0
      ? `「${category}」の特集に登場し、${tags.map((t) => `「${t}」`).join('')}のタグが付いた曲が対象です。`
      : category
        ? `「${category}」の特集に登場する曲が対象です。`
        : tags.length > 0
          ? `${tags.map((t) => `「${t}」`).join('')}のタグが付いた曲が対象です。`
          : 'すべての特集のすべての曲が対象です。',
  rankingComparedWith: (from, to) => `矢印は${from}から${to}までの順位との比較です。`,
  rankingTieBreak:
    '同じ人の同じ曲の再生は1日1回と数えます。再生数が同じ場合は、再生された日数が多い曲を上位とし、それも同じならローマ字表記のアルファベット順とします。',
  rankingFairness: (n) =>
    `1曲につき1日に数えるのは、1つのインターネットアドレス（IPv6では/64のネットワーク）から${n}人までで、Tokushuのページで始めた再生だけを数えます。集計のたびに、再生数が急に増えた曲を確かめ、ごく少数のネットワークから集まった再生は集計から外します。`,
  rankingRefreshed: (when) => `最終集計：${when}`,
  rankingEmpty: 'この期間の再生はまだありません。',
  categories: 'カテゴリ',
  browseTags: '気分・シーン・ジャンルから探す',
  tagKind: (kind) => TAG_KINDS[kind] ?? kind,
  credits: 'クレジット',
  creditRole: (role) => CREDIT_ROLES[role] ?? role,
  released: 'リリース',
  tieIns: 'タイアップ',
  alsoKnownAs: '別名',
  inFeatures: 'この曲を紹介している特集',
  positionIn: (n) => `${n}曲目：`,
  songsLike: 'この曲が好きな人におすすめ',
  originalSong: '原曲',
  covers: 'カバー',
  originalTitle: '原題',
  romanization: 'ローマ字',
  englishTitle: '英題',
  artistKind: (kind) => ARTIST_KINDS[kind] ?? kind,
  members: 'メンバー',
  memberOf: '所属',
  songsByArtist: '楽曲',
  workKind: (kind) => WORK_KIND_NAMES[kind] ?? kind,
  aired: (from, to) => (to && to !== from ? `放送：${from}〜${to}` : `公開：${from}`),
  officialSite: '公式サイト',
  whereToWatch: '配信・視聴',
  regions: (codes) => `（${codes}）`,
  worldwide: '',
  noWatchLinks: 'この作品の配信情報はまだありません。',
  moreAboutWork: '作品の詳細',
  songsOfWork: '楽曲',
  tagSongs: '楽曲',
  tagFeatures: '特集',
  featuresInCategory: '特集',
  noFeaturesYet: 'まだありません。',
  searchLabel: '曲名・アーティスト・作品を検索',
  searchPlaceholder: '曲名や名前（かな・漢字・ローマ字）',
  searchButton: '検索',
  searchResultsFor: (query) => `「${query}」の検索結果`,
  searchHint: '曲名、アーティスト名、作品名を日本語でもローマ字でも入力できます。',
  allResults: 'すべて',
  narrowSongs: '曲を絞り込む',
  facetTag: 'タグ',
  facetRole: 'タイアップ',
  facetDecade: '年代',
  facetCategory: 'カテゴリー',
  clearFilters: '絞り込みを解除',
  matchedAs: '一致した名前',
  noResults: (query) => `「${query}」に一致するものはありません。表記を変えて試してみてください。`,
  songs: '楽曲',
  artists: 'アーティスト',
  works: '作品',
  features: '特集',
  viewPlaylist: 'プレイリスト表示',
  viewArticle: '記事表示',
  playAll: '順番に全部再生',
  openYouTubePlaylist: 'YouTubeのプレイリストで開く',
  privacyTitle: 'プライバシー：再生時に記録されること',
  privacyParagraphs: [
    '曲を再生すると、ページはどの曲を、どの特集から、どの言語で再生したかだけをTokushuに送ります。ランキングは読者が実際に聴いたものから作られます。それ以外は送らず、Cookieも使わず、第三者のトラッカーもありません。',
    '同じ読者の同じ曲の再生を一日一回と数えるため、サーバーはアドレスとブラウザ名を毎日変わる乱数と組み合わせてハッシュにします。アドレスそのものは保存せず、その日の乱数も日が変わると削除するので、再生からあなたをたどることも、別の日の再生と結びつけることもできません。',
    '既知のボットからの再生や、他のサイトから送られた再生は数えません。同じ日替わりの乱数で、アドレスそのもの（IPv6では/64のネットワーク）と、その属する広いネットワークもそれぞれハッシュにします。これで1つのアドレスから1曲に数えるのを1日3人までとし、少数のネットワークから急に集まった再生をランキングから外せます。個々の再生は数週間後に曲ごとの日別合計にまとめ、削除します。',
  ],
  aboutTitle: 'Tokushuについて',
  aboutParagraphs: [
    'Tokushu（特集）は、気分やシーンに合わせて選んだ曲を、短い解説とともに10曲ずつ紹介する音楽特集サイトです。',
    'すべての曲から使用作品へ、作品から視聴できるサービスへとたどれます。名前は作り手の表記を基本とし、公式の英語名があればそれを使います。',
  ],
  dataCreditTitle: 'データについて',
  dataCredit:
    'アニメの放送日、各国語タイトル、公式サイト、配信サービスの情報は bangumi-data プロジェクトのデータを、クリエイティブ・コモンズ 表示 4.0 ライセンスのもとで利用しています。',
  footerCredit: 'アニメデータ：bangumi-data（CC BY 4.0）',
};
