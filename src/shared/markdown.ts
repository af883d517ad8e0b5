import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Editorial Markdown → safe HTML. Raw HTML in the source is escaped by markdown-it
 * (html: false) and the output is sanitized again against an allowlist, so a
 * mistake in either layer alone cannot let script through.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: true, breaks: false });
// Focusable so a tap or Tab reveals it even without the page script (see site.css).
md.renderer.rules.spoiler_open = () => '<span class="spoiler" data-spoiler tabindex="0">';
md.renderer.rules.spoiler_close = () => '</span>';

type InlineRule = Parameters<typeof md.inline.ruler.before>[2];

/** `||hidden text||`: a spoiler, hidden on the page until the reader asks for it. */
const spoilerRule: InlineRule = (state, silent) => {
  const start = state.pos;
  if (state.src.charCodeAt(start) !== 0x7c || state.src.charCodeAt(start + 1) !== 0x7c)
    return false;
  const end = state.src.indexOf('||', start + 2);
  if (end < 0 || end === start + 2) return false;
  if (!silent) {
    state.push('spoiler_open', 'span', 1);
    const oldMax = state.posMax;
    state.pos = start + 2;
    state.posMax = end;
    state.md.inline.tokenize(state);
    state.posMax = oldMax;
    state.push('spoiler_close', 'span', -1);
  }
  state.pos = end + 2;
  return true;
};

// markdown-it's text rule swallows runs of characters it has no rule for, and `|` is one
// of them; this copy also stops at `|` so the spoiler rule gets to see the marker.
const TEXT_STOPS = new Set('\n!#$%&*+-:<=>@[\\]^_`{}~|'.split('').map((c) => c.charCodeAt(0)));
const textRule: InlineRule = (state, silent) => {
  let pos = state.pos;
  while (pos < state.posMax && !TEXT_STOPS.has(state.src.charCodeAt(pos))) pos++;
  if (pos === state.pos) return false;
  if (!silent) state.pending += state.src.slice(state.pos, pos);
  state.pos = pos;
  return true;
};
md.inline.ruler.at('text', textRule);
md.inline.ruler.after('text', 'spoiler', spoilerRule);

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'em', 'strong', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'span'],
  allowedAttributes: {
    a: ['href', 'title'],
    span: ['class', 'data-spoiler', 'tabindex'],
  },
  allowedClasses: { span: ['spoiler'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener nofollow' }),
  },
};
SANITIZE.allowedAttributes = { ...SANITIZE.allowedAttributes, a: ['href', 'title', 'rel'] };

export function renderMarkdown(source: string): string {
  return sanitizeHtml(md.render(source), SANITIZE).trim();
}
