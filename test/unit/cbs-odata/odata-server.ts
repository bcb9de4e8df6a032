// A small look-alike of CBS's three OData v3 services on 127.0.0.1 (node:http only), each behaving
// the way the real one does (CBS "StatLine als open data"; the test data of CBSOData3.jl; the
// cbsodata and cbsodataR issue threads):
// - /ODataCatalog/Tables   the catalogue: one entry per served table (Identifier, Catalog, Modified,
//                          ApiUrl, FeedUrl, …); honours $select.
// - /ODataFeed/odata/<t>/<endpoint>   pages of `pageSize` rows (10,000 like CBS) with an absolute
//                          "odata.nextLink" that carries $format, $filter and $skip, spelled like
//                          CBS spells it (…?$format=json&$filter=%28…%29&$skip=10000).
// - /ODataApi/odata/<t>/<endpoint>    never pages; above `apiLimit` records it answers HTTP 500
//                          "query returns more than 10000 records", as the real capped API does.
// Both table services answer Atom XML without $format=json, and HTTP 400 when a query option is
// given twice (what a client that re-adds options to a nextLink sends). Per table: TableInfos,
// DataProperties, one endpoint per dimension, TypedDataSet and UntypedDataSet (numbers as padded
// text, null as "       ." unless the table gives its own untyped rows).
// $filter understands what scripts/download-cbs.ts sends: `X eq 'v'`, `substringof('v',X)`,
// `startswith(X,'v')`, and/or, parentheses. Faults can be queued per request (status codes with
// headers, a request that never answers, a body that is not JSON).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedTable {
  tableInfos: Record<string, unknown>[];
  dataProperties: Record<string, unknown>[];
  dimensions: Record<string, Record<string, unknown>[]>;
  data: Record<string, unknown>[];
  /** UntypedDataSet rows; default: derived from `data`. */
  untyped?: Record<string, unknown>[];
  /** The catalogue it is listed in (CBS, RIVM, Politie…); default CBS. */
  catalog?: string;
}

export type FaultResponse = 'hang' | 'malformed' | 'drop' | { status: number; headers?: Record<string, string>; body?: string };

export interface Fault {
  /** Which request: matched against "<table>/<endpoint>" (or "ODataCatalog/Tables") and the decoded query. */
  match: (endpoint: string, query: URLSearchParams) => boolean;
  respond: FaultResponse;
  /** How many matching requests get this fault (default 1). */
  times?: number;
}

export interface ServerOptions {
  /** Rows per Feed page; default 10,000 like CBS. */
  pageSize?: number;
  /** The ODataApi's cap (records per response); default 10,000 like CBS. */
  apiLimit?: number;
  /** false: the Feed sends no odata.nextLink (the client then pages with $skip). */
  nextLink?: boolean;
  /** true: the Feed ignores $skip (a broken server: every page is the first). */
  ignoreSkip?: boolean;
}

export interface OdataServer {
  /** The service root, like https://opendata.cbs.nl. */
  baseUrl: string;
  /** Every request as "<path>?<decoded query>", in order. */
  requests: string[];
  /** Every request's raw path and query (req.url), exactly as the client sent it. */
  rawRequests: string[];
  faults: Fault[];
  tables: Record<string, ServedTable>;
  /** The catalogue's entries; starts as one entry per served table, tests may edit it. */
  catalogue: Record<string, unknown>[];
  close: () => Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// $filter
// ---------------------------------------------------------------------------------------------

type Pred = (row: Record<string, unknown>) => boolean;

function tokenize(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === ' ') { i++; continue; }
    if (c === '(' || c === ')' || c === ',') { out.push(c); i++; continue; }
    if (c === "'") {
      let j = i + 1;
      let v = '';
      for (;;) {
        if (j >= s.length) throw new Error(`open string in $filter: ${s}`);
        if (s[j] === "'" && s[j + 1] === "'") { v += "'"; j += 2; continue; }
        if (s[j] === "'") break;
        v += s[j++];
      }
      out.push(`'${v}`);
      i = j + 1;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i));
    if (!m) throw new Error(`bad $filter at ${i}: ${s}`);
    out.push(m[0]);
    i += m[0].length;
  }
  return out;
}

