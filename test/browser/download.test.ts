// The CSV downloads: per area (from the wijk page's own link) and per indicator (from the indicator
// page): text/csv, UTF-8 with BOM, `;` and decimal commas for Dutch Excel, every observation as in
// the Parquet, and a source ("Bron: …") on every data line; plus the international variant.
import { describe, expect, it } from 'vitest';
import { useSite } from './built-site';
import { watch } from './harness';
import * as XLSX from 'xlsx';

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

const HEADER = ['gebiedscode', 'gebied', 'niveau', 'indicator', 'omschrijving', 'eenheid', 'jaar', 'waarde', 'waarde_onafgerond', 'status', 'toelichting', 'bron', 'tabel', 'licentie'];
/** "57,2" → 57.2 (the Dutch CSV's decimal comma). */
const nl = (s: string) => Number(s.replace(',', '.'));

describe('CSV download', () => {
  it(`/download/${CODE}.csv is Dutch-Excel CSV that matches the Parquet, with a source on every line`, async () => {
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
      expect(res.headers()['content-type']).toBe('text/csv; charset=utf-8');
      const bytes = await res.body();
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM: Excel reads é right
      const text = bytes.toString('utf8').slice(1);
      const rows = parseCsv(text);
      const [header, ...data] = rows;
      expect(header).toEqual(HEADER);
      const col = Object.fromEntries(header.map((h, i) => [h, i]));
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
        else expect(nl(r[col.waarde])).toBe(p.value);
      });
      // Checked by hand in the CBS 86165NED CSV: 8640 inwoners on 1 January 2025.
      expect(lines.find((r) => r[col.jaar] === '2025')?.[col.waarde]).toBe('8640');

      // bijstand 2024: a decimal comma, rounded to one decimal as the site shows it, unrounded beside it.
      const [bijstand] = await site.db.query<{ value: number }>(
        `SELECT value FROM observations WHERE area = '${CODE}' AND indicator = 'bijstand' AND year = 2024`,
      );
      const b = data.find((r) => r[col.indicator] === 'bijstand' && r[col.jaar] === '2024')!;
      expect(b[col.waarde]).toMatch(/^\d+,\d$/);
      expect(Math.abs(nl(b[col.waarde]) - bijstand.value)).toBeLessThanOrEqual(0.05);
      expect(Math.abs(nl(b[col.waarde_onafgerond]) - bijstand.value)).toBeLessThanOrEqual(1e-8);

      // Every data line names its source and that source's year, a licence and a status.
      const withoutSource = data.filter((r) => !/^Bron: \S/.test(r[col.bron]) || !r[col.bron].includes(r[col.jaar]) || !r[col.licentie] || !r[col.status]);
      expect(withoutSource.map((r) => r.join(';'))).toEqual([]);

      // A spreadsheet reader (SheetJS, reading the bytes as Excel would) sees the same columns.
      const wb = XLSX.read(bytes, { type: 'buffer', FS: ';' } as XLSX.ParsingOptions);
      const sheet = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: false });
      expect(sheet[0]).toEqual(HEADER);
      expect(sheet).toHaveLength(data.length + 1);
      const sb = sheet.find((r) => r[3] === 'bijstand' && r[6] === '2024')!;
      expect(sb[7]).toBe(b[col.waarde]);
      expect(w.external()).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it(`/download/${CODE}-international.csv: commas, decimal points, no BOM`, async () => {
    const res = await site.browser.context.request.get(`${site.server.url}download/${CODE}-international.csv`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('text/csv; charset=utf-8');
    const text = await res.text();
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.split('\r\n')[0]).toBe(HEADER.join(','));
    const [bijstand] = await site.db.query<{ value: number }>(
      `SELECT value FROM observations WHERE area = '${CODE}' AND indicator = 'bijstand' AND year = 2024`,
    );
    const line = text.split('\r\n').find((l) => l.startsWith(`${CODE},`) && l.includes(',bijstand,') && l.includes(',2024,'))!;
    expect(line).toContain(`,${bijstand.value.toFixed(1)},`);
  });

  it('the indicator page links a CSV of all wijken with one line per wijk and year', async () => {
    const page = await site.browser.context.newPage();
    try {
      await page.goto(`${site.server.url}indicator/bijstand/`, { waitUntil: 'load' });
      const href = await page.locator('a[download][href$="download/indicator/bijstand-wijk.csv"]').getAttribute('href');
      const res = await site.browser.context.request.get(new URL(href!, page.url()).href);
      expect(res.headers()['content-type']).toBe('text/csv; charset=utf-8');
      const [header, ...data] = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
      expect(header).toEqual(HEADER);
      const expected = await site.db.query<{ area: string; year: number; value: number | null }>(
        `SELECT o.area, o.year, o.value FROM observations o JOIN areas a ON a.code = o.area
         WHERE o.indicator = 'bijstand' AND a.level = 'wijk' ORDER BY o.area, o.year`,
      );
      expect(data.length).toBe(expected.length);
      const keys = data.map((r) => `${r[0]} ${r[6]}`);
      expect(new Set(keys).size).toBe(keys.length); // one line per wijk and year
      expect(new Set(data.map((r) => r[2]))).toEqual(new Set(['wijk']));
      const byKey = new Map(data.map((r) => [`${r[0]} ${r[6]}`, r]));
      for (const e of expected) {
        const r = byKey.get(`${e.area} ${e.year}`)!;
        expect(r, `${e.area} ${e.year}`).toBeTruthy();
        if (e.value === null) expect(r[7]).toBe('');
        else expect(Math.abs(nl(r[8]) - e.value)).toBeLessThanOrEqual(1e-8);
      }
    } finally {
      await page.close();
    }
  });
});
