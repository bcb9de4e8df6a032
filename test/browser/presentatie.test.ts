// /presentatie/: with JavaScript one step at a time (keys, buttons, ?stap=N); without it every
// step one after the other. Each step has a labelled chart and a line naming its source.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useSite } from './built-site';
import { consoleErrors } from './console';
import { launch, watch } from './harness';

const site = useSite();

async function open(query = '', context = site.browser.context) {
  const page = await context.newPage();
  const w = watch(page);
  const errors = consoleErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  const res = await page.goto(`${site.server.url}presentatie/${query}`, { waitUntil: 'load' });
  expect(res?.status()).toBe(200);
  return { page, w, errors, dialogs };
}

interface State { steps: number; visible: number[]; active: number[]; titles: string[]; label: string; stap: string | null }

/** Which steps are shown (rendered with a box), which carry .actief, and what #stapnr says. */
async function state(page: Page): Promise<State> {
  const s = await page.evaluate(() => {
    const sections = [...document.querySelectorAll<HTMLElement>('#presentatie .stap')];
    return {
      steps: Number(document.getElementById('presentatie')?.dataset.steps),
      sections: sections.map((el) => ({
        n: Number(el.dataset.stap),
        shown: getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0,
        active: el.classList.contains('actief'),
        title: (el.querySelector('h1')?.textContent ?? '').trim(),
      })),
      label: (document.getElementById('stapnr')?.textContent ?? '').trim(),
    };
  });
  if (s.sections.length !== s.steps) throw new Error(`${s.sections.length} .stap sections, data-steps says ${s.steps}`);
  return {
    steps: s.steps,
    visible: s.sections.filter((x) => x.shown).map((x) => x.n),
    active: s.sections.filter((x) => x.active).map((x) => x.n),
    titles: s.sections.map((x) => x.title),
    label: s.label,
    stap: new URL(page.url()).searchParams.get('stap'),
  };
}

/** Exactly step n is shown and named in #stapnr. */
function expectStep(s: State, n: number): void {
  expect(s.visible).toEqual([n]);
  expect(s.active).toEqual([n]);
  expect(s.label).toBe(`Stap ${n} van ${s.steps}: ${s.titles[n - 1]}`);
}

describe('presentatie with JavaScript', () => {
  it('shows exactly one step; keys and buttons step through it and ?stap= follows', async () => {
    const { page, w, errors, dialogs } = await open();
    try {
      const s0 = await state(page);
      expect(s0.steps).toBeGreaterThanOrEqual(3);
      expect(s0.titles.every((t) => t.length > 0)).toBe(true);
      expectStep(s0, 1);
      expect(s0.stap).toBeNull(); // opening the page does not rewrite the URL

      await page.keyboard.press('ArrowRight');
      let s = await state(page);
      expectStep(s, 2);
      expect(s.stap).toBe('2');

      await page.keyboard.press('End');
      s = await state(page);
      expectStep(s, s.steps);
      expect(s.stap).toBe(String(s.steps));
      await page.keyboard.press('ArrowRight'); // past the end: stays on the last step
      expectStep(await state(page), s.steps);

      await page.keyboard.press('ArrowLeft');
      s = await state(page);
      expectStep(s, s.steps - 1);
      expect(s.stap).toBe(String(s.steps - 1));

      await page.keyboard.press('Home');
      s = await state(page);
      expectStep(s, 1);
      expect(s.stap).toBe('1');
      await page.keyboard.press('ArrowLeft'); // before the start: stays on step 1
      expectStep(await state(page), 1);

      await page.click('#volgende');
      s = await state(page);
      expectStep(s, 2);
      expect(s.stap).toBe('2');
      await page.click('#vorige');
      s = await state(page);
      expectStep(s, 1);
      expect(s.stap).toBe('1');

      expect(w.external()).toEqual([]);
      expect(errors.real()).toEqual([]);
      expect(dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('?stap=3 opens step 3', async () => {
    const { page, w, errors } = await open('?stap=3');
    try {
      const s = await state(page);
      expectStep(s, 3);
      expect(s.stap).toBe('3');
      await page.keyboard.press('ArrowRight');
      const next = await state(page);
      expectStep(next, 4);
      expect(next.stap).toBe('4');
      expect(w.external()).toEqual([]);
      expect(errors.real()).toEqual([]);
    } finally {
      await page.close();
    }
  });

  for (const bad of ['99999', 'abc', '0', '-1', '2.5', '', '\u202E1']) {
    it(`?stap=${bad || '(empty)'} falls back to step 1 with a notice, without errors`, async () => {
      const { page, w, errors, dialogs } = await open(`?stap=${encodeURIComponent(bad)}`);
      try {
        expectStep(await state(page), 1);
        const notice = (await page.locator('#stap-notice').textContent()) ?? '';
        expect(notice).toMatch(/^Stap ".*" bestaat niet; deze presentatie heeft stap 1 tot en met \d+\. U ziet stap 1\.$/);
        expect(notice).not.toMatch(/[\u202a-\u202e\u0000-\u001f]/);
        expect(w.external()).toEqual([]);
        expect(errors.real()).toEqual([]);
        expect(dialogs).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});

describe('presentatie without JavaScript', () => {
  it('every step is present and visible, each with a labelled chart and a source line', async () => {
    const nojs = await launch({ javaScriptEnabled: false });
    try {
      const { page, w, errors } = await open('', nojs.context);
      const s = await state(page);
      expect(s.steps).toBeGreaterThanOrEqual(3);
      expect(s.visible).toEqual(Array.from({ length: s.steps }, (_, i) => i + 1));
      expect(s.active).toEqual([]);
      for (let n = 1; n <= s.steps; n++) {
        const step = page.locator(`#presentatie .stap[data-stap="${n}"]`);
        expect(await step.isVisible()).toBe(true);
        const chart = step.locator('figure svg[aria-label]');
        expect(await chart.count(), `step ${n}: one labelled chart`).toBe(1);
        expect(await chart.getAttribute('role')).toBe('img');
        expect(((await chart.getAttribute('aria-label')) ?? '').trim().length, `step ${n}: aria-label`).toBeGreaterThan(10);
        expect(await chart.isVisible()).toBe(true);
        const bron = step.locator('p.bron');
        expect(await bron.count()).toBe(1);
        expect(await bron.isVisible()).toBe(true);
        expect((await bron.textContent()) ?? '', `step ${n}: source line`).toMatch(/Bron|CBS|Gemeente Rotterdam/);
      }
      expect(w.external()).toEqual([]);
      expect(errors.real()).toEqual([]);
      await page.close();
    } finally {
      await nojs.close();
    }
  });
});
