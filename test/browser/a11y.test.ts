// Accessibility of every page type in Debian Chromium: axe-core (no serious or critical
// violations; every violation found is printed), Dutch as the page language, a text alternative on
// every chart, and the keyboard: Tab from the top reaches the year select and the compare input,
// and every focus stop shows a focus ring with at least 3:1 contrast against its background.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSite } from './built-site';
import { consoleErrors } from './console';


const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface PageType {
  name: string;
  path: string;
  status?: number;
}

const PAGES: PageType[] = [
  { name: 'home', path: '/' },
  { name: 'wijk (Afrikaanderwijk)', path: '/wijk/BU05991086/' },
  { name: 'gebied (Feijenoord)', path: '/wijk/WK059910/' },
  { name: 'stadsdeel (Rotterdam-Zuid)', path: '/wijk/ZUID/' },
  { name: 'gemeente (Rotterdam)', path: '/wijk/GM0599/' },
  { name: 'methode', path: '/methode/' },
  { name: 'indicator (bijstand)', path: '/indicator/bijstand/' },
  { name: 'indicator per gebied (leefbaarometer)', path: '/indicator/leefbaarometer/' },
  { name: 'indicatoren', path: '/indicator/' },
  { name: 'samenhang', path: '/samenhang/' },
  { name: 'factoren', path: '/factoren/' },
  { name: 'presentatie', path: '/presentatie/' },
  { name: 'verhaal (dia 3)', path: '/presentatie/werk-en-bijstand/?stap=3' },
  { name: 'verhaal (spreiding)', path: '/presentatie/feiten-en-beleving/?stap=2' },
  { name: 'presentator', path: '/presentatie/feiten-en-beleving/presentator/' },
  { name: 'embed (dia)', path: '/embed/presentatie/werk-en-bijstand/4/' },
  { name: 'embed (indicator)', path: '/embed/indicator/bijstand/' },
  { name: 'data', path: '/data/' },
  { name: 'data sql', path: '/data/sql/' },
  { name: '404', path: '/wijk/BU09999999/', status: 404 },
];

const site = useSite();

async function open(p: PageType): Promise<{ page: Page; errors: ReturnType<typeof consoleErrors> }> {
  const page = await site.browser.context.newPage();
  const errors = consoleErrors(page);
  const res = await page.goto(new URL(p.path.slice(1), site.server.url).href, { waitUntil: 'load' });
  expect(res?.status(), `HTTP status of ${p.path}`).toBe(p.status ?? 200);
  return { page, errors };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * axe-core injected with page.evaluate: the site's CSP (script-src 'self') rightly refuses an
 * inline <script> from addScriptTag({ content }); evaluate goes through DevTools, not the page.
 */
async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}

