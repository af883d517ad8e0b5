import { afterAll, describe, expect, it } from 'vitest';
import { closeReadings, READING_MAX_CHARACTERS, readingOf } from './readings.ts';

afterAll(() => closeReadings());

describe('readingOf', () => {
  it('reads kanji titles word by word, with inflections kept on their word', async () => {
    expect(await readingOf('届かない恋')).toBe('todokanai koi');
    expect(await readingOf('君の名は')).toBe('kimi no na wa');
    expect(await readingOf('夜に駆ける')).toBe('yoru ni kakeru');
  });

  it('gives no reading rather than half of one', async () => {
    expect(await readingOf('𠮷𠮷𠮷')).toBeNull();
  });

  it('reads on another thread: the event loop keeps turning while long names are read', async () => {
    await readingOf('恋'); // the dictionary is loaded
    const name = '東京特許許可局'.repeat(Math.floor(READING_MAX_CHARACTERS / 7));
    let turns = 0;
    let reading = true;
    const turn = () => {
      turns++;
      if (reading) setImmediate(turn);
    };
    setImmediate(turn);
    // Read on the main thread, these would all finish before the loop turned once.
    const readings = await Promise.all(Array.from({ length: 50 }, () => readingOf(name)));
    reading = false;
    expect(turns).toBeGreaterThan(0);
    expect(new Set(readings).size).toBe(1);
    expect(readings[0]).toMatch(/^toukyou tokkyo kyokakyoku toukyou tokkyo /);
  });

  it('gives no reading to text longer than any name may be', async () => {
    const longest = '恋'.repeat(READING_MAX_CHARACTERS);
    expect(await readingOf(longest)).toMatch(/^[a-z ]+$/);
    expect(await readingOf(`${longest}恋`)).toBeNull();
    // Counted in characters: 😀 is one (and no word), though two UTF-16 units.
    expect(await readingOf(`${longest.slice(1)}😀`)).toMatch(/^[a-z ]+$/);
  });

  it('starts the thread again after it was closed', async () => {
    await closeReadings();
    expect(await readingOf('君の名は')).toBe('kimi no na wa');
  });
});
