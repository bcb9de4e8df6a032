// HTTP client for CBS's OData v3 services, Node built-ins only (fetch, AbortController, fs).
//
// CBS runs three services under one root (https://opendata.cbs.nl for StatLine, and
// https://dataderden.cbs.nl for the third-party catalogues such as RIVM and Politie):
// - <root>/ODataCatalog/Tables    the catalogue: one entry per table (Identifier, Catalog, Modified…)
// - <root>/ODataApi/odata/<tabel> for quick small requests: at most 10,000 cells per request, it
//                                 does not page, and answers HTTP 500 ("…more than 10000 records…")
//                                 above that. We never use it.
// - <root>/ODataFeed/odata/<tabel> for bulk downloads: pages of 10,000 rows, each with an absolute
//                                 "odata.nextLink" that already carries $format, $filter and $skip.
// (CBS, "StatLine als open data"; the clients cbsodata, cbsodataR and CBSOData3.jl all download
// data from the Feed.) So every table request here goes to the Feed, the first request of a
// collection carries $format=json, and a nextLink is followed exactly as given: re-adding query
// options to it duplicates them (cbsodata PR #15).
//
// - Every request has a time-out (AbortController) that also covers reading the body.
// - 429 and 5xx are retried with exponential backoff (baseDelayMs · 2^(poging-1), capped at
//   maxDelayMs); a Retry-After header (seconds or HTTP date) is honoured instead, also capped.
//   A time-out or a dropped connection is retried the same way. Other 4xx are not retried.
// - The over-limit 500 of the capped API is permanent: it fails at once with a hint.
// - No connection at all (ENOTFOUND, EAI_AGAIN, ECONNREFUSED, ENETUNREACH, EHOSTUNREACH) fails at
//   once with "Geen verbinding met CBS (<host>): …": retrying an offline machine only wastes time.
// - A body that is not JSON is an error (not retried), naming the URL and showing the start of it.
// - Without a nextLink but with a full page (pageRows rows) we continue with $skip; a page that
//   starts with the same row as the one before means the server ignores $skip: an error.
// - Resume: with a page folder, every page is written there (atomically) as soon as it arrives,
//   with the URL of the next page; a rerun reads those pages and continues after the last one.

import fs from 'node:fs';
import path from 'node:path';

/** StatLine's service root. */
export const CBS_OPENDATA_ROOT = 'https://opendata.cbs.nl';
/** Path of the bulk service under a root (the capped ODataApi is never used). */
export const FEED_PATH = '/ODataFeed/odata';
export const CATALOG_PATH = '/ODataCatalog/Tables';
/** The Feed pages at this many rows; the capped API refuses more than this many cells. */
export const CBS_MAX_ROWS = 10_000;

export interface ClientOptions {
  /** Service root, e.g. https://opendata.cbs.nl or https://dataderden.cbs.nl (no /ODataFeed). */
  baseUrl?: string;
  /** Attempts per request, including the first. Default 5. */
  maxAttempts?: number;
  /** First backoff delay; doubles per attempt. Default 1000 ms. */
  baseDelayMs?: number;
  /** Upper bound for a backoff delay and for Retry-After. Default 60 s. */
  maxDelayMs?: number;
  /** Per request (headers and body). Default 120 s: a 10,000-row page of a wide table is ~10 MB. */
  timeoutMs?: number;
  /** Rows per full page, for the $skip fallback when the server sends no nextLink. Default 10,000. */
  pageRows?: number;
  /** Safety limit on pages per collection. Default 1000 (10 million rows). */
  maxPages?: number;
  /** Injected for tests: how to wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected for tests: the fetch implementation. */
  fetch?: typeof fetch;
  /** Progress lines (retries); default silent. */
  log?: (line: string) => void;
}

/** Any failure talking to CBS; `url` and `status` when known. */
export class CbsOdataError extends Error {
  constructor(
    message: string,
    readonly url?: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'CbsOdataError';
  }
}

/** No network path to the server at all: stop the whole download, not just this table. */
export class CbsOfflineError extends CbsOdataError {
  constructor(
    message: string,
    url: string,
    readonly code: string,
  ) {
    super(message, url);
    this.name = 'CbsOfflineError';
  }
}

