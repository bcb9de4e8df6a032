// A small CBS OData v3 look-alike on 127.0.0.1 for the download tests (node:http only).
// Serves, per table: TableInfos, DataProperties, one endpoint per dimension and TypedDataSet, each
// as {"odata.metadata": …, "value": […]} with at most `pageSize` rows and an absolute
// "odata.nextLink" (…?$filter=…&$skip=N) when there are more — the way CBS pages at 10,000 rows.
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
}

export type FaultResponse = 'hang' | 'malformed' | 'drop' | { status: number; headers?: Record<string, string>; body?: string };

export interface Fault {
  /** Which request: matched against "<table>/<endpoint>" and the decoded query. */
  match: (endpoint: string, query: URLSearchParams) => boolean;
  respond: FaultResponse;
  /** How many matching requests get this fault (default 1). */
  times?: number;
}

export interface ServerOptions {
  pageSize?: number;
  /** false: no odata.nextLink (the client then pages with $skip). */
  nextLink?: boolean;
}

export interface OdataServer {
  baseUrl: string;
  /** Every request as "<table>/<endpoint>?<decoded query>", in order. */
  requests: string[];
  faults: Fault[];
  tables: Record<string, ServedTable>;
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

function odataError(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
  res.end(JSON.stringify({ 'odata.error': { code: '', message: { lang: 'nl-NL', value: message } } }));
}

export async function startOdataServer(tables: Record<string, ServedTable>, opts: ServerOptions = {}): Promise<OdataServer> {
  const pageSize = opts.pageSize ?? 10_000;
  const requests: string[] = [];
  const faults: Fault[] = [];
  const hanging = new Set<http.ServerResponse>();
  let base = '';

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const m = /^\/ODataApi\/odata\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    const q = url.searchParams;
    const id = m ? `${decodeURIComponent(m[1]!)}/${m[2]}` : url.pathname;
    requests.push(`${id}${[...q].length ? `?${[...q].map(([k, v]) => `${k}=${v}`).join('&')}` : ''}`);

    const fault = faults.find((f) => (f.times ?? 1) > 0 && m && f.match(id, q));
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

    if (!m) return odataError(res, 404, 'Resource not found');
    const table = tables[decodeURIComponent(m[1]!)];
    if (!table) return odataError(res, 404, `Tabel ${m[1]} niet gevonden`);
    const endpoint = m[2]!;
    let rows: Record<string, unknown>[];
    if (endpoint === 'TableInfos') rows = table.tableInfos;
    else if (endpoint === 'DataProperties') rows = table.dataProperties;
    else if (endpoint === 'TypedDataSet') rows = table.data;
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
    const skip = Number(q.get('$skip') ?? 0);
    const top = q.has('$top') ? Number(q.get('$top')) : Infinity;
    const want = rows.slice(skip, skip + Math.min(top, pageSize));
    const body: Record<string, unknown> = { 'odata.metadata': `${base}/${m[1]}/$metadata#Cbs.OData.WebAPI.${endpoint}`, value: want };
    const more = skip + want.length < rows.length && top > pageSize;
    if (more && opts.nextLink !== false) {
      const next = new URLSearchParams();
      if (filter) next.set('$filter', filter);
      next.set('$skip', String(skip + want.length));
      body['odata.nextLink'] = `${base}/${m[1]}/${endpoint}?${next.toString().replace(/\+/g, '%20')}`;
    }
    res.writeHead(200, { 'content-type': 'application/json;odata=minimalmetadata;streaming=true;charset=utf-8' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ODataApi/odata`;
  return {
    baseUrl: base,
    requests,
    faults,
    tables,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hanging) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
