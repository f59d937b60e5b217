// What the browser test and the demo-network check share: build the page with Vite into a
// folder, serve that folder on 127.0.0.1 with the page's configuration (and, for the test, a
// JSON-RPC stand-in), launch Debian's Chromium through playwright-core.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const exampleDir = dirname(fileURLToPath(import.meta.url));

/** `vite build` of both pages into `dist`. */
export function buildPage(dist) {
  execFileSync(join(exampleDir, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
    cwd: exampleDir,
    env: { ...process.env, WEB_CHECKOUT_OUT: dist },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const MIME = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.txt': 'text/plain',
};

/**
 * Serves `dist` on a free port of 127.0.0.1; resolves to `{ server, baseUrl }`. `files` (path →
 * text, read at each request, so the caller may change it) are served before `dist`: the page's
 * configuration (`/trust-root.json`, `/rpc-url.txt`). `rpc`, if given, answers JSON-RPC POSTs to
 * `/rpc` (`rpc(request)` returns the result).
 */
export async function serve(dist, { files = new Map(), rpc } = {}) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    if (req.method === 'POST' && path === '/rpc' && rpc) {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const request = JSON.parse(body);
        let answer;
        try {
          answer = { jsonrpc: '2.0', id: request.id, result: rpc(request) };
        } catch (err) {
          answer = { jsonrpc: '2.0', id: request.id, error: { code: -32000, message: err.message } };
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
      return;
    }
    if (files.has(path)) {
      res.writeHead(200, { 'content-type': MIME[extname(path)] ?? 'text/plain' }).end(files.get(path));
      return;
    }
    const file = join(dist, path.endsWith('/') ? join(path, 'index.html') : path);
    if (!file.startsWith(dist) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, baseUrl: `http://127.0.0.1:${server.address().port}` };
}

/** Chromium from `$CHROMIUM` or `/usr/bin/chromium`; the flags keep it off the network this machine does not have. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
