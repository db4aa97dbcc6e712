// A loopback HTTP server for `whatif --open`: the built page (dist-web) and the run files, nothing else, on 127.0.0.1
// at a free port.
import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';

/** A file the page is given in its URL: served at `/runs/<name>`. */
export interface ServedRun {
  name: string;
  file: string;
  label: string;
}

export interface RunsServer {
  /** The page with every run in its URL (`?trace=runs/…&label=…`). */
  pageUrl: string;
  close(): Promise<void>;
}

/** Where `npm run build` (vite build) writes the page, next to dist/ whether this runs from src/ or dist/. */
const BUILT_PAGE = fileURLToPath(new URL('../../dist-web/', import.meta.url));

/** The page's directory: SWARMLAB_WEB_DIR, else the package's dist-web; refused when it has no index.html. */
export function webDirOf(env: Readonly<Record<string, string | undefined>>): string {
  const dir = resolve(env.SWARMLAB_WEB_DIR || BUILT_PAGE);
  if (!existsSync(join(dir, 'index.html')))
    throw new InputError(
      `swarmlab whatif --open: the page is not built (no index.html in ${dir}): run \`npm run build\` first, or set ` +
        'SWARMLAB_WEB_DIR to a built page',
    );
  return dir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Serves `webDir` and `runs` on 127.0.0.1 (a free port) until closed. */
export async function serveRuns(webDir: string, runs: readonly ServedRun[]): Promise<RunsServer> {
  const root = realpathSync(webDir);
  const byName = new Map(runs.map((run) => [run.name, run.file]));
  let port = 0;
  const server = createServer((req, res) => answer(req, res, { root, byName, port }));
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  const query = runs
    .map((run) => `trace=runs/${encodeURIComponent(run.name)}&label=${encodeURIComponent(run.label)}`)
    .join('&');
  return {
    pageUrl: `http://127.0.0.1:${port}/?${query}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

interface Served {
  root: string;
  byName: ReadonlyMap<string, string>;
  port: number;
}

function answer(req: IncomingMessage, res: ServerResponse, served: Served): void {
  // Another site's page that rebinds its name to 127.0.0.1 sends its own Host: only this address's is answered.
  const hosts = [`127.0.0.1:${served.port}`, `localhost:${served.port}`];
  if (!hosts.includes(req.headers.host ?? '')) return refuse(res, 403, 'this server only answers http://127.0.0.1');
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'only GET');
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
  } catch {
    return refuse(res, 400, 'bad path');
  }
  if (path.startsWith('/runs/')) {
    const file = served.byName.get(path.slice('/runs/'.length));
    return file === undefined ? refuse(res, 404, 'no such run') : send(req, res, file);
  }
  const file = pageFile(served.root, path === '/' ? '/index.html' : path);
  if (file === null) return refuse(res, 403, 'outside the page');
  if (!existsSync(file) || !statSync(file).isFile()) return refuse(res, 404, 'not found');
  send(req, res, file);
}

/** The file `path` names under `root`, or null when it (or the link it is) leads outside. */
function pageFile(root: string, path: string): string | null {
  if (path.includes('\0')) return null;
  const file = resolve(root, `.${path}`);
  const inside = (p: string) => {
    const rel = relative(root, p);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  };
  if (!inside(file)) return null;
  return !existsSync(file) || inside(realpathSync(file)) ? file : null;
}

function send(req: IncomingMessage, res: ServerResponse, file: string): void {
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': statSync(file).size,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') res.end();
  else
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
}

function refuse(res: ServerResponse, status: number, why: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${why}\n`);
}