/** The capped ODataApi refused a request above its 10,000 limit: asking again cannot help. */
export class CbsLimitError extends CbsOdataError {
  constructor(message: string, url: string) {
    super(message, url, 500);
    this.name = 'CbsLimitError';
  }
}

const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);
/** CBS's wording: "query returns more than 10000 records" (HTTP 500 from ODataApi). */
const OVER_LIMIT = /more than \d[\d.,]* (records|cells)|meer dan \d[\d.,]* (records|rijen|cellen)/i;

/** One stored page of a collection. */
export interface StoredPage {
  url: string;
  /** URL of the next page, or null when this was the last. */
  next: string | null;
  rows: unknown[];
}

export interface CollectionResult {
  rows: unknown[];
  pages: number;
  /** Pages read from the page folder instead of fetched. */
  resumedPages: number;
  urls: string[];
}

function errorCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const s = value.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

/** The message of an OData error body ({"odata.error":{"message":{"value":…}}}), else the start of the text. */
function describeBody(text: string): string {
  try {
    const j = JSON.parse(text) as { 'odata.error'?: { message?: { value?: string } } };
    const m = j['odata.error']?.message?.value;
    if (m) return m;
  } catch {
    // not JSON: show the text itself
  }
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 200 ? `${t.slice(0, 200)}…` : t;
}

