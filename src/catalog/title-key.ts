/**
 * A comparison key for titles written by different sources: width and case folded (NFKC,
 * lower case), long-vowel marks and macrons dropped, and everything but letters and digits
 * removed, so "WHITE ALBUM" = "White Album", "Ｋ－ＯＮ！" = "K-ON!" and "Tōkyō" = "Tokyo".
 */
export function titleKey(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
}