export function parseFilter(s: string): Pred {
  const t = tokenize(s);
  let p = 0;
  const take = (want?: string) => {
    const tok = t[p++];
    if (tok === undefined || (want !== undefined && tok !== want)) throw new Error(`$filter: expected ${want ?? 'token'}, got ${tok} in ${s}`);
    return tok;
  };
  const lit = () => {
    const tok = take();
    if (!tok.startsWith("'")) throw new Error(`$filter: expected string, got ${tok}`);
    return tok.slice(1);
  };
  const expr = (): Pred => {
    const terms = [term()];
    while (t[p] === 'or') { p++; terms.push(term()); }
    return (r) => terms.some((f) => f(r));
  };
  const term = (): Pred => {
    const fs = [factor()];
    while (t[p] === 'and') { p++; fs.push(factor()); }
    return (r) => fs.every((f) => f(r));
  };
  const factor = (): Pred => {
    if (t[p] === '(') { p++; const e = expr(); take(')'); return e; }
    const id = take();
    if (id === 'substringof') {
      take('('); const v = lit(); take(','); const col = take(); take(')');
      return (r) => String(r[col] ?? '').includes(v);
    }
    if (id === 'startswith') {
      take('('); const col = take(); take(','); const v = lit(); take(')');
      return (r) => String(r[col] ?? '').startsWith(v);
    }
    take('eq');
    const v = lit();
    return (r) => r[id] === v;
  };
  const e = expr();
  if (p !== t.length) throw new Error(`$filter: trailing ${t.slice(p).join(' ')}`);
  return e;
}

// ---------------------------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------------------------

/** Percent-encoding as CBS writes it in a nextLink: also ( ) ' escaped, spaces as %20. */
export function cbsEncode(v: string): string {
  return encodeURIComponent(v).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** UntypedDataSet rows from typed ones: numbers as right-aligned text, null as "       .". */
export function untypedFrom(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [k, k === 'ID' ? v : v === null ? '       .' : typeof v === 'number' ? String(v).padStart(8) : v]),
    ),
  );
}

function odataError(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
  res.end(JSON.stringify({ 'odata.error': { code: '', message: { lang: 'nl-NL', value: message } } }));
}

function atom(res: http.ServerResponse, base: string): void {
  res.writeHead(200, { 'content-type': 'application/atom+xml;type=feed;charset=utf-8' });
  res.end(`<?xml version="1.0" encoding="utf-8"?><feed xml:base="${base}" xmlns="http://www.w3.org/2005/Atom"><title type="text">…</title></feed>`);
}

function catalogueEntry(root: string, key: string, t: ServedTable, i: number): Record<string, unknown> {
  const info = t.tableInfos[0] ?? {};
  const id = typeof info.Identifier === 'string' ? info.Identifier : key;
  return {
    Updated: info.Modified ?? null, ID: i, Identifier: id, Title: info.Title ?? '', ShortTitle: info.ShortTitle ?? '', ShortDescription: '',
    Summary: '', Modified: info.Modified ?? null, MetaDataModified: info.Modified ?? null, ReasonDelivery: '', ExplanatoryText: '',
    OutputStatus: 'Regulier', Source: info.Source ?? '', Language: 'nl', Catalog: t.catalog ?? 'CBS', Frequency: '', Period: info.Period ?? '',
    SummaryAndLinks: '', ApiUrl: `${root}/ODataApi/OData/${id}`, FeedUrl: `${root}/ODataFeed/OData/${id}`, DefaultPresentation: '',
    DefaultSelection: '', GraphTypes: 'Table', RecordCount: t.data.length, ColumnCount: t.dataProperties.length, SearchPriority: '2',
  };
}

