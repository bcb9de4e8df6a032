// Suggestions for a mistyped wijk URL: by code prefix and by name similarity (bigram overlap).

function bigrams(s: string): Set<string> {
  const t = ` ${s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()} `;
  const out = new Set<string>();
  for (let i = 0; i < t.length - 1; i++) out.add(t.slice(i, i + 2));
  return out;
}

export function similarity(a: string, b: string): number {
  const A = bigrams(a);
  const B = bigrams(b);
  let shared = 0;
  for (const g of A) if (B.has(g)) shared++;
  return (2 * shared) / (A.size + B.size || 1);
}

/** The areas best matching the last path segment of a URL (a code or a name). */
export function suggestAreas(pathname: string, areas: { c: string; n: string }[], limit = 5): { c: string; n: string }[] {
  let last = pathname.split('/').filter(Boolean).pop() ?? '';
  try {
    last = decodeURIComponent(last);
  } catch {
    // keep the raw segment
  }
  last = last.slice(0, 60);
  if (!last) return [];
  const upper = last.toUpperCase();
  const byCode = areas.filter((a) => upper.length >= 4 && a.c.startsWith(upper.slice(0, Math.min(upper.length, 8))));
  if (byCode.length) return byCode.slice(0, limit);
  return areas
    .map((a) => ({ a, s: similarity(last.replace(/[-_]/g, ' '), a.n) }))
    .filter((x) => x.s > 0.3)
    .sort((x, y) => y.s - x.s)
    .slice(0, limit)
    .map((x) => x.a);
}
