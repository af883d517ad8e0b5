/** The English titles of the original page's seven songs, which stand at positions 21–27 of the heartbreak feature. */
export const SEED_TITLES = [
  'Deep love',
  'colorless',
  'Unrequited Love',
  'secret base ~What You Gave Me~',
  'Lost Words',
  'Our World',
  'Liar Moon',
];
