// What the browser test and the demo-network check share: build the page with Vite into a
// folder, serve that folder on 127.0.0.1, launch Debian's Chromium through playwright-core.
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

const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };

/** Serves `dist` on a free port of 127.0.0.1; resolves to `{ server, baseUrl }`. */
export async function serve(dist) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
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
