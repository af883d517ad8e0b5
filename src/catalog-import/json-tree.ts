import {
  createScanner,
  findNodeAtLocation,
  getNodeValue,
  parseTree,
  type Node,
  printParseErrorCode,
  type ParseError,
  type SyntaxKind,
} from 'jsonc-parser';
import { formatPath, type Problem } from '#src/shared/errors.ts';
import type { Location } from './import-records.ts';
import { lineIndex } from './source-text.ts';

const SYNTAX: Record<string, string> = {
  InvalidSymbol: 'an unexpected character',
  InvalidNumberFormat: 'a number written wrongly',
  PropertyNameExpected: 'a property name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a ":" was expected',
  CommaExpected: 'a "," was expected',
  CloseBraceExpected: 'a "}" was expected',
  CloseBracketExpected: 'a "]" was expected',
  EndOfFileExpected: 'the document should end here',
  InvalidCommentToken: 'JSON has no comments',
  UnexpectedEndOfComment: 'JSON has no comments',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'a \\u escape is not four hex digits',
  InvalidEscapeCharacter: 'an unknown escape after a backslash',
  InvalidCharacter: 'a control character inside a string',
};

/** A parsed JSON document that can say on which line any of its values is written. */
export interface JsonDocument {
  value: unknown;
  locate(path: readonly (string | number)[]): Location;
}

/** Far deeper than a catalog or an AnimeThemes response nests; the parser recurses per level. */
export const MAX_JSON_DEPTH = 100;

// jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot read: its values.
const OPEN_BRACE = 1 as SyntaxKind;
const CLOSE_BRACE = 2 as SyntaxKind;
const OPEN_BRACKET = 3 as SyntaxKind;
const CLOSE_BRACKET = 4 as SyntaxKind;
const EOF = 17 as SyntaxKind;

/** Where the text first opens more than MAX_JSON_DEPTH arrays and objects, if it does. */
function tooDeepAt(text: string): number | null {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token === OPEN_BRACE || token === OPEN_BRACKET) {
      if (++depth > MAX_JSON_DEPTH) return scanner.getTokenOffset();
    } else if (token === CLOSE_BRACE || token === CLOSE_BRACKET) depth = Math.max(0, depth - 1);
  }
  return null;
}

/**
 * Parses strict JSON. A syntax error is one problem, at its line: the first is the one
 * that matters, as a parser's later complaints follow from it. Nesting deeper than
 * MAX_JSON_DEPTH is a problem too, rather than a stack overflow.
 */
export function parseJson(file: string, text: string): JsonDocument | Problem {
  const deep = tooDeepAt(text);
  if (deep !== null)
    return {
      file,
      line: lineIndex(text)(deep),
      field: '(json)',
      message: `nests arrays and objects more than ${MAX_JSON_DEPTH} deep`,
    };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const lineOf = lineIndex(text);
  const first = errors[0];
  if (first || !root) {
    const offset = first?.offset ?? 0;
    const ended = offset >= text.trimEnd().length;
    return {
      file,
      line: lineOf(offset),
      field: '(json)',
      message: `${(first && SYNTAX[printParseErrorCode(first.error)]) ?? 'not JSON'}${ended ? ': the file ends too early (is it cut short?)' : ''}`,
    };
  }
  return {
    value: getNodeValue(root) as unknown,
    locate(path) {
      // The deepest value that exists on the way: a missing field is reported where its object is.
      let node: Node | undefined;
      for (let n = path.length; n >= 0 && !node; n--)
        node = findNodeAtLocation(root, path.slice(0, n) as (string | number)[]);
      return { field: formatPath(path), line: lineOf(node?.offset ?? 0) };
    },
  };
}

export function isProblem(value: JsonDocument | Problem): value is Problem {
  return 'message' in value;
}
