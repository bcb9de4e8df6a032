// Content collections. Stories for the presentation mode: one Markdown file per story in
// src/content/verhalen/ (slug = file name); the body's slides are parsed and checked against the
// catalogue and the published data by src/lib/story.ts when the pages are built.
import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

const verhalen = defineCollection({
  loader: glob({ pattern: '*.md', base: './src/content/verhalen' }),
  schema: z.object({
    title: z.string().min(3),
    /** Who tells it: "Wijkbeeld Rotterdam, november 2026". */
    author: z.string().min(2),
    date: z.coerce.date(),
    /** One sentence for the list of stories. */
    summary: z.string().min(10),
  }),
});

export const collections = { verhalen };
