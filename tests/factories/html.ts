import { parse, type HTMLElement } from 'node-html-parser';

/** A parsed page, queried with CSS selectors like the browser would. */
export function page(html: string): HTMLElement {
  return parse(html);
}

/** The text of every element matching `selector`, whitespace collapsed. */
export function texts(html: string | HTMLElement, selector: string): string[] {
  const root = typeof html === 'string' ? parse(html) : html;
  return root.querySelectorAll(selector).map((el) => el.text.replace(/\s+/g, ' ').trim());
}

/** A page's HTML with its script nonce blanked: two renderings of the same page compare equal. */
export function withoutNonce(html: string): string {
  return html.replace(/ nonce="[^"]*"/g, ' nonce=""');
}
