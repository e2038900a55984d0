// run-peer.mjs — one run of the chart scenario in Debian's Chromium with Lightweight Charts
// SPDX-License-Identifier: GPL-3.0-or-later
//
// node run-peer.mjs --bars FILE.csv [--min-bar-spacing X] [--conflation] [--png FILE]
//                   [--timeout SECONDS] [--chromium PATH]
// Prints one JSON line, the shape of `bourse-cli bench chart` plus "engine", "browser",
// "flags" and the fields peer-page.js explains. Serves this folder and the CSV on a
// loopback port 0 HTTP server; drives /usr/bin/chromium through playwright-core (no
// downloaded browser). Exit status 1 with a message on stderr on any failure or timeout.
import { createServer } from 'node:http';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const here = dirname (fileURLToPath (import.meta.url));

function fail (message) {
  process.stderr.write (`run-peer: ${message}\n`);
  process.exit (1);
}

let args;
try {
  args = parseArgs ({
    options: {
      bars: { type: 'string' },
      'min-bar-spacing': { type: 'string' },
      conflation: { type: 'boolean', default: false },
      png: { type: 'string' },
      timeout: { type: 'string', default: '300' },
      'js-heap-mb': { type: 'string', default: '8192' },
      chromium: { type: 'string', default: '/usr/bin/chromium' },
    },
  }).values;
} catch (e) {
  fail (e.message);
}
if (!args.bars)
  fail ('--bars FILE.csv is required');
const csvPath = resolve (args.bars);
try {
  if (!statSync (csvPath).isFile ())
    fail (`${csvPath} is not a file`);
} catch (e) {
  fail (`cannot read ${csvPath}: ${e.message}`);
}
const minBarSpacing = args['min-bar-spacing'] === undefined ? null : Number (args['min-bar-spacing']);
if (minBarSpacing !== null && !(minBarSpacing > 0))
  fail (`--min-bar-spacing must be a positive number, not “${args['min-bar-spacing']}”`);
const timeoutS = Number (args.timeout);
if (!(timeoutS > 0))
  fail (`--timeout must be a positive number of seconds`);

const lwcVersion = JSON.parse (readFileSync (join (here, 'node_modules/lightweight-charts/package.json'), 'utf8')).version;

// Everything this run can take, browser start included; the page itself has no timer.
const watchdog = setTimeout (() => fail (`timed out after ${timeoutS} s`), timeoutS * 1000);

const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.csv': 'text/csv' };
const server = createServer ((req, res) => {
  const url = new URL (req.url, 'http://localhost');
  let path;
  if (url.pathname === '/bars.csv')
    path = csvPath;
  else if (url.pathname === '/peer.html' || url.pathname === '/peer-page.js' ||
           url.pathname === '/node_modules/lightweight-charts/dist/lightweight-charts.standalone.production.js')
    path = join (here, url.pathname);
  else {
    res.writeHead (404).end ();
    return;
  }
  // Cross-origin isolation: performance.now() then has 5 µs resolution instead of 100 µs.
  res.writeHead (200, {
    'Content-Type': types[extname (path)] ?? 'application/octet-stream',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
  });
  createReadStream (path).pipe (res);
});
await new Promise ((ok) => server.listen (0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address ().port}`;

// Headless, software rendering as on this machine (no GPU). The JS heap may grow past V8's
// default (--js-heap-mb, 8 GB) so that the data, not a default limit, decides whether a
// size fits, while a too-big run still fails inside Chromium instead of swapping the
// shared machine.
const heapMb = Number (args['js-heap-mb']);
if (!(heapMb >= 256))
  fail ('--js-heap-mb must be at least 256');
const flags = ['--headless=new', '--disable-gpu', '--no-sandbox', `--js-flags=--max-old-space-size=${heapMb}`];
const browser = await chromium.launch ({ executablePath: args.chromium, headless: true, args: flags })
  .catch ((e) => fail (`cannot start ${args.chromium}: ${e.message}`));

function rssOfPid (pid) {
  try {
    const m = /VmRSS:\s+(\d+)/.exec (readFileSync (`/proc/${pid}/status`, 'utf8'));
    return m ? Number (m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

let failure = null, phase = 'start';
try {
  const context = await browser.newContext ({ viewport: { width: 1200, height: 700 }, deviceScaleFactor: 1 });
  const page = await context.newPage ();
  const pageErrors = [];
  page.on ('pageerror', (e) => pageErrors.push (e.message));
  page.on ('console', (m) => {
    if (m.text ().startsWith ('bourse-phase: '))
      phase = m.text ().slice (14);
  });
  if (args.png) {
    await page.exposeFunction ('bourseAtAllBars', async () => {
      await page.locator ('#chart').screenshot ({ path: args.png });
    });
  }
  await page.goto (`${base}/peer.html`);
  const result = await page.evaluate ((p) => window.bourseRunScenario (p),
                                      { csv: '/bars.csv', minBarSpacing, conflation: args.conflation });

  // Memory: the renderer process that ran the page, and every Chromium process together.
  const cdp = await browser.newBrowserCDPSession ();
  const { processInfo } = await cdp.send ('SystemInfo.getProcessInfo');
  const renderers = processInfo.filter ((p) => p.type === 'renderer');
  const rendererRss = renderers.reduce ((sum, p) => sum + rssOfPid (p.id), 0);
  const totalRss = processInfo.reduce ((sum, p) => sum + rssOfPid (p.id), 0);
  if (pageErrors.length > 0)
    throw new Error (`page errors: ${pageErrors.join ('; ')}`);

  const out = {
    engine: `lightweight-charts ${lwcVersion}`,
    browser: browser.version (),
    flags: { chromium: flags, minBarSpacing: minBarSpacing ?? 'default (0.5)', enableConflation: args.conflation },
    ...result,
    rss_mb: Math.round (rendererRss * 10) / 10,
    browser_rss_mb: Math.round (totalRss * 10) / 10,
  };
  process.stdout.write (JSON.stringify (out) + '\n');
} catch (e) {
  failure = `${e.message.split ('\n')[0].trim ()} (in the ${phase} phase)`;
} finally {
  clearTimeout (watchdog);
  await browser.close ().catch (() => {});
  server.close ();
}
if (failure !== null)
  fail (failure);
