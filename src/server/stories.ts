// The stories of the presentation mode at build time: the content collection (front matter checked
// by its zod schema in src/content.config.ts), each file parsed and checked against the catalogue
// and the published data (src/lib/story.ts), and every visual prerendered with the chart modules.
import fs from 'node:fs';
import path from 'node:path';
import { getCollection } from 'astro:content';
import QRCode from 'qrcode';
import { checkStory, type CheckedSlide, type StoryEnv } from '../lib/story';
import { dataDb } from './duckdb-node';
import { buildStoryEnv } from './story-env';
import { renderVisual, type RenderedVisual } from './story-visuals';

export interface Story {
  slug: string;
  title: string;
  author: string;
  date: Date;
  summary: string;
  /** The file, relative to the project, as build errors name it. */
  file: string;
  slides: (CheckedSlide & { rendered: RenderedVisual | null })[];
}

let envCache: Promise<StoryEnv> | undefined;
/** What the published data holds, for checking stories (src/server/story-env.ts). */
export function storyEnv(): Promise<StoryEnv> {
  envCache ??= dataDb().then((db) => buildStoryEnv(db));
  return envCache;
}

let storiesCache: Promise<Story[]> | undefined;
/** Every story, checked and rendered; the first wrong id, code or year fails the build. */
export function loadStories(): Promise<Story[]> {
  storiesCache ??= (async () => {
    const env = await storyEnv();
    const entries = (await getCollection('verhalen')).sort((a, b) => a.id.localeCompare(b.id));
    const out: Story[] = [];
    for (const e of entries) {
      const file = path.relative(process.cwd(), path.resolve(e.filePath ?? `src/content/verhalen/${e.id}.md`));
      const slides = checkStory(file, fs.readFileSync(file, 'utf8'), env);
      const rendered = [];
      for (const s of slides) rendered.push({ ...s, rendered: s.visual ? await renderVisual(s.visual, env) : null });
      out.push({ slug: e.id, title: e.data.title, author: e.data.author, date: e.data.date, summary: e.data.summary, file, slides: rendered });
    }
    return out;
  })();
  return storiesCache;
}

/**
 * The site's public address for links that leave the screen (the QR code): SITE_URL at build
 * time, else where `npm start` serves, so a hall laptop's audience on the same network can follow.
 */
export function siteUrl(): string {
  return (process.env.SITE_URL ?? 'http://127.0.0.1:4321/').replace(/\/?$/, '/');
}

/** The story's short link: /v/<slug>/ forwards to the story. */
export function shortLink(slug: string, base: string): string {
  return new URL(`${base.replace(/^\//, '')}v/${slug}/`, siteUrl()).href;
}

/** The QR code of a link as SVG markup, made at build time (no request at show time). */
export async function qrSvg(text: string, label: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } });
  return svg.replace('<svg ', `<svg role="img" aria-label="${label.replace(/"/g, '&quot;')}" data-qr="${text}" `);
}

/** getStaticPaths of the pages with one story each (the deck and its presenter view). */
export async function storyPaths() {
  return (await loadStories()).map((story) => ({ params: { verhaal: story.slug }, props: { story } }));
}
