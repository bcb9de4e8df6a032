// The per-area CSV download, reached from the wijk page's own link: text/csv, every observation
// of the area as in the Parquet, and a source ("Bron: …") on every data line.
import { describe, expect, it } from 'vitest';
import { useSite } from './built-site';
import { watch } from './harness';

const CODE = 'BU05991086'; // Afrikaanderwijk

const site = useSite({ db: true });

/** Semicolon CSV with "…" quoting ("" inside), CRLF or LF line ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

describe('CSV download', () => {
  it(`/download/${CODE}.csv is text/csv and matches the Parquet, with a source on every line`, async () => {
    const page = await site.browser.context.newPage();
    const w = watch(page);
    try {
      await page.goto(`${site.server.url}wijk/${CODE}/`, { waitUntil: 'load' });
      const href = await page.locator(`a[download][href$="download/${CODE}.csv"]`).getAttribute('href');
      expect(href).toBeTruthy();
      const url = new URL(href!, page.url()).href;
      expect(url).toBe(`${site.server.url}download/${CODE}.csv`);

      const res = await site.browser.context.request.get(url);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toMatch(/^text\/csv/);
      const rows = parseCsv(await res.text());
      const [header, ...rest] = rows;
      expect(header).toEqual(['gebiedscode', 'gebied', 'indicator', 'omschrijving', 'eenheid', 'jaar', 'waarde', 'status', 'toelichting', 'bron', 'licentie']);
      const col = Object.fromEntries(header.map((h, i) => [h, i]));
      const data = rest.filter((r) => !r[0].startsWith('#'));
      for (const r of data) expect(r, r.join(';')).toHaveLength(header.length);

      // Every observation of the area, once.
      const count = await site.db.query<{ n: number }>(`SELECT count(*) AS n FROM observations WHERE area = '${CODE}'`);
      expect(data).toHaveLength(count[0].n);
      expect(new Set(data.map((r) => r[col.gebiedscode]))).toEqual(new Set([CODE]));
      expect(new Set(data.map((r) => r[col.gebied]))).toEqual(new Set(['Afrikaanderwijk']));

      // inwoners: year, value and status per line as in the Parquet.
      const parquet = await site.db.query<{ year: number; value: number | null; status: string }>(
        `SELECT year, value, status FROM observations WHERE area = '${CODE}' AND indicator = 'inwoners' ORDER BY year`,
      );
      const lines = data.filter((r) => r[col.indicator] === 'inwoners').sort((a, b) => Number(a[col.jaar]) - Number(b[col.jaar]));
      expect(parquet.length).toBeGreaterThan(3);
      expect(lines.map((r) => Number(r[col.jaar]))).toEqual(parquet.map((p) => p.year));
      lines.forEach((r, i) => {
        const p = parquet[i];
        expect(r[col.status]).toBe(p.status);
        if (p.value === null) expect(r[col.waarde]).toBe('');
        else expect(Math.abs(Number(r[col.waarde]) - p.value)).toBeLessThanOrEqual(1e-9);
      });
      // Checked by hand in the CBS 86165NED CSV: 8640 inwoners on 1 January 2025.
      expect(lines.find((r) => r[col.jaar] === '2025')?.[col.waarde]).toBe('8640');

      // Every data line names its source and that source's year.
      const withoutSource = data.filter((r) => !/^Bron: \S/.test(r[col.bron]) || !r[col.bron].includes(r[col.jaar]));
      expect(withoutSource.map((r) => r.join(';'))).toEqual([]);
      expect(w.external()).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