/** A URL for messages: percent-escapes decoded, so a $filter stays readable. */
export function readableUrl(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Query string with values percent-encoded and $-options kept readable (as CBS writes them). */
function queryString(query: Record<string, string | undefined>): string {
  return Object.entries(query)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
}

export class CbsOdataClient {
  readonly baseUrl: string;
  private readonly o: Required<Omit<ClientOptions, 'baseUrl'>>;

  constructor(opts: ClientOptions = {}) {
    this.baseUrl = (opts.baseUrl ?? CBS_OPENDATA_ROOT).replace(/\/+$/, '');
    if (/\/odata(api|feed)\b|\/odatacatalog\b/i.test(this.baseUrl)) {
      throw new Error(`baseUrl is de wortel van de CBS-dienst (bv. ${CBS_OPENDATA_ROOT}), zonder /ODataApi, /ODataFeed of /ODataCatalog: ${this.baseUrl}`);
    }
    this.o = {
      maxAttempts: opts.maxAttempts ?? 5,
      baseDelayMs: opts.baseDelayMs ?? 1000,
      maxDelayMs: opts.maxDelayMs ?? 60_000,
      timeoutMs: opts.timeoutMs ?? 120_000,
      pageRows: opts.pageRows ?? CBS_MAX_ROWS,
      maxPages: opts.maxPages ?? 1000,
      sleep: opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      fetch: opts.fetch ?? ((...a) => fetch(...a)),
      log: opts.log ?? (() => {}),
    };
    if (this.o.maxAttempts < 1) throw new Error('maxAttempts moet minstens 1 zijn');
  }

  /** First URL of a Feed collection: <root>/ODataFeed/odata/<table>/<endpoint>?$format=json&<query>. */
  url(table: string, endpoint: string, query: Record<string, string | undefined> = {}): string {
    const q = queryString({ $format: 'json', ...query });
    return `${this.baseUrl}${FEED_PATH}/${encodeURIComponent(table)}/${endpoint}?${q}`;
  }

  /** First URL of the catalogue: <root>/ODataCatalog/Tables?$format=json&<query>. */
  catalogUrl(query: Record<string, string | undefined> = {}): string {
    return `${this.baseUrl}${CATALOG_PATH}?${queryString({ $format: 'json', ...query })}`;
  }

  private backoff(attempt: number): number {
    return Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** (attempt - 1));
  }

  /** GET a URL (exactly as given) and parse JSON, with time-out, retries and the offline check. */
  async getJson(url: string): Promise<unknown> {
    const { maxAttempts, timeoutMs } = this.o;
    let lastProblem = '';
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const ac = new AbortController();
      const timer = setTimeout(() => ac.abort(), timeoutMs);
      let status: number | undefined;
      let retryAfter: number | undefined;
      let text: string;
      try {
        const res = await this.o.fetch(url, { headers: { accept: 'application/json' }, signal: ac.signal });
        status = res.status;
        retryAfter = parseRetryAfter(res.headers.get('retry-after'));
        text = await res.text();
      } catch (e) {
        clearTimeout(timer);
        const code = errorCode(e);
        if (code && OFFLINE_CODES.has(code)) {
          throw new CbsOfflineError(
            `Geen verbinding met CBS (${hostOf(url)}): ${code}. Controleer de internetverbinding, of wijs met --base een andere server aan. URL: ${readableUrl(url)}`,
            url,
            code,
          );
        }
        lastProblem = ac.signal.aborted
          ? `time-out: geen (volledig) antwoord binnen ${timeoutMs / 1000} s`
          : `verbinding verbroken (${code ?? (e as Error).message})`;
        if (attempt < maxAttempts) {
          const wait = this.backoff(attempt);
          this.o.log(`  ${lastProblem}; poging ${attempt + 1}/${maxAttempts} over ${wait} ms: ${readableUrl(url)}`);
          await this.o.sleep(wait);
        }
        continue;
      }
      clearTimeout(timer);

      if (status === 500 && OVER_LIMIT.test(describeBody(text))) {
        throw new CbsLimitError(
          `CBS weigert het verzoek: ${describeBody(text)} (HTTP 500, blijvend; niet herhaald). De ODataApi geeft hoogstens 10.000 cellen per verzoek en pagineert niet; ` +
            `haal grote hoeveelheden via de Feed (${FEED_PATH}, pagina's met odata.nextLink) of maak het $filter smaller. URL: ${readableUrl(url)}`,
          url,
        );
      }
      if (status === 429 || status >= 500) {
        lastProblem = `HTTP ${status}${status === 429 ? ' (te veel verzoeken)' : ''}: ${describeBody(text)}`;
        if (attempt < maxAttempts) {
          const wait = retryAfter !== undefined ? Math.min(retryAfter, this.o.maxDelayMs) : this.backoff(attempt);
          this.o.log(`  ${lastProblem}; poging ${attempt + 1}/${maxAttempts} over ${wait} ms: ${readableUrl(url)}`);
          await this.o.sleep(wait);
        }
        continue;
      }
      if (status < 200 || status >= 300) {
        const what = status === 404 ? 'tabel of eindpunt bestaat niet' : 'verzoek geweigerd';
        throw new CbsOdataError(`CBS antwoordde HTTP ${status} (${what}) op ${readableUrl(url)}: ${describeBody(text)}`, url, status);
      }
      try {
        return JSON.parse(text);
      } catch (e) {
        const start = text.slice(0, 80).replace(/\s+/g, ' ');
        throw new CbsOdataError(`Ongeldige JSON van CBS op ${readableUrl(url)}: ${(e as Error).message} (antwoord begint met "${start}")`, url, status);
      }
    }
    throw new CbsOdataError(`CBS gaf geen bruikbaar antwoord na ${maxAttempts} pogingen op ${readableUrl(url)}: ${lastProblem}`, url);
  }

  /** One response of a collection: the rows and the link to the next page, if any (absolute, unchanged). */
  async getPage(url: string): Promise<{ rows: unknown[]; nextLink: string | null }> {
    const body = await this.getJson(url);
    if (Array.isArray(body)) return { rows: body, nextLink: null };
    const value = (body as { value?: unknown } | null)?.value;
    if (!body || typeof body !== 'object' || !Array.isArray(value)) {
      throw new CbsOdataError(`Onverwacht antwoord van CBS op ${readableUrl(url)}: geen "value"-lijst`, url);
    }
    const link = (body as { 'odata.nextLink'?: unknown })['odata.nextLink'];
    if (link !== undefined && link !== null && typeof link !== 'string') {
      throw new CbsOdataError(`Onverwacht antwoord van CBS op ${readableUrl(url)}: odata.nextLink is geen tekst`, url);
    }
    // CBS gives absolute links; use them character for character. Only a relative one is resolved.
    const next = !link ? null : /^https?:\/\//i.test(link) ? link : new URL(link, url).toString();
    return { rows: value, nextLink: next };
  }

  /** The URL after a page: its nextLink, else $skip onwards when the page was full, else null. */
  private nextUrl(url: string, rows: number, nextLink: string | null): string | null {
    if (nextLink) return nextLink;
    if (rows < this.o.pageRows || rows === 0) return null;
    // Only $skip changes; the rest of the URL keeps its exact spelling.
    const m = /([?&])\$skip=(\d+)/.exec(url);
    if (m) return url.replace(m[0], `${m[1]}$skip=${Number(m[2]) + rows}`);
    return `${url}${url.includes('?') ? '&' : '?'}$skip=${rows}`;
  }

  /**
   * All rows of a collection, page by page. With `pageDir`, pages are stored as
   * `<pageDir>/<name>.page-0001.json` … as they arrive, and a rerun starts after the last stored page.
   */
  async getCollection(firstUrl: string, store?: { pageDir: string; name: string }): Promise<CollectionResult> {
    const rows: unknown[] = [];
    const urls: string[] = [];
    let resumedPages = 0;
    let url: string | null = firstUrl;
    let n = 0;
    let previousFirst: string | undefined;
    if (store) {
      fs.mkdirSync(store.pageDir, { recursive: true });
      for (const page of readStoredPages(store.pageDir, store.name)) {
        if (page.url !== url) {
          throw new CbsOdataError(
            `Opgeslagen pagina ${page.file} hoort bij ${readableUrl(page.url)}, verwacht ${readableUrl(url ?? '')}; verwijder ${store.pageDir} en probeer opnieuw`,
            page.url,
          );
        }
        rows.push(...page.rows);
        urls.push(page.url);
        url = page.next;
        previousFirst = page.rows.length ? JSON.stringify(page.rows[0]) : undefined;
        n++;
        resumedPages++;
      }
    }
    while (url) {
      if (n >= this.o.maxPages) throw new CbsOdataError(`Meer dan ${this.o.maxPages} pagina's voor ${readableUrl(firstUrl)}; afgebroken`, firstUrl);
      const page = await this.getPage(url);
      const first = page.rows.length ? JSON.stringify(page.rows[0]) : undefined;
      if (first !== undefined && first === previousFirst) {
        throw new CbsOdataError(
          `CBS gaf op ${readableUrl(url)} dezelfde eerste rij als op de vorige pagina: de server negeert $skip of de nextLink; afgebroken`,
          url,
        );
      }
      const next = this.nextUrl(url, page.rows.length, page.nextLink);
      if (next !== null && (next === url || urls.includes(next))) {
        throw new CbsOdataError(`CBS verwijst terug naar een eerdere pagina (${readableUrl(next)}); afgebroken`, url);
      }
      n++;
      if (store) writeStoredPage(store.pageDir, store.name, n, { url, next, rows: page.rows });
      rows.push(...page.rows);
      urls.push(url);
      previousFirst = first;
      url = next;
    }
    return { rows, pages: n, resumedPages, urls };
  }
}

