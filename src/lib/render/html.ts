// HTML as strings, escaped by default: the views in src/lib/render/ build markup once and both the
// Astro pages (set:html at build time) and the browser (after a year change) insert the same text.

/** Markup that is already safe and must not be escaped again. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

type Part = Html | string | number | null | undefined | false | Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (Array.isArray(part)) return part.map(render).join('');
  if (part instanceof Html) return part.value;
  return escapeHtml(String(part));
}

/** Tagged template: html`<td>${text}</td>` escapes text; nested html`` and arrays pass through. */
export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0];
  parts.forEach((p, i) => (out += render(p) + strings[i + 1]));
  return new Html(out);
}

/** Trusted markup from our own renderers (e.g. an SVG string from Plot). */
export function raw(markup: string): Html {
  return new Html(markup);
}
