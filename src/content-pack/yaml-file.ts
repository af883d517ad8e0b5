import fs from 'node:fs';
import path from 'node:path';
import { isNode, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { formatPath, type Problem } from '#src/shared/errors.ts';

/** A parsed YAML file that can say on which line any value (or its nearest parent) stands. */
export interface YamlFile {
  /** Path relative to the content directory, as shown in messages. */
  name: string;
  data: unknown;
  lineOf(path: readonly (string | number)[]): number | undefined;
}

export function readYamlFile(root: string, file: string): { file?: YamlFile; problems: Problem[] } {
  const name = path.relative(root, file) || path.basename(file);
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return {
      problems: [
        { file: name, field: '(file)', message: `cannot be read: ${(error as Error).message}` },
      ],
    };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        file: name,
        line: lineCounter.linePos(e.pos[0]).line,
        field: '(yaml)',
        message: e.message.split('\n')[0] ?? e.message,
      })),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // Aliases that expand past the library's limit (a "billion laughs" file) are refused there.
    let at = 0;
    visit(doc, {
      Alias(_key, node) {
        at = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    return {
      problems: [
        {
          file: name,
          line: lineCounter.linePos(at).line,
          field: '(yaml)',
          message: (error as Error).message,
        },
      ],
    };
  }
  return {
    file: { name, data, lineOf: (p) => lineOf(doc, lineCounter, p) },
    problems: [],
  };
}

function lineOf(
  doc: Document,
  lines: LineCounter,
  p: readonly (string | number)[],
): number | undefined {
  // A missing field has no node of its own: point at the closest ancestor that exists.
  for (let depth = p.length; depth >= 0; depth--) {
    const node = doc.getIn(p.slice(0, depth), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  // An empty document has no nodes at all.
  return 1;
}

export function problemIn(file: YamlFile, p: (string | number)[], message: string): Problem {
  // A problem with the document as a whole (not a mapping, an unknown key at the top).
  const field = formatPath(p) || '(document)';
  return { file: file.name, line: file.lineOf(p), field, path: p, message };
}

export function listYamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => path.join(dir, f));
}
