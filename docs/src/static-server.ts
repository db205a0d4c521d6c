// A tiny static file server for the built site (docs/.vitepress/dist), used by the browser smoke test so it
// needs nothing but Node: `.html` pages, folder indexes, the 404 page, and the right content types.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

/** The file a URL path maps to inside `dir`, or undefined (also for paths that try to leave `dir`). */
export function resolveStatic(dir: string, urlPath: string): string | undefined {
  const path = normalize(decodeURIComponent(urlPath.split('?')[0] ?? '/'));
  if (path.includes('..')) return undefined;
  const base = join(dir, path);
  const candidates = [base, join(base, 'index.html'), `${base}.html`];
  return candidates.find((file) => existsSync(file) && statSync(file).isFile());
}

export async function serveStatic(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const file = resolveStatic(dir, req.url ?? '/');
    const notFound = join(dir, '404.html');
    const target = file ?? (existsSync(notFound) ? notFound : undefined);
    if (!target) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(file ? 200 : 404, { 'content-type': TYPES[extname(target)] ?? 'application/octet-stream' });
    createReadStream(target).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}
