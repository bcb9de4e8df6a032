// A bounded HTTP load run on loopback (npm run bench): a fixed number of keep-alive connections,
// each sending its next request when the previous one finished, until a fixed request count or a
// time limit is reached, whichever comes first. Node's own http client; loopback addresses only.
import http from 'node:http';
import { quantileSorted } from 'd3';

export interface LoadOptions {
  url: string;
  connections: number;
  /** Stop after this many requests in all. */
  requests: number;
  /** ... or after this many seconds. */
  seconds: number;
  headers?: Record<string, string>;
  /** Per-request time-out in ms (counted as an error). */
  timeoutMs?: number;
}

export interface LoadResult {
  requests: number;
  /** Status ≥ 400, time-outs and connection errors. */
  errors: number;
  /** Body bytes received. */
  bytes: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  statuses: Record<string, number>;
}


export function isLoopback(hostname: string): boolean {
  return /^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname === 'localhost' || hostname === '[::1]';
}

export async function loadRun(o: LoadOptions): Promise<LoadResult> {
  const url = new URL(o.url);
  if (url.protocol !== 'http:' || !isLoopback(url.hostname)) throw new Error(`Belasting alleen op loopback (http://127.0.0.1…), niet ${o.url}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let issued = 0;
  let errors = 0;
  let bytes = 0;
  const t0 = performance.now();
  const deadline = t0 + o.seconds * 1000;

  const one = () =>
    new Promise<{ status: number; n: number }>((resolve, reject) => {
      const req = http.get(url, { agent, headers: o.headers, timeout: o.timeoutMs ?? 10_000 }, (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => (n += c.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, n }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error('time-out')));
      req.on('error', reject);
    });

  const connection = async () => {
    while (issued < o.requests && performance.now() < deadline) {
      issued++;
      const s = performance.now();
      try {
        const r = await one();
        bytes += r.n;
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.status >= 400) errors++;
      } catch (e) {
        errors++;
        const key = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
        statuses[key] = (statuses[key] ?? 0) + 1;
      }
      latencies.push(performance.now() - s);
    }
  };
  await Promise.all(Array.from({ length: o.connections }, connection));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    bytes,
    seconds,
    rps: latencies.length / seconds,
    p50: quantileSorted(sorted, 0.5) ?? NaN,
    p99: quantileSorted(sorted, 0.99) ?? NaN,
    max: sorted.at(-1) ?? NaN,
    statuses,
  };
}
