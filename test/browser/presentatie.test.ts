// Presentation mode in Chromium: every slide of every story fits 1920 × 1080 and 1280 × 720
// without scrolling and without the site menu, with chart text of at least 24 px at 1920 and no
// two labels over each other; keys step and the URL follows; the presenter window keeps in step;
// the closing slide's QR code decodes (jsQR, an independent decoder) to the story's short link;
// embed pages have no site chrome and carry their source line.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { useSite, watchedPage } from './built-site';

const site = useSite();
const STORIES = fs.readdirSync('src/content/verhalen').filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, ''));

interface SlideCheck {
  stap: number;
  scrolls: boolean;
  outside: string[];
  overflow: string[];
  menu: boolean;
  minFont: number | null;
  collisions: string[];
}

/** Measures the slide on screen: page scroll, the canvas inside the window, blocks inside the canvas,
 * the smallest chart text in screen px, and pairs of chart texts whose boxes overlap. */
function measure(page: Page): Promise<SlideCheck> {
  return page.evaluate(() => {
    const doek = document.querySelector<HTMLElement>('.doek.actief')!;
    const dia = doek.querySelector<HTMLElement>('.dia')!;
    const r = dia.getBoundingClientRect();
    const se = document.scrollingElement!;
    const inside = (b: DOMRect, o: DOMRect, tol = 1) => b.left >= o.left - tol && b.top >= o.top - tol && b.right <= o.right + tol && b.bottom <= o.bottom + tol;
    const win = new DOMRect(0, 0, innerWidth, innerHeight);
    const blocks = [...dia.children] as HTMLElement[];
    const texts = [...dia.querySelectorAll<SVGTextElement>('figure svg text')].filter((t) => (t.textContent ?? '').trim() && t.getBoundingClientRect().width > 0);
    let minFont: number | null = null;
    for (const t of texts) {
      const svg = t.ownerSVGElement!;
      const vb = svg.viewBox.baseVal;
      const scale = svg.getBoundingClientRect().width / (vb && vb.width ? vb.width : svg.width.baseVal.value);
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      minFont = minFont === null ? px : Math.min(minFont, px);
    }
    const boxes = texts.map((t) => ({ t: (t.textContent ?? '').trim(), b: t.getBoundingClientRect() }));
    const collisions: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.b;
        const b = boxes[j]!.b;
        const ox = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const oy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (ox > 2 && oy > 2) collisions.push(`"${boxes[i]!.t}" × "${boxes[j]!.t}"`);
      }
    }
    const menu = [...document.querySelectorAll<HTMLElement>('header.site, footer.site, nav[aria-label="Hoofdmenu"]')].some((e) => e.getBoundingClientRect().height > 0);
    return {
      stap: Number(doek.dataset.stap),
      scrolls: se.scrollHeight > innerHeight + 1 || se.scrollWidth > innerWidth + 1,
      outside: inside(r, win) ? [] : [`canvas ${JSON.stringify(r)}`],
      overflow: blocks.filter((b) => !inside(b.getBoundingClientRect(), r)).map((b) => b.className || b.tagName),
      menu,
      minFont,
      collisions,
    };
  });
}

describe('every slide fits the projector', () => {
  for (const [width, height] of [[1920, 1080], [1280, 720]] as const) {
    for (const slug of STORIES) {
      it(`${slug} at ${width}×${height}`, async () => {
        const { page, w, errors } = await watchedPage(site);
        try {
          await page.setViewportSize({ width, height });
          await page.goto(`${site.server.url}presentatie/${slug}/`, { waitUntil: 'load' });
          const total = Number(await page.locator('#dias').getAttribute('data-stappen'));
          expect(total).toBeGreaterThanOrEqual(6);
          for (let n = 1; n <= total; n++) {
            const m = await measure(page);
            const where = `${slug} dia ${n} at ${width}`;
            expect(m.stap, where).toBe(n);
            expect(m.scrolls, `${where}: page scrolls`).toBe(false);
            expect(m.outside, `${where}: canvas outside the window`).toEqual([]);
            expect(m.overflow, `${where}: blocks outside the slide`).toEqual([]);
            expect(m.menu, `${where}: site menu visible`).toBe(false);
            expect(m.collisions, `${where}: overlapping labels`).toEqual([]);
            if (width === 1920 && m.minFont !== null) expect(m.minFont, `${where}: smallest chart text`).toBeGreaterThanOrEqual(24);
            await page.keyboard.press('ArrowRight');
          }
          expect(w.external()).toEqual([]);
          expect(errors.real()).toEqual([]);
        } finally {
          await page.close();
        }
      });
    }
  }
});

