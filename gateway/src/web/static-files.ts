import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * What the pages may load and call: this origin only. Nothing comes from the internet (the
 * center's network may not reach it), and a page injected with a script still cannot send data
 * elsewhere. Inline styles stay allowed: Element Plus and ECharts set element styles from script.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export const PAGE_SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * Serves the built web front (web/dist): its files, and index.html for any other page path, so
 * /overview or /track opened directly (or reloaded) shows the page the router draws. Vite names
 * assets by their content hash, so they are cached for a year; index.html is always revalidated,
 * so a new build reaches every browser at its next load.
 */
export function staticFileHandler(distDir: string) {
  const root = normalize(distDir + sep);
  const index = join(root, 'index.html');
  return (request: IncomingMessage, response: ServerResponse, pathname: string): boolean => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    if (!existsSync(index)) {
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('The web front is not built: run `npm run build:web` (npm start and npm test build it).\n');
      return true;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      decoded = '/\0'; // a malformed escape names no file: the 404 below
    }
    let file = normalize(join(root, decoded));
    // A path that climbs out of the folder, a folder, or no such file: the page, unless it names a file.
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      if (extname(pathname) || decoded.includes('\0')) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('Not found\n');
        return true;
      }
      file = index;
    }
    const immutable = file.startsWith(join(root, 'assets') + sep);
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...PAGE_SECURITY_HEADERS,
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
    return true;
  };
}
