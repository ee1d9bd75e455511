// A static file server for the built demo, on the loopback interface only.

import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

export const HOST = '127.0.0.1';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.pack': 'application/octet-stream',
};

/**
 * Serves the files under `rootDir` on 127.0.0.1:`port` (0 picks a free port). Resolves to the
 * page URL and a close function once the server listens, and rejects when the port is taken.
 */
export function serveDemo({ rootDir, port, log = () => {} }) {
  const base = resolve(rootDir);
  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end('only GET and HEAD are supported\n');
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', `http://${HOST}`).pathname);
    } catch {
      response.writeHead(400).end('invalid URL encoding\n');
      return;
    }
    const file = resolve(join(base, pathname.endsWith('/') ? `${pathname}index.html` : pathname));
    if (!file.startsWith(base + sep)) {
      response.writeHead(403).end('outside the demo folder\n');
      return;
    }
    let size;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) throw new Error('not a file');
      size = stat.size;
    } catch {
      log(`404 ${pathname}`);
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${pathname} not found\n`);
      return;
    }
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': size,
      'Cache-Control': 'no-store',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', (error) => {
      const busy = error.code === 'EADDRINUSE';
      reject(busy ? new Error(`port ${port} on ${HOST} is in use; pass --port N with another port, or --port 0 for a free one`) : error);
    });
    server.listen(port, HOST, () => {
      const address = server.address();
      resolvePromise({
        url: `http://${HOST}:${address.port}/`,
        close: () => new Promise((done) => server.close(() => done())),
        server,
      });
    });
  });
}
