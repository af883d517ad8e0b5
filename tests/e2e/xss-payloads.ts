// A corpus of hostile strings for the browser suite (hostile-content.spec.ts).
//
// Every payload is written for its own index N: if any part of it ever ran, it would call
// alert(N), confirm(N), prompt(N), top.__xss(N) or parent.__xss(N), so a payload that fires
// names itself. The traps are installed by the spec before any page script runs.
//
// The payloads are grouped by class. They are data, never code: nothing here is evaluated.

export interface Payload {
  /** Position in PAYLOADS: the number the payload calls its trap with. */
  index: number;
  /** The class the payload belongs to (a key of CLASSES). */
  kind: PayloadClass;
  text: string;
}

type Make = (n: number) => string;

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** Script elements: plain, mixed case, nested, broken and in other contexts. */
const scriptTags: Make[] = [
  (n) => `<script>alert(${n})</script>`,
  (n) => `<ScRiPt>confirm(${n})</sCrIpT>`,
  // Nested: a filter that strips one `<script>` leaves another.
  (n) => `<scr<script>ipt>alert(${n})</scr</script>ipt>`,
  (n) => `<script >prompt(${n})</script >`,
  (n) => `<script/src="data:text/javascript,alert(${n})"></script>`,
  // Broken: no closing `>` on the end tag.
  (n) => `<script>top.__xss(${n})</script`,
  (n) => `<<script>alert(${n});//<</script>`,
  (n) => `<SCRIPT SRC=data:,alert(${n})></SCRIPT>`,
  // Closes a script element the value might be written into (JSON-LD), then opens one.
  (n) => `</script><script>alert(${n})</script>`,
  (n) => `<script>/*</script><script>*/alert(${n})</script>`,
  (n) => `<script>window['al'+'ert'](${n})</script>`,
  (n) => `<script>\\u0061lert(${n})</script>`,
  (n) => `<script type=module>top.__xss(${n})</script>`,
  (n) => `<script>setTimeout('alert(${n})')</script>`,
  (n) => `<script src=//127.0.0.1:9/x.js onerror=alert(${n})></script>`,
  (n) => `<script\ttype="text/javascript">confirm(${n})</script>`,
];

/** Event handler attributes on elements that fire them without a click. */
const eventHandlers: Make[] = [
  (n) => `<img src=x onerror=alert(${n})>`,
  (n) => `<img src="x" onerror="confirm(${n})">`,
  (n) => `<IMG SRC=/ oNeRrOr="prompt(${n})">`,
  (n) => `<img/src/onerror=top.__xss(${n})>`,
  (n) => `<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(${n})>`,
  (n) => `<svg onload=alert(${n})>`,
  (n) => `<svg/onload=confirm(${n})//`,
  (n) => `<body onload=alert(${n})>`,
  (n) => `<body onpageshow=prompt(${n})>`,
  (n) => `<details open ontoggle=alert(${n})>`,
  (n) => `<input autofocus onfocus=alert(${n})>`,
  (n) => `<select autofocus onfocus=confirm(${n})></select>`,
  (n) => `<div tabindex=0 autofocus onfocusin=top.__xss(${n})>focus</div>`,
  (n) => `<video><source onerror=alert(${n})></video>`,
  (n) => `<video src=x onerror=prompt(${n})>`,
  (n) => `<audio src=x onerror=alert(${n})>`,
  (n) => `<div onmouseover=alert(${n}) style=position:fixed;inset:0>hover</div>`,
  (n) => `<a onmouseover=confirm(${n})>hover me</a>`,
  (n) => `<p onpointerenter=top.__xss(${n})>point here</p>`,
  (n) => `<iframe onload=alert(${n})></iframe>`,
  (n) => `<object data=x onerror=alert(${n})></object>`,
  (n) => `<marquee onstart=alert(${n})>moving</marquee>`,
  (n) => `<style onload=prompt(${n})></style>`,
  (n) => `<link rel=stylesheet href=x onerror=alert(${n})>`,
  (n) => `<image src=x onerror=confirm(${n})>`,
  (n) => `<x contenteditable autofocus onblur=alert(${n})>lose focus</x>`,
  (n) => `<a href=# onclick=alert(${n})>click</a>`,
  (n) => `<img src=x onerror=alert(${n}) `,
  (n) => `<img src=x onerror="javascript:top.__xss(${n})">`,
];

