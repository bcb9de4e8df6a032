// What a story may refer to, read once from the published data: the catalogue, the policy
// figures, every area and every (indicator, area, year) with a value. Kept apart from the content
// collection (src/server/stories.ts) so tests can check the real stories against the real data.
import { catalogue } from '../lib/catalogue';
import type { Db } from '../lib/db';
import type { StoryEnv } from '../lib/story';
import context from '../../data/context-figures.json';

export async function buildStoryEnv(db: Db): Promise<StoryEnv> {
  const areas = await db.query<{ code: string; name: string; level: string }>('SELECT code, name, level FROM areas');
  const obs = await db.query<{ indicator: string; area: string; year: number; level: string }>(
    `SELECT o.indicator, o.area, o.year, a.level FROM observations o JOIN areas a ON a.code = o.area WHERE o.status = 'ok' AND o.value IS NOT NULL`,
  );
  const have = new Set(obs.map((o) => `${o.indicator}|${o.area}|${o.year}`));
  const levelYears = new Map<string, Set<number>>();
  for (const o of obs) {
    const k = `${o.indicator}|${o.level}`;
    levelYears.set(k, (levelYears.get(k) ?? new Set()).add(o.year));
  }
  return {
    catalogue,
    context: new Map(context.figures.map((f) => [f.id, { value: f.value, source: f.source }])),
    areas: new Map(areas.map((a) => [a.code, { level: a.level, name: a.name }])),
    hasValue: (i, a, y) => have.has(`${i}|${a}|${y}`),
    levelYears: (i, l) => [...(levelYears.get(`${i}|${l}`) ?? [])].sort((a, b) => a - b),
  };
}