function pageFile(name: string, n: number): string {
  return `${name}.page-${String(n).padStart(4, '0')}.json`;
}

/** Write JSON so that a crash leaves either the old file or the complete new one. */
export function writeJsonAtomic(file: string, data: unknown): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(data));
  fs.renameSync(tmp, file);
}

function writeStoredPage(dir: string, name: string, n: number, page: StoredPage): void {
  writeJsonAtomic(path.join(dir, pageFile(name, n)), page);
}

/** Stored pages 1, 2, … in order; stops at the first gap. An unreadable page file is removed. */
export function readStoredPages(dir: string, name: string): (StoredPage & { file: string })[] {
  const out: (StoredPage & { file: string })[] = [];
  for (let n = 1; ; n++) {
    const file = path.join(dir, pageFile(name, n));
    if (!fs.existsSync(file)) break;
    let page: StoredPage;
    try {
      page = JSON.parse(fs.readFileSync(file, 'utf8')) as StoredPage;
      if (typeof page.url !== 'string' || !Array.isArray(page.rows) || (page.next !== null && typeof page.next !== 'string')) {
        throw new Error('onvolledige pagina');
      }
    } catch {
      // Only atomically written files get here, so this is damage from outside: refetch from here.
      for (let m = n; fs.existsSync(path.join(dir, pageFile(name, m))); m++) fs.rmSync(path.join(dir, pageFile(name, m)));
      break;
    }
    out.push({ ...page, file });
  }
  return out;
}
