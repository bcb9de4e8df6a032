// Only for `npm run bench -- --scale`: with WIJKBEELD_PAGE_SAMPLE=N in the environment the build
// prerenders N of the per-area pages (wijk pages and their CSV downloads) instead of all of them,
// spread evenly over the list plus the pages the bench opens; the bench extrapolates the rest from
// Astro's per-page times. Without the variable (every normal build) all pages are built.
const ALWAYS = new Set(['GM0599', 'ZUID', 'BU05991086', 'WK059910']);

export function pageSample<T extends { code: string }>(items: T[], env: Record<string, string | undefined> = process.env): T[] {
  const n = Number(env.WIJKBEELD_PAGE_SAMPLE);
  if (!Number.isInteger(n) || n <= 0 || n >= items.length) return items;
  const step = items.length / n;
  const picked = new Set(Array.from({ length: n }, (_, i) => Math.floor(i * step)));
  return items.filter((a, i) => picked.has(i) || ALWAYS.has(a.code));
}
