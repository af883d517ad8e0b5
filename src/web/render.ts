import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Renders a full page; JSX escapes every value except sanitized Markdown HTML. */
export function renderDocument(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}
