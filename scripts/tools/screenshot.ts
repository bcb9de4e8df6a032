// npm run screenshot -- /wijk/BU05991086/ [width]: PNGs of built pages, to look at as a person would.
import path from 'node:path';
import { launch, serveDist } from '../../test/browser/harness';

const pages = process.argv.slice(2).filter((a) => a.startsWith('/'));
const widths = process.argv.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
const site = await serveDist(process.env.DIST);
const browser = await launch();
for (const p of pages.length ? pages : ['/']) {
  for (const width of widths.length ? widths : [1280, 375]) {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.goto(new URL(p.slice(1), site.url).href, { waitUntil: 'load' });
    const file = path.resolve('.cache', `shot${p.replaceAll('/', '_')}${width}.png`);
    const full = !process.argv.includes('--top');
    await page.screenshot({ path: file, fullPage: full });
    console.log(file);
    await page.close();
  }
}
await browser.close();
await site.close();