export async function startOdataServer(tables: Record<string, ServedTable>, opts: ServerOptions = {}): Promise<OdataServer> {
  const pageSize = opts.pageSize ?? 10_000;
  const apiLimit = opts.apiLimit ?? 10_000;
  const requests: string[] = [];
  const rawRequests: string[] = [];
  const faults: Fault[] = [];
  const hanging = new Set<http.ServerResponse>();
  let root = '';
  const state = { catalogue: [] as Record<string, unknown>[] };

  const findTable = (id: string): [string, ServedTable] | undefined =>
    Object.entries(tables).find(([k]) => k.toLowerCase() === id.toLowerCase());

  const server = http.createServer((req, res) => {
    rawRequests.push(req.url ?? '/');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const q = url.searchParams;
    requests.push(`${decodeURIComponent(url.pathname)}${[...q].length ? `?${[...q].map(([k, v]) => `${k}=${v}`).join('&')}` : ''}`);
    const cat = /^\/ODataCatalog\/Tables\/?$/i.test(url.pathname);
    const m = /^\/(ODataFeed|ODataApi)\/odata\/([^/]+)\/([^/]+?)\/?$/i.exec(url.pathname);
    const id = cat ? 'ODataCatalog/Tables' : m ? `${decodeURIComponent(m[2]!)}/${m[3]}` : url.pathname;

    const fault = faults.find((f) => (f.times ?? 1) > 0 && (m || cat) && f.match(id, q));
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      const r = fault.respond;
      if (r === 'hang') { hanging.add(res); return; }
      if (r === 'drop') { req.socket.destroy(); return; }
      if (r === 'malformed') {
        res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
        res.end('{"odata.metadata":"x","value":[{"ID":0,');
        return;
      }
      res.writeHead(r.status, { 'content-type': 'application/json;charset=utf-8', ...(r.headers ?? {}) });
      res.end(r.body ?? JSON.stringify({ 'odata.error': { code: '', message: { lang: 'nl-NL', value: `fout ${r.status}` } } }));
      return;
    }

    // WCF Data Services refuses a query option given twice.
    const names = [...q.keys()];
    const twice = names.find((k, i) => k.startsWith('$') && names.indexOf(k) !== i);
    if (twice) return odataError(res, 400, `Query option '${twice}' was specified more than once, but it must be specified at most once.`);

    if (cat) {
      if (q.get('$format') !== 'json') return atom(res, root);
      const select = q.get('$select')?.split(',').map((s) => s.trim()).filter(Boolean);
      const value = select ? state.catalogue.map((e) => Object.fromEntries(select.map((k) => [k, e[k] ?? null]))) : state.catalogue;
      res.writeHead(200, { 'content-type': 'application/json;odata=minimalmetadata;streaming=true;charset=utf-8' });
      res.end(JSON.stringify({ 'odata.metadata': `${root}/ODataCatalog/$metadata#Tables`, value }));
      return;
    }
    if (!m) return odataError(res, 404, 'Resource not found');
    const feed = m[1]!.toLowerCase() === 'odatafeed';
    const found = findTable(decodeURIComponent(m[2]!));
    if (!found) return odataError(res, 404, `Tabel ${m[2]} niet gevonden`);
    const [key, table] = found;
    if (q.get('$format') !== 'json') return atom(res, root);
    const endpoint = m[3]!;
    let rows: Record<string, unknown>[];
    if (endpoint === 'TableInfos') rows = table.tableInfos;
    else if (endpoint === 'DataProperties') rows = table.dataProperties;
    else if (endpoint === 'TypedDataSet') rows = table.data;
    else if (endpoint === 'UntypedDataSet') rows = table.untyped ?? untypedFrom(table.data);
    else if (table.dimensions[endpoint]) rows = table.dimensions[endpoint]!;
    else return odataError(res, 404, `Resource not found for the segment '${endpoint}'.`);

    const filter = q.get('$filter');
    if (filter) {
      try {
        rows = rows.filter(parseFilter(filter));
      } catch (e) {
        return odataError(res, 400, (e as Error).message);
      }
    }
    const skip = opts.ignoreSkip ? 0 : Number(q.get('$skip') ?? 0);
    const top = q.has('$top') ? Number(q.get('$top')) : Infinity;
    const service = feed ? 'ODataFeed' : 'ODataApi';
    const body: Record<string, unknown> = { 'odata.metadata': `${root}/${service}/OData/${key}/$metadata#Cbs.OData.WebAPI.${endpoint}` };
    if (!feed) {
      const all = rows.slice(skip, skip + top);
      if (all.length > apiLimit) return odataError(res, 500, `Er is een fout opgetreden: query returns more than ${apiLimit} records`);
      body.value = all;
    } else {
      const want = rows.slice(skip, skip + Math.min(top, pageSize));
      body.value = want;
      const more = skip + want.length < rows.length && top > pageSize;
      if (more && opts.nextLink !== false) {
        const parts = ['$format=json'];
        if (filter) parts.push(`$filter=${cbsEncode(filter)}`);
        parts.push(`$skip=${skip + want.length}`);
        body['odata.nextLink'] = `${root}/ODataFeed/OData/${key}/${endpoint}?${parts.join('&')}`;
      }
    }
    res.writeHead(200, { 'content-type': 'application/json;odata=minimalmetadata;streaming=true;charset=utf-8' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.catalogue = Object.entries(tables).map(([k, t], i) => catalogueEntry(root, k, t, i));
  return {
    baseUrl: root,
    requests,
    rawRequests,
    faults,
    tables,
    get catalogue() {
      return state.catalogue;
    },
    set catalogue(v) {
      state.catalogue = v;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hanging) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
