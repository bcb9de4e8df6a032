// Text taken from the URL (a query parameter, a path segment) that a notice echoes back to the
// visitor. A link can carry anything: NUL and other control characters would show as boxes or cut
// the notice short, and bidirectional overrides would make the echoed text read backwards and
// disguise it. One sanitiser, so every page echoes URL text the same way.

/**
 * C0 and C1 control characters (including NUL, tab and newline), the bidirectional embeddings and
 * overrides U+202A–U+202E, the isolates U+2066–U+2069, and the marks U+200E, U+200F and U+061C.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** `text` without control and bidi-override characters. */
export function stripUnsafe(text: string): string {
  return text.replace(UNSAFE, '');
}

/**
 * URL text made safe to echo in a notice: unsafe characters removed, then cut to at most `max`
 * characters (whole code points, so an emoji is never split), with "…" when it was longer.
 */
export function urlTextForNotice(text: string, max: number): string {
  const points = [...stripUnsafe(text)];
  return points.length > max ? `${points.slice(0, max).join('')}…` : points.join('');
}