/** javascript:, data: and vbscript: addresses in Markdown and raw HTML, plain and disguised. */
const scriptUrls: Make[] = [
  // Markdown links and images: case, entities, tabs, angle brackets, percent-encoding.
  (n) => `[click](javascript:alert(${n}))`,
  (n) => `[click](JaVaScRiPt:confirm(${n}))`,
  (n) => `[click](javascript&#58;alert(${n}))`,
  (n) => `[click](&#106;avascript:prompt(${n}))`,
  (n) => `[click](java&#x09;script:alert(${n}))`,
  (n) => `[click](<javascript:top.__xss(${n})>)`,
  (n) => `[click](javascript://%0Aalert(${n}))`,
  (n) => `[click](javas%09cript:alert(${n}))`,
  (n) => `[click](javascript:alert(${n}) "a title")`,
  (n) => `![picture](javascript:alert(${n}))`,
  (n) => `![picture](data:image/svg+xml;base64,${b64(`<svg onload=alert(${n})>`)})`,
  (n) => `[open](data:text/html;base64,${b64(`<script>alert(${n})</script>`)})`,
  (n) => `[open](data:text/html,<script>confirm(${n})</script>)`,
  (n) => `[run](vbscript:alert(${n}))`,
  // A reference-style link and an autolink.
  (n) => `[ref][r${n}]\n\n[r${n}]: javascript:alert(${n})`,
  (n) => `<javascript:alert(${n})>`,
  // Raw hrefs, with a newline, a control character or every letter an entity.
  (n) => `<a href="javascript:alert(${n})">raw link</a>`,
  (n) => `<a href="jav&#x0A;ascript:prompt(${n})">raw link</a>`,
  (n) => `<a href=" &#14; javascript:alert(${n})">raw link</a>`,
  (n) =>
    `<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(${n})">x</a>`,
  // Other elements that take an address: frames, plugins, forms, MathML, refresh, base.
  (n) => `<iframe src="javascript:parent.__xss(${n})"></iframe>`,
  (n) => `<object data="javascript:alert(${n})"></object>`,
  (n) => `<embed src="javascript:alert(${n})">`,
  (n) => `<form action=javascript:alert(${n})><input type=submit></form>`,
  (n) => `<form><button formaction=javascript:confirm(${n})>send</button></form>`,
  (n) => `<math><a xlink:href="javascript:alert(${n})">math link</a></math>`,
  (n) => `<meta http-equiv="refresh" content="0;url=javascript:alert(${n})">`,
  (n) => `<base href="javascript:alert(${n})//">`,
];

/** SVG: script inside svg, animated and set hrefs, foreignObject, SVG-only events. */
const svg: Make[] = [
  (n) => `<svg><script>alert(${n})</script></svg>`,
  (n) => `<svg><script href="data:,top.__xss(${n})" /></svg>`,
  // An animation or <set> that turns a link's href into javascript: after parsing.
  (n) =>
    `<svg><a><animate attributeName=href values=javascript:alert(${n}) /><text x=20 y=20>tap</text></a></svg>`,
  (n) =>
    `<svg><a><set attributeName="href" to="javascript:confirm(${n})" /><circle r=40 /></a></svg>`,
  // SVG timing events fire without any input.
  (n) => `<svg><animate onbegin=alert(${n}) attributeName=x dur=1s />`,
  (n) => `<svg><set onbegin=prompt(${n}) attributeName=x to=1 />`,
  // foreignObject puts HTML back inside SVG.
  (n) =>
    `<svg><foreignObject><iframe srcdoc="<script>parent.__xss(${n})</script>"></iframe></foreignObject></svg>`,
  (n) => `<svg><foreignObject><img src=x onerror=alert(${n})></foreignObject></svg>`,
  (n) => `<svg><image href=x onerror=confirm(${n}) /></svg>`,
  // CDATA is only CDATA in foreign content; in HTML the end tag closes early.
  (n) => `<svg><desc><![CDATA[</desc><script>alert(${n})</script>]]></svg>`,
  (n) => `<svg xmlns="http://www.w3.org/2000/svg"><g onload="alert(${n})"></g></svg>`,
  (n) =>
    `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='alert(${n})'/></svg>#x" /></svg>`,
  (n) => `<svg><discard onbegin=top.__xss(${n}) />`,
];

/** CSS: style attributes and elements that script, or that fire events once styles apply. */
const css: Make[] = [
  // Style attributes: IE expressions (also CSS-escaped) and javascript: in url().
  (n) => `<div style="width:expression(alert(${n}))">old IE</div>`,
  (n) => `<div style="background:url(javascript:alert(${n}))">bg</div>`,
  (n) => `<div style="x:\\65xpression(confirm(${n}))">escaped</div>`,
  // Style elements and sheets: @import, -moz-binding, url(javascript:).
  (n) => `<style>@import 'javascript:alert(${n})';</style>`,
  (n) => `<style>body{-moz-binding:url("javascript:alert(${n})")}</style>`,
  (n) => `<style>*{background:url("javascript:prompt(${n})")}</style>`,
  (n) => `<link rel=stylesheet href="javascript:alert(${n})">`,
  // Styles that make an event fire by themselves: animations and transitions.
  (n) =>
    `<style>@keyframes k${n}{}</style><p style="animation:k${n} 1ms" onanimationstart=alert(${n})>spin</p>`,
  (n) => `<p style="transition:all 1ms" ontransitionend=top.__xss(${n})>fade</p>`,
  (n) => `<p style="behavior:url(#default#time2)" onbegin=alert(${n})>behave</p>`,
  // Breaking out of a style element the value might be written into.
  (n) => `";}</style><script>alert(${n})</script>`,
  (n) => `<div style="background-image: url(&#1;javascript:confirm(${n}))">bg</div>`,
];

