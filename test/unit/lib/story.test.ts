// Story files (src/lib/story.ts): slides from `##` sections, a ```visual block per slide, notes;
// every indicator id, area code and year checked, a wrong one reported with file and line.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../src/lib/catalogue';
import { checkStory, parseStory, StoryError, type StoryEnv } from '../../../src/lib/story';

const FIXTURE = 'test/fixtures/verhalen/onbekende-indicator.md';
const fixture = fs.readFileSync(FIXTURE, 'utf8');

/** A small world: three areas and the values the fixture needs. */
const values = new Set(['bijstand|BU05990113|2024', 'bijstand_aantal|GM0599|2014', 'bijstand_aantal|GM0599|2024']);
const env: StoryEnv = {
  catalogue,
  context: new Map([['bijstand_ambitie_2022', { value: 30000, source: 'Coalitieakkoord' }]]),
  areas: new Map([
    ['GM0599', { level: 'gemeente', name: 'Rotterdam' }],
    ['ZUID', { level: 'stadsdeel', name: 'Rotterdam-Zuid' }],
    ['BU05990113', { level: 'wijk', name: 'Cs Kwartier' }],
  ]),
  hasValue: (i, a, y) => values.has(`${i}|${a}|${y}`),
  levelYears: (i, l) => (i === 'bijstand' && l === 'wijk' ? [2024] : i === 'bijstand_aantal' && l === 'gemeente' ? [2014, 2024] : []),
};

/** 1-based line of the first line that starts with `text`, found without the parser. */
const lineOf = (source: string, text: string) => source.split('\n').findIndex((l) => l.startsWith(text)) + 1;

function errorOf(source: string): StoryError {
  try {
    checkStory(FIXTURE, source, env);
  } catch (e) {
    if (e instanceof StoryError) return e;
    throw e;
  }
  throw new Error('no StoryError');
}

describe('story files', () => {
  it('an unknown indicator fails with file and line', () => {
    const e = errorOf(fixture);
    expect(lineOf(fixture, 'indicator: werkloosheid_xyz')).toBe(26);
    expect(e.line).toBe(26);
    expect(e.message).toBe(`${FIXTURE}:26: onbekende indicator "werkloosheid_xyz" (niet in data/indicators.json)`);
  });

  it('an unknown area code fails on its line', () => {
    const src = fixture.replace('indicator: werkloosheid_xyz', 'indicator: bijstand_aantal').replace('gebieden: [GM0599]', 'gebieden: [GM9999]');
    const e = errorOf(src);
    expect(e.message).toBe(`${FIXTURE}:${lineOf(src, 'gebieden:')}: onbekende gebiedscode "GM9999" (niet in de gepubliceerde areas)`);
  });

  it('a year without data fails on its line, naming the years that have data', () => {
    const src = fixture.replace('jaar: 2024', 'jaar: 2019');
    const e = errorOf(src);
    expect(e.line).toBe(lineOf(src, 'jaar: 2019'));
    expect(e.message).toContain('geen cijfers voor bijstand per wijk in 2019 (wel: 2024)');
  });

  it('a line must have a value at both ends', () => {
    const src = fixture.replace('indicator: werkloosheid_xyz', 'indicator: bijstand_aantal').replace('jaren: [2014, 2024]', 'jaren: [2015, 2024]');
    expect(errorOf(src).line).toBe(lineOf(src, 'jaren:'));
  });

  it('an unknown kind, a key of another kind and a second visual are named', () => {
    const kind = fixture.replace('soort: kaart', 'soort: taart');
    expect(errorOf(kind).message).toMatch(new RegExp(`^${FIXTURE}:${lineOf(kind, 'soort: taart')}: onbekende soort "taart"`));
    const key = fixture.replace('niveau: wijk', 'niveau: wijk\ntop: 5');
    expect(errorOf(key).message).toContain(`:${lineOf(key, 'top: 5')}: "top" hoort niet bij soort kaart`);
    const two = fixture.replace('Notities: Deze klopt.', '```visual\nsoort: kaart\n```');
    expect(errorOf(two).message).toContain('heeft al een visual');
  });

  it('a correct story gives its slides with text, visual and notes', () => {
    const src = fixture.replace('indicator: werkloosheid_xyz', 'indicator: bijstand_aantal');
    const slides = checkStory(FIXTURE, src, env);
    expect(slides.map((s) => s.title)).toEqual(['Een goede dia', 'Een foute dia']);
    expect(slides.map((s) => s.line)).toEqual([lineOf(src, '## Een goede'), lineOf(src, '## Een foute')]);
    expect(slides[0]!.visual).toEqual({ kind: 'kaart', indicator: 'bijstand', level: 'wijk', year: 2024 });
    expect(slides[1]!.visual).toEqual({ kind: 'lijn', indicator: 'bijstand_aantal', areas: ['GM0599'], years: [2014, 2024], context: [] });
    expect(slides[1]!.text).toEqual(['Tekst.']);
    expect(slides[0]!.notes).toBe('Deze klopt.');
  });

  for (const file of fs.readdirSync('src/content/verhalen').filter((f) => f.endsWith('.md'))) {
    it(`${file} parses: every slide has a title and notes, indicators from the catalogue`, () => {
      const p = path.join('src/content/verhalen', file);
      const { slides } = parseStory(p, fs.readFileSync(p, 'utf8'));
      expect(slides.length).toBeGreaterThanOrEqual(5);
      const ids = new Set(catalogue.indicators.map((i) => i.id));
      for (const s of slides) {
        expect(s.title.length, `${p}:${s.line}`).toBeGreaterThan(3);
        expect(s.notes.length, `${p}:${s.line} notes`).toBeGreaterThan(20);
        for (const key of ['indicator', 'x', 'y']) {
          const v = s.visual?.fields.get(key)?.value;
          if (typeof v === 'string') expect(ids.has(v), `${p}:${s.line} ${key} ${v}`).toBe(true);
        }
      }
    });
  }
});