describe('controls', () => {
  for (const [width, height] of [[1920, 1080], [1280, 720]] as const) {
    it(`shown when the mouse moves, they cover no part of the slide (title, footer with "3 / N") at ${width}×${height}`, async () => {
      const { page, errors } = await watchedPage(site);
      try {
        await page.setViewportSize({ width, height });
        await page.goto(`${site.server.url}presentatie/${STORIES[0]}/?stap=3`, { waitUntil: 'load' });
        await page.mouse.move(width / 2 - 40, height / 2);
        await page.mouse.move(width / 2, height / 2);
        await expect.poll(() => page.$eval('.bediening', (b) => getComputedStyle(b).opacity)).toBe('1');
        const hits = await page.evaluate(() => {
          const bar = document.querySelector('.bediening')!.getBoundingClientRect();
          const dia = document.querySelector('.doek.actief .dia')!;
          // Every text-carrying block of the slide, the footer's parts one by one.
          const blocks = [...dia.children, ...dia.querySelectorAll('.dia-voet > span')].filter((b) => (b.textContent ?? '').trim());
          return blocks.filter((b) => {
            const r = b.getBoundingClientRect();
            return Math.min(r.right, bar.right) > Math.max(r.left, bar.left) && Math.min(r.bottom, bar.bottom) > Math.max(r.top, bar.top);
          }).map((b) => `${b.className || b.tagName}: ${(b.textContent ?? '').trim().slice(0, 30)}`);
        });
        expect(hits).toEqual([]);
        expect(errors.real()).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});

describe('stepping', () => {
  it('arrow, space, PageUp/PageDown, Home and End step; the URL follows; ?stap=N opens slide N', async () => {
    const { page, errors } = await watchedPage(site);
    try {
      const slug = STORIES[0]!;
      await page.goto(`${site.server.url}presentatie/${slug}/?stap=3`, { waitUntil: 'load' });
      const state = async () => ({
        active: await page.locator('.doek.actief').getAttribute('data-stap'),
        stap: new URL(page.url()).searchParams.get('stap'),
      });
      expect(await state()).toEqual({ active: '3', stap: '3' });
      await page.keyboard.press('ArrowRight');
      expect(await state()).toEqual({ active: '4', stap: '4' });
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('PageUp');
      expect(await state()).toEqual({ active: '2', stap: '2' });
      await page.keyboard.press('PageDown');
      await page.keyboard.press(' ');
      expect(await state()).toEqual({ active: '4', stap: '4' });
      await page.keyboard.press('End');
      const total = await page.locator('#dias').getAttribute('data-stappen');
      expect(await state()).toEqual({ active: total, stap: total });
      await page.keyboard.press('ArrowRight');
      expect((await state()).active).toBe(total);
      await page.keyboard.press('Home');
      expect(await state()).toEqual({ active: '1', stap: '1' });
      await page.reload({ waitUntil: 'load' });
      expect(await state()).toEqual({ active: '1', stap: '1' });
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('P opens the presenter view, which follows the audience screen and steers it', async () => {
    const { page, errors } = await watchedPage(site);
    try {
      const slug = STORIES[0]!;
      await page.goto(`${site.server.url}presentatie/${slug}/?stap=2`, { waitUntil: 'load' });
      const [presenter] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('p')]);
      await presenter.waitForLoadState('load');
      expect(new URL(presenter.url()).pathname).toBe(`/presentatie/${slug}/presentator/`);
      const pStap = () => presenter.locator('#presentator').getAttribute('data-stap');
      await expect.poll(pStap).toBe('2');
      await page.keyboard.press('ArrowRight');
      await expect.poll(pStap).toBe('3');
      // Current and next slide in the frames, the notes of slide 3, a clock.
      await expect.poll(() => presenter.frameLocator('#p-frame-nu').locator('.doek.actief').getAttribute('data-stap')).toBe('3');
      await expect.poll(() => presenter.frameLocator('#p-frame-straks').locator('.doek.actief').getAttribute('data-stap')).toBe('4');
      expect(await presenter.locator('.notitie:not([hidden])').getAttribute('data-stap')).toBe('3');
      expect(await presenter.locator('#p-klok').textContent()).toMatch(/^\d\d:\d\d$/);
      // The presenter steers the audience screen.
      await presenter.keyboard.press('ArrowRight');
      await expect.poll(() => page.locator('.doek.actief').getAttribute('data-stap')).toBe('4');
      expect(new URL(page.url()).searchParams.get('stap')).toBe('4');
      await presenter.close();
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('print', () => {
  it('printing a story gives every slide on a page of its own, without the controls', async () => {
    const { page } = await watchedPage(site);
    try {
      await page.goto(`${site.server.url}presentatie/${STORIES[0]}/?stap=3`, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      const r = await page.evaluate(() => ({
        total: Number(document.getElementById('dias')!.dataset.stappen),
        shown: [...document.querySelectorAll<HTMLElement>('.doek')].filter((d) => getComputedStyle(d).display !== 'none' && d.getBoundingClientRect().height >= 1079).length,
        breaks: [...document.querySelectorAll<HTMLElement>('.doek')].map((d) => getComputedStyle(d).breakAfter),
        controls: getComputedStyle(document.querySelector('.bediening')!).display,
      }));
      expect(r.shown).toBe(r.total);
      expect(new Set(r.breaks)).toEqual(new Set(['page']));
      expect(r.controls).toBe('none');
      // Chromium's own PDF: one page per slide.
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBe(r.total);
    } finally {
      await page.close();
    }
  });
});

describe('closing slide', () => {
  for (const slug of STORIES) {
    it(`${slug}: the QR code decodes to the short link, which leads to the story`, async () => {
      const { page } = await watchedPage(site);
      try {
        await page.goto(`${site.server.url}presentatie/${slug}/`, { waitUntil: 'load' });
        await page.keyboard.press('End');
        const shown = (await page.locator('.doek.actief [data-short-link]').textContent())!.trim();
        expect(shown).toMatch(new RegExp(`/v/${slug}/$`));
        // Draw the QR code's SVG on a canvas and hand the pixels to jsQR.
        const img = await page.evaluate(async () => {
          const svg = document.querySelector('.doek.actief .qr svg')!;
          const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
          const im = new Image();
          im.src = url;
          await im.decode();
          const c = document.createElement('canvas');
          c.width = 400;
          c.height = 400;
          const ctx = c.getContext('2d')!;
          ctx.fillStyle = '#fff';
          ctx.fillRect(0, 0, 400, 400);
          ctx.drawImage(im, 0, 0, 400, 400);
          return Array.from(ctx.getImageData(0, 0, 400, 400).data);
        });
        const decoded = jsQR(Uint8ClampedArray.from(img), 400, 400);
        expect(decoded?.data).toBe(shown);
        // The short link's path on this server forwards to the story.
        const res = await fetch(new URL(new URL(shown).pathname.slice(1), site.server.url));
        expect(res.status).toBe(200);
        expect(await res.text()).toContain(`url=/presentatie/${slug}/`);
      } finally {
        await page.close();
      }
    });
  }
});

describe('embeds', () => {
  const first = () => `embed/presentatie/${STORIES[0]}/2/`;
  for (const path of [first, () => 'embed/indicator/bijstand/']) {
    it(`${path()}: chart, title, source line and a link back; no site chrome`, async () => {
      const { page, w, errors } = await watchedPage(site);
      try {
        const res = await page.goto(`${site.server.url}${path()}`, { waitUntil: 'load' });
        expect(res?.status()).toBe(200);
        expect(await page.locator('header.site, footer.site, nav').count()).toBe(0);
        expect(await page.locator('h1').count()).toBe(1);
        expect(await page.locator('figure svg[role="img"]').count()).toBeGreaterThanOrEqual(1);
        expect((await page.locator('p.bron').textContent()) ?? '').toMatch(/^Bron: (CBS|Gemeente Rotterdam)/);
        expect(await page.locator('p.terug a[target="_top"]').count()).toBe(1);
        expect(w.external()).toEqual([]);
        expect(errors.real()).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it('a slide offers its iframe snippet, the indicator page its map snippet', async () => {
    const { page } = await watchedPage(site);
    try {
      await page.goto(`${site.server.url}presentatie/${STORIES[0]}/?stap=2`, { waitUntil: 'load' });
      expect(await page.locator('#insluitcode').inputValue()).toMatch(new RegExp(`^<iframe src="[^"]*/embed/presentatie/${STORIES[0]}/2/"`));
      await page.goto(`${site.server.url}indicator/bijstand/`, { waitUntil: 'load' });
      expect(await page.locator('details.insluiten textarea').inputValue()).toMatch(/^<iframe src="[^"]*\/embed\/indicator\/bijstand\/"/);
    } finally {
      await page.close();
    }
  });
});
