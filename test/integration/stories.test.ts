// The real stories against the real published data: every indicator, area and year they name has
// values (the same check the site build runs, src/server/stories.ts), and the policy figures they
// show come from data/context-figures.json with their own source, never as CBS series.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStory, type StoryEnv } from '../../src/lib/story';
import { NodeDb } from '../../src/server/duckdb-node';
import { buildStoryEnv } from '../../src/server/story-env';
import { sharedData } from '../shared';

let db: NodeDb;
let env: StoryEnv;
beforeAll(async () => {
  db = await NodeDb.forData(await sharedData());
  env = await buildStoryEnv(db);
}, 900_000);
afterAll(() => db?.close());

const files = fs.readdirSync('src/content/verhalen').filter((f) => f.endsWith('.md')).map((f) => path.join('src/content/verhalen', f));

describe('stories on the published data', () => {
  it('there are at least two stories', () => expect(files.length).toBeGreaterThanOrEqual(2));
  for (const file of files) {
    it(`${file}: every id, code and year has data`, () => {
      const slides = checkStory(file, fs.readFileSync(file, 'utf8'), env);
      expect(slides.filter((s) => s.visual).length).toBeGreaterThanOrEqual(5);
    });
  }
  it('werk-en-bijstand shows the two policy figures as context, 2014–2024 with the gap years', () => {
    const file = 'src/content/verhalen/werk-en-bijstand.md';
    const slides = checkStory(file, fs.readFileSync(file, 'utf8'), env);
    const lines = slides.flatMap((s) => (s.visual?.kind === 'lijn' ? [s.visual] : []));
    expect(lines.flatMap((l) => l.context).sort()).toEqual(['bijstand_ambitie_2022', 'zuid_bijstand_2020']);
    expect(lines.every((l) => l.years[0] === 2014 && l.years[1] === 2024)).toBe(true);
    expect(env.context.get('bijstand_ambitie_2022')?.value).toBe(30000);
    expect(env.context.get('zuid_bijstand_2020')?.value).toBe(14548);
  });
});
