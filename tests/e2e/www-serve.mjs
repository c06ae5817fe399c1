// A tiny static file server for the demo page tests: 127.0.0.1, a free port, only files below `root`.
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ts': 'text/plain; charset=utf-8',
};

/** Serves `root` (plus optional fixed `pages`: path → HTML); resolves to {origin, close(), requests}. */
export function serve(root, pages = {}) {
  const base = path.resolve(root);
  const requests = [];
  const server = http.createServer(async (req, res) => {
    requests.push(req.url);
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      if (Object.hasOwn(pages, url.pathname)) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(pages[url.pathname]);
        return;
      }
      let file = path.resolve(base, `.${decodeURIComponent(url.pathname)}`);
      if (!file.startsWith(base)) throw new Error('outside root');
      if ((await fs.stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await fs.readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ origin: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