// The pages are only loaded, and the tests are independent, so run them concurrently in one site.browser.
describe.concurrent('axe-core, language and chart labels, per page type', () => {
  for (const p of PAGES) {
    it(`${p.name} ${p.path}: no serious or critical axe violations; lang="nl"; every chart labelled`, async () => {
      const { page, errors } = await open(p);
      try {
        const violations = await runAxe(page);
        const lines = violations.map(
          (v) => `  [${v.impact}] ${v.id} (${v.nodes.length}×): ${v.help}; ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`,
        );
        console.log(`axe ${p.name} ${p.path}: ${violations.length ? `${violations.length} soort(en) overtreding\n${lines.join('\n')}` : 'geen overtredingen'}`);
        expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);

        expect(await page.getAttribute('html', 'lang')).toBe('nl');
        // Charts are images; maps whose areas are links are labelled groups (see src/lib/charts/render.ts).
        const charts = await page.$$eval('svg[role="img"], svg[role="group"]', (svgs) =>
          svgs.map((s) => ({ label: (s.getAttribute('aria-label') ?? '').trim(), html: s.outerHTML.slice(0, 120) })),
        );
        expect(charts.filter((c) => c.label.length < 5).map((c) => c.html)).toEqual([]);
        // Justified: on the 404 page Chromium logs the page's own 404 status as a console error.
        const own = new URL(p.path.slice(1), site.server.url).href;
        expect(errors.real().filter((e) => !(p.status === 404 && e.includes('404') && e.endsWith(own)))).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});

/** Relative luminance contrast of two CSS rgb()/rgba() colours (WCAG 2). */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

interface Stop {
  id: string;
  tag: string;
  text: string;
  focusVisible: boolean;
  outlineStyle: string;
  outlineWidth: number;
  outlineColor: string;
  background: string;
}

/** Press Tab from the top of the page and describe each focused element, up to `max` stops. */
async function tabThrough(page: Page, until: string[], max = 400): Promise<Stop[]> {
  // Called on a freshly loaded page: nothing has focus yet, so the first Tab starts at the top.
  const stops: Stop[] = [];
  const need = new Set(until);
  for (let i = 0; i < max && need.size; i++) {
    await page.keyboard.press('Tab');
    const s = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const cs = getComputedStyle(el);
      // The colour the ring is drawn on: what lies just outside the element's box, where the
      // outline is (so a positioned element such as the skip link is judged where it is shown).
      const r = el.getBoundingClientRect();
      const gap = parseFloat(cs.outlineOffset) + parseFloat(cs.outlineWidth) / 2;
      const x = r.left - gap >= 0 ? r.left - gap : Math.min(r.right + gap, innerWidth - 1);
      const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
      let bg = 'rgb(255, 255, 255)';
      for (const n of document.elementsFromPoint(x, y)) {
        if (n === el || el.contains(n)) continue;
        const c = getComputedStyle(n).backgroundColor;
        if (c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) {
          bg = c;
          break;
        }
      }
      return {
        id: el.id,
        tag: el.tagName.toLowerCase(),
        text: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40),
        focusVisible: el.matches(':focus-visible'),
        outlineStyle: cs.outlineStyle,
        outlineWidth: parseFloat(cs.outlineWidth),
        outlineColor: cs.outlineColor,
        background: bg,
      };
    });
    if (!s) continue;
    stops.push(s);
    need.delete(s.id);
  }
  return stops;
}

describe('keyboard', () => {
  it('wijk page: Tab from the top reaches the year select and the compare input; every stop shows a visible focus ring', async () => {
    const { page, errors } = await open({ name: 'wijk', path: '/wijk/BU05991086/' });
    try {
      const stops = await tabThrough(page, ['jaar', 'vergelijk-met']);
      const ids = stops.map((s) => s.id);
      console.log(`Tab-volgorde wijkpagina: ${stops.length} stops tot het vergelijkveld; #jaar op stop ${ids.indexOf('jaar') + 1}, #vergelijk-met op stop ${ids.indexOf('vergelijk-met') + 1}`);
      expect(ids).toContain('jaar');
      expect(ids).toContain('vergelijk-met');
      expect(stops[0]!.text, 'first stop is the skip link').toBe('Naar de inhoud');
      const bad = stops.filter((s) => !s.focusVisible || s.outlineStyle === 'none' || s.outlineWidth < 2 || contrast(s.outlineColor, s.background) < 3);
      expect(bad.map((s) => `${s.tag}#${s.id} "${s.text}": ${s.outlineStyle} ${s.outlineWidth}px ${s.outlineColor} op ${s.background} (${contrast(s.outlineColor, s.background).toFixed(2)}:1)`)).toEqual([]);
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('home page: Tab reaches the search field; every stop (also the map links) shows a visible focus ring', async () => {
    const { page, errors } = await open({ name: 'home', path: '/' });
    try {
      const stops = await tabThrough(page, ['zoek']);
      expect(stops.map((s) => s.id)).toContain('zoek');
      const bad = stops.filter((s) => !s.focusVisible || s.outlineStyle === 'none' || s.outlineWidth < 2 || contrast(s.outlineColor, s.background) < 3);
      expect(bad.map((s) => `${s.tag}#${s.id} "${s.text}": ${s.outlineStyle} ${s.outlineWidth}px ${s.outlineColor} op ${s.background} (${contrast(s.outlineColor, s.background).toFixed(2)}:1)`)).toEqual([]);
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
