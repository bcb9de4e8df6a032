// A small static server for dist/: correct MIME types (application/wasm), Range requests and
// precompressed .br/.gz files (sirv), our 404 page, on 127.0.0.1 only.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

export function createServer(dir: string): http.Server {
  const notFound = path.join(dir, '404.html');
  const assets = sirv(dir, {
    gzip: true,
    brotli: true,
    etag: true,
    setHeaders(res, pathname) {
      res.setHeader('X-Content-Type-Options', 'nosniff');
      if (pathname.startsWith('/_astro/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  return http.createServer((req, res) =>
    assets(req, res, () => {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : 'Niet gevonden');
    }),
  );
}

export function listen(dir: string, port = Number(process.env.PORT ?? 4321), host = '127.0.0.1'): Promise<{ server: http.Server; url: string }> {
  const server = createServer(dir);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address() as { port: number };
      resolve({ server, url: `http://${host}:${addr.port}/` });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { url } = await listen(path.resolve('dist'));
  console.log(`Wijkbeeld Rotterdam draait op ${url}`);
}
