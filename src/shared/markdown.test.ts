import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
  it('renders paragraphs and emphasis', () => {
    expect(renderMarkdown('A *quiet* song.\n\nSecond.')).toBe(
      '<p>A <em>quiet</em> song.</p>\n<p>Second.</p>',
    );
  });

  it('turns ||text|| into a spoiler that keeps inline formatting', () => {
    expect(renderMarkdown('She ||*leaves* town|| at the end.')).toContain(
      '<span class="spoiler" data-spoiler tabindex="0"><em>leaves</em> town</span>',
    );
  });

  it('escapes raw HTML and drops script', () => {
    const html = renderMarkdown('<script>alert(1)</script><img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
  });

  it('drops javascript: links but keeps https ones', () => {
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toMatch(/href="?javascript:/i);
    expect(renderMarkdown('<a href="javascript:alert(1)">x</a>')).not.toContain('<a');
    expect(renderMarkdown('[x](https://example.org)')).toContain(
      '<a href="https://example.org" rel="noopener nofollow">x</a>',
    );
  });
});
