import { isUtf8 } from 'node:buffer';
import type { Problem } from '#src/shared/errors.ts';

/** A file's text, or the one problem that stops it being read at all. */
export type Decoded = { text: string } | { problem: Problem };

/** Line of a character offset, counting from 1. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Lines of offsets in one text, found by binary search over where its lines start. */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/**
 * The text of an import file, which must be UTF-8 (a byte-order mark is allowed and
 * dropped). Anything else is refused with the line of the first byte that is not, rather
 * than read with replacement characters that would end up in the catalog.
 */
export function decodeUtf8(file: string, bytes: Buffer): Decoded {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return {
      problem: {
        file,
        line: 1,
        field: '(encoding)',
        message: 'the file is UTF-16; save it as UTF-8',
      },
    };
  const text = bytes.toString('utf8');
  if (!isUtf8(bytes)) {
    // A replacement character in the decoded text that the file did not spell out itself.
    for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) {
      const at = Buffer.byteLength(text.slice(0, i));
      if (bytes[at] === 0xef && bytes[at + 1] === 0xbf && bytes[at + 2] === 0xbd) continue;
      return {
        problem: {
          file,
          line: lineAt(text, i),
          field: '(encoding)',
          message: `byte ${at + 1} is not UTF-8 text (0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')}); save the file as UTF-8`,
        },
      };
    }
  }
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}