/** Broken markup: attribute, comment, CDATA and raw-text breakouts; Markdown's own tricks. */
const malformed: Make[] = [
  // Attribute breakouts: double and single quotes, with and without a new tag.
  (n) => `"><script>alert(${n})</script>`,
  (n) => `'><img src=x onerror=alert(${n})>`,
  (n) => `" autofocus onfocus="alert(${n})`,
  (n) => `' onmouseover='confirm(${n})`,
  (n) => `" onmouseover=prompt(${n}) x="`,
  // Comment and CDATA breakouts.
  (n) => `--><script>alert(${n})</script><!--`,
  (n) => `<!--<img src="--><img src=x onerror=top.__xss(${n})//">`,
  (n) => `<![CDATA[><script>alert(${n})</script>]]>`,
  // Declarative shadow DOM, and a srcdoc frame written with entities.
  (n) => `<template shadowrootmode=open><img src=x onerror=alert(${n})></template>`,
  (n) => `<iframe srcdoc="&lt;script&gt;parent.__xss(${n})&lt;/script&gt;"></iframe>`,
  // Raw-text and escapable-raw-text breakouts: noscript, xmp, textarea, title, style.
  (n) => `</noscript><img src=x onerror=alert(${n})>`,
  (n) => `<noscript><p title="</noscript><img src=x onerror=confirm(${n})>">`,
  (n) => `</xmp><script>alert(${n})</script>`,
  (n) => `</textarea><script>prompt(${n})</script>`,
  (n) => `</title><script>alert(${n})</script>`,
  (n) => `</style><img src=x onerror=alert(${n})>`,
  // Sloppy markup: backtick quotes, no space between attributes, unterminated tags.
  (n) => `<img src=\`x\` onerror=alert(${n})>`,
  (n) => `<a href="x" title="x"onmouseover=top.__xss(${n})>tight</a>`,
  (n) => `<div><img src=x onerror=alert(${n})</div>`,
  // Mutation XSS: markup a sanitizer reads one way and the browser reparses another.
  (n) => `<math><mtext><table><mglyph><style><img src=x onerror=alert(${n})>`,
  (n) => `<svg></p><style><a id="</style><img src=1 onerror=confirm(${n})>">`,
  (n) => `<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(${n})>`,
  (n) => `<noscript><style></noscript><img src=x onerror=prompt(${n})>`,
  // Markdown: raw HTML blocks, code spans and fences, link text and titles, autolinks,
  // linkified URLs and the site's own ||spoiler|| syntax.
  (n) => `<p>\n\n<img src=x onerror=alert(${n})>\n\n</p>`,
  (n) => `<div>\n\n*emphasis*\n\n</div><script>top.__xss(${n})</script>`,
  (n) => `\`<script>alert(${n})</script>\``,
  (n) => `\`\`\`html\n<script>confirm(${n})</script>\n\`\`\``,
  (n) => `[<img src=x onerror=alert(${n})>](https://example.com/)`,
  (n) => `[x](https://example.com/ "\\"><img src=x onerror=alert(${n})>")`,
  (n) => `[x](https://example.com/"onmouseover="prompt(${n}))`,
  (n) => `<https://example.com/"><script>alert(${n})</script>>`,
  (n) => `https://example.com/<img/src/onerror=top.__xss(${n})>`,
  (n) => `||<img src=x onerror=alert(${n})>||`,
  (n) => `||[spoiler link](javascript:confirm(${n}))||`,
  // Escapes and template syntax that other layers might interpret.
  (n) => `\\"><script>alert(${n})</script>`,
  (n) => `{{constructor.constructor('alert(${n})')()}}`,
  (n) => `\${alert(${n})}`,
  // Obsolete elements browsers still parse.
  (n) => `<isindex action=javascript:alert(${n}) type=image>`,
  (n) => `<xmp><img src=x onerror=prompt(${n})></xmp>`,
];

