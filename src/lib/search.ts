// Search on the home page: diacritics and case ignored ("Kralingen-Crooswijk" = "kralingen crooswijk").

/** Lower case, without diacritics, with runs of spaces/hyphens/apostrophes as one space. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[\s\-'’]+/g, ' ').trim();
}

export interface SearchItem { kind: 'gebied' | 'wijk' | 'indicator'; key: string; parent?: string }

/** The items whose own name contains the query; an empty query matches nothing. */
export function matches<T extends SearchItem>(items: T[], query: string): T[] {
  const q = fold(query);
  if (!q) return [];
  return items.filter((i) => i.key.includes(q));
}

/** "2 gebieden, 5 wijken, 1 indicator" (zero kinds left out; "geen treffers" when none). */
export function countText(n: { gebied: number; wijk: number; indicator: number }): string {
  const part = (k: number, one: string, many: string) => (k ? `${k} ${k === 1 ? one : many}` : '');
  const parts = [part(n.gebied, 'gebied', 'gebieden'), part(n.wijk, 'wijk', 'wijken'), part(n.indicator, 'indicator', 'indicatoren')].filter(Boolean);
  return parts.length ? parts.join(', ') : 'geen treffers';
}
