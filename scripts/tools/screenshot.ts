// npm run screenshot -- /wijk/BU05991086/ [width …] [--top] [--selector CSS]: PNGs of built pages in
// .cache/, to look at as a person would. Without pages: the home page; without widths: 1280 and 375.
// A size as 1920x1080 sets the window height too (900 otherwise), e.g. for /presentatie/<verhaal>/?stap=3.
// --selector: only the elements matching CSS (e.g. '.card.goal[data-goal="kansrijk"], #doel-kansrijk'), one PNG each.
// --wait MS: wait after load, e.g. for charts redrawn to the screen's width in idle time (src/client/redraw.ts).
// --open: open every closed <details> first (the wijk page's trend panels).
import path from 'node:path';
import { commandLine } from '../pipeline/cli';
import { launch, serveDist } from './browser';

const { values, positionals } = commandLine({ top: { type: 'boolean', default: false }, selector: { type: 'string' }, wait: { type: 'string' }, open: { type: 'boolean', default: false } }, 'Gebruik: npm run screenshot -- [/pad/ …] [breedte …] [--top] [--selector CSS] [--wait MS] [--open]');
const pages = positionals.filter((a) => a.startsWith('/'));
const sizes = positionals.filter((a) => /^\d+(x\d+)?$/.test(a)).map((a) => a.split('x').map(Number) as [number, number?]);
const site = await serveDist(process.env.DIST);
const browser = await launch();
for (const p of pages.length ? pages : ['/']) {
  for (const [width, height] of sizes.length ? sizes : [[1280], [375]] as [number, number?][]) {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height: height ?? 900 });
    await page.goto(new URL(p.slice(1), site.url).href, { waitUntil: 'load' });
    if (values.open) await page.evaluate(() => document.querySelectorAll('details').forEach((d) => ((d as HTMLDetailsElement).open = true)));
    if (values.wait) await page.waitForTimeout(Number(values.wait));
    const file = path.resolve('.cache', `shot${p.replace(/[/?&=]/g, '_')}${width}${height ? `x${height}` : ''}.png`);
    if (values.selector) {
      const found = page.locator(values.selector);
      const n = await found.count();
      if (n === 0) console.error(`${p}: geen element voor ${values.selector}`);
      for (let i = 0; i < n; i++) {
        const part = file.replace(/\.png$/, `-${i + 1}.png`);
        await found.nth(i).screenshot({ path: part });
        console.log(part);
      }
    } else {
      await page.screenshot({ path: file, fullPage: !values.top });
      console.log(file);
    }
    await page.close();
  }
}
await browser.close();
await site.close();
