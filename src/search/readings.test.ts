import { describe, expect, it } from 'vitest';
import { readingOf } from './readings.ts';

describe('readingOf', () => {
  it('reads kanji titles word by word, with inflections kept on their word', async () => {
    expect(await readingOf('届かない恋')).toBe('todokanai koi');
    expect(await readingOf('君の名は')).toBe('kimi no na wa');
    expect(await readingOf('夜に駆ける')).toBe('yoru ni kakeru');
  });

  it('gives no reading rather than half of one', async () => {
    expect(await readingOf('𠮷𠮷𠮷')).toBeNull();
  });
});
