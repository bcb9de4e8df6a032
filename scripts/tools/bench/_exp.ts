// temp experiment harness (not committed)
import { launch, serveDist } from '../browser';
import { pageVitals } from './vitals';
import { tracePage } from './trace';
const PROBE = `(() => { const w = window; w.__firstChart = null; let found = false;
  const check = () => { if (found) return true; const el = document.querySelector('[data-first-chart]'); if (!el) return false;
    const r = el.getBoundingClientRect(); if (r.width <= 0 || r.height <= 0) return false; found = true;
    requestAnimationFrame(() => { w.__firstChart = performance.now(); }); return true; };
  const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
  mo.observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener('DOMContentLoaded', () => { if (check()) mo.disconnect(); }); })();`;
const dirs = process.argv.slice(2, -1); const pathArg = process.argv.at(-1)!;
const res: Record<string, { fc: number[]; lcp: number[]; tbt: number[]; dcl: number[]; tr: number[] }> = {};
for (let i = 0; i < 5; i++) for (const d of dirs) {
  const site = await serveDist(d); const b = await launch();
  try {
    const warm = await b.context.newPage(); await warm.goto(site.url + 'bench/baseline/'); await warm.close();
    const p = await b.context.newPage(); await p.addInitScript({ content: PROBE });
    const cdp = await b.context.newCDPSession(p); await cdp.send('Network.enable'); await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await p.goto(site.url + pathArg.slice(1), { waitUntil: 'load' });
    await p.waitForFunction(() => (window as any).__firstChart !== null);
    const fc = await p.evaluate(() => (window as any).__firstChart);
    const dcl = await p.evaluate(() => (performance.getEntriesByType('navigation')[0] as any).domContentLoadedEventEnd);
    await p.close();
    const v = await pageVitals(b.context, site.url + pathArg.slice(1));
    const t = await tracePage(b.context, site.url + pathArg.slice(1));
    const r = (res[d] ??= { fc: [], lcp: [], tbt: [], dcl: [], tr: [] });
    r.fc.push(fc); r.lcp.push(v.lcp); r.tbt.push(v.tbt); r.dcl.push(dcl); r.tr.push(t.total);
    if (i === 4) console.log(d, JSON.stringify(t.ms), 'forced', Math.round(t.forced));
  } finally { await b.close(); await site.close(); }
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[2]!;
for (const [d, r] of Object.entries(res)) console.log(d.padEnd(28), 'first', Math.round(med(r.fc)), 'lcp', Math.round(med(r.lcp)), 'tbt', Math.round(med(r.tbt)), 'dcl', Math.round(med(r.dcl)), 'trace', Math.round(med(r.tr)));