/** Unicode: lookalikes, invisible characters, control characters and escapes that only look live. */
const unicode: Make[] = [
  // Fullwidth brackets and quotes (U+FF1C, U+FF1E, U+FF02), and an RTL override.
  (n) => `＜script＞alert(${n})＜/script＞`,
  (n) => `＂＞＜img src=x onerror=alert(${n})＞`,
  (n) => `\u202e<script>confirm(${n})</script>\u202c`,
  // Zero-width space and joiner inside the scheme; a fullwidth scheme.
  (n) => `[x](java\u200bscript:alert(${n}))`,
  (n) => `[x](java\u200dscript:prompt(${n}))`,
  (n) => `<a href="java\u200dscript:alert(${n})">zwj</a>`,
  (n) => `[x](ｊａｖａｓｃｒｉｐｔ:alert(${n}))`,
  // Homoglyphs: Cyrillic ѕ and а, and the dotted capital İ.
  (n) => `<\u0455cript>alert(${n})</\u0455cript>`,
  (n) => `[x](j\u0430vascript:top.__xss(${n}))`,
  (n) => `<\u0130MG SRC=x ONERROR=alert(${n})>`,
  // NUL bytes inside tag names, attribute names and schemes (the API refuses NUL outright).
  (n) => `<scr\u0000ipt>alert(${n})</scr\u0000ipt>`,
  (n) => `<img src=x one\u0000rror=confirm(${n})>`,
  (n) => `[x](javascript\u0000:alert(${n}))`,
  // Other control characters: a form feed separates attributes in HTML, a backspace inside a
  // scheme, an ANSI escape for whoever reads the logs. None of them is allowed in XML.
  (n) => `<img src=x\u000conerror=alert(${n})>`,
  (n) => `[x](java\u0008script:prompt(${n}))`,
  (n) => `\u001b[31m<script>top.__xss(${n})</script>\u001b[0m`,
  // Escapes that only look live: JS, URL, entity and overlong-UTF-8-style spellings.
  (n) => `\\u003cscript\\u003ealert(${n})\\u003c/script\\u003e`,
  (n) => `%3Cscript%3Ealert(${n})%3C%2Fscript%3E`,
  (n) => `&lt;script&gt;prompt(${n})&lt;/script&gt;`,
  (n) => `&#60;script&#62;alert(${n})&#60;/script&#62;`,
  (n) => `%C0%BCscript%C0%BEalert(${n})%C0%BC/script%C0%BE`,
  (n) => `\\x3cimg src=x onerror=alert(${n})\\x3e`,
  // Line and paragraph separators (U+2028, U+2029), a BOM and U+180E in a tag.
  (n) => `<script>alert(${n})\u2028</script>`,
  (n) => `\u2028<img src=x onerror=top.__xss(${n})>\u2029`,
  (n) => `<\ufeffimg src=x onerror=alert(${n})>`,
  (n) => `<img src=x\u180eonerror=confirm(${n})>`,
  (n) => `<img src=x onerror=\\u0061lert(${n})>`,
  // Lone surrogates around a script element.
  (n) => `\ud800<script>alert(${n})</script>\udfff`,
];

export const CLASSES = {
  'script tags': scriptTags,
  'event handlers': eventHandlers,
  'javascript:, data: and vbscript: URLs': scriptUrls,
  SVG: svg,
  CSS: css,
  'broken markup and Markdown tricks': malformed,
  'Unicode tricks': unicode,
} as const;

export type PayloadClass = keyof typeof CLASSES;

/** Every payload, numbered in order: payload N calls its trap with N. */
export const PAYLOADS: readonly Payload[] = (
  Object.entries(CLASSES) as [PayloadClass, readonly Make[]][]
)
  .flatMap(([kind, makers]) => makers.map((make) => ({ kind, make })))
  .map(({ kind, make }, index) => ({ index, kind, text: make(index) }));

/** The API refuses text with a NUL character (PostgreSQL cannot store one): these are refused. */
export const NUL_PAYLOADS: readonly Payload[] = PAYLOADS.filter((p) => p.text.includes('\u0000'));

/** Every other payload is stored as written. */
export const STORABLE_PAYLOADS: readonly Payload[] = PAYLOADS.filter(
  (p) => !p.text.includes('\u0000'),
);

/** How many payloads each class holds. */
export function countsByClass(): Record<PayloadClass, number> {
  return Object.fromEntries(
    Object.entries(CLASSES).map(([kind, makers]) => [kind, makers.length]),
  ) as Record<PayloadClass, number>;
}

/**
 * Payloads written where a slug goes: the slug pattern must refuse every one. One from each
 * class, and the first few of the Unicode class, whose lookalikes come closest to a slug.
 */
export const SLUG_PAYLOADS: readonly Payload[] = [
  ...Object.keys(CLASSES).map((kind) => PAYLOADS.find((p) => p.kind === kind) as Payload),
  ...PAYLOADS.filter((p) => p.kind === 'Unicode tricks').slice(1, 8),
];
