/**
 * The local playground (`npm run dev`): the built add-on (dist/Code.js) running on the in-memory
 * Apps Script fake, with the sheet shown as a grid, the add-on menu, and the REAL dist/Sidebar.html
 * in a 300 px iframe whose google.script.run is relayed here as POST /run/{function}.
 *
 * Node's http only, no framework. Run `npm run build` first (and again after changing the add-on:
 * the sidebar is read from disk on every load, the bundle on "Reset sample").
 */
import http from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { createFakeGas, sheetSnapshot, type FakeGas } from '../fakeGas';
import type { SheetSnapshot } from '../fakeGas/snapshot';
import { loadBundle, invoke, type BundleContext } from '../loadBundle';
import { sampleOrders } from '../../src/sample/generate';

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const PAGE = path.join(__dirname, 'page.html');
/** The grid shows this many rows; enough to see the tiers, cheap to render. */
const GRID_ROWS = 300;

export interface PlaygroundOptions {
  /** 0 picks a free port. Default: env PORT, else 5173. */
  port?: number;
  host?: string;
  /** The user's Google locale the fake reports, e.g. 'en_US' or 'zh_CN'. */
  locale?: string;
  /** Print requests and the URL. */
  verbose?: boolean;
}

export interface Playground {
  url: string;
  server: http.Server;
  /** The current fake Apps Script (replaced by "Reset sample"), for tests to inspect. */
  fake(): FakeGas;
  close(): Promise<void>;
}

interface Session {
  fake: FakeGas;
  bundle: BundleContext;
  /** Problems outside any call (onOpen failing), shown on the page like alerts. */
  errors: string[];
  /** Sidebars shown so far, to tell the page when the add-on opened (another) one. */
  sidebarsSeen: number;
  version: number;
}

function newSession(locale: string): Session {
  const fake = createFakeGas({ locale, htmlDir: DIST });
  const ss = fake.spreadsheet;
  const sheet = ss.getActiveSheet();
  sheet.setName('Orders');
  const sample = sampleOrders();
  const rows = [sample.headers, ...sample.rows];
  if (rows.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows());
  sheet.getRange(1, 1, rows.length, sample.headers.length).setValues(rows);
  sheet.getRange(1, 1, 1, sample.headers.length).setFontWeight('bold');
  sheet.setFrozenRows(1);
  const bundle = loadBundle(fake);
  const session: Session = { fake, bundle, errors: [], sidebarsSeen: 0, version: 0 };
  // Opening the document: the add-on menu is built in AuthMode.NONE (as for a user who has not used it here yet).
  fake.authMode = 'NONE';
  try {
    callBundle(session, 'onOpen', [{ authMode: 'NONE' }]);
  } catch (err) {
    session.errors.push(`onOpen failed: ${(err as Error)?.message ?? err}`);
  }
  fake.authMode = 'FULL';
  return session;
}

class ClientError extends Error {}

/** Calls a top-level function of the bundle the way google.script.run or a menu item would. */
function callBundle(session: Session, name: string, args: unknown[]): unknown {
  if (!/^[A-Za-z_$][\w$]*$/.test(name) || name.endsWith('_')) throw new ClientError(`${name} cannot be called from the client.`);
  if (typeof session.bundle[name] !== 'function') throw new ClientError(`Script function not found: ${name}`);
  return invoke(session.fake, session.bundle, name, ...args);
}

/** google.script.run refuses Dates, functions and the like: fail as loudly here. */
function illegalValue(value: unknown, at = 'result'): string | null {
  if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]')
    return `${at} is a Date; send it as an ISO string or number`;
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return `${at} is a ${typeof value}`;
  if (typeof value === 'number' && !Number.isFinite(value)) return `${at} is ${value}, which does not survive JSON`;
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const problem = illegalValue(inner, `${at}.${key}`);
      if (problem) return problem;
    }
  }
  return null;
}

interface GridCell {
  text: string;
  bg?: string;
  color?: string;
  number?: boolean;
  bold?: boolean;
}

/** 1-based bounds of an A1 range such as "D2:D300", "D2" or "D:D" (open ends are unbounded). */
export function parseA1(a1: string): { r1: number; c1: number; r2: number; c2: number } | null {
  const m = /^(?:.*!)?\$?([A-Z]*)\$?(\d*)(?::\$?([A-Z]*)\$?(\d*))?$/i.exec(a1.trim());
  if (!m) return null;
  const col = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const [, ca, ra, cb, rb] = m;
  const single = cb === undefined && rb === undefined;
  return {
    c1: ca ? col(ca) : 1,
    r1: ra ? Number(ra) : 1,
    c2: single ? (ca ? col(ca) : Infinity) : cb ? col(cb) : Infinity,
    r2: single ? (ra ? Number(ra) : Infinity) : rb ? Number(rb) : Infinity,
  };
}

type Rule = SheetSnapshot['rules'][number];

/** Whether a conditional-format rule's condition holds for a cell (the criteria the add-on can use). */
export function ruleMatches(rule: Rule, value: unknown): boolean {
  const text = value === null || value === undefined ? '' : typeof value === 'object' ? '' : String(value);
  const arg = rule.values[0];
  const a = String(arg ?? '');
  const n = typeof value === 'number' ? value : NaN;
  const x = Number(arg);
  switch (rule.criteria) {
    case 'TEXT_EQUAL_TO':
      return text.toLowerCase() === a.toLowerCase();
    case 'TEXT_CONTAINS':
      return text.toLowerCase().includes(a.toLowerCase());
    case 'TEXT_DOES_NOT_CONTAIN':
      return !text.toLowerCase().includes(a.toLowerCase());
    case 'TEXT_STARTS_WITH':
      return text.toLowerCase().startsWith(a.toLowerCase());
    case 'TEXT_ENDS_WITH':
      return text.toLowerCase().endsWith(a.toLowerCase());
    case 'CELL_EMPTY':
      return text === '';
    case 'CELL_NOT_EMPTY':
      return text !== '';
    case 'NUMBER_EQUAL_TO':
      return n === x;
    case 'NUMBER_NOT_EQUAL_TO':
      return !Number.isNaN(n) && n !== x;
    case 'NUMBER_GREATER_THAN':
      return n > x;
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return n >= x;
    case 'NUMBER_LESS_THAN':
      return n < x;
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return n <= x;
    case 'NUMBER_BETWEEN':
      return n >= Math.min(x, Number(rule.values[1])) && n <= Math.max(x, Number(rule.values[1]));
    default:
      return false;
  }
}

/** The first rows of a sheet as the user sees them: display text, fills, and conditional formatting applied. */
function sheetView(session: Session, sheetName: string | null) {
  const ss = session.fake.spreadsheet;
  const sheet = (sheetName && ss.getSheetByName(sheetName)) || ss.getActiveSheet();
  const snap = sheetSnapshot(sheet);
  const rows = snap.values.length;
  const columns = rows ? snap.values[0].length : 0;
  const shownRows = Math.min(rows, GRID_ROWS);
  const text = shownRows && columns ? sheet.getRange(1, 1, shownRows, columns).getDisplayValues() : [];
  const rules = snap.rules.map((rule) => ({ rule, areas: rule.ranges.map(parseA1).filter((x) => x !== null) }));
  const cells: GridCell[][] = text.map((row, r) =>
    row.map((t, c) => {
      const cell: GridCell = { text: t };
      const value = snap.values[r][c];
      const bg = snap.backgrounds[r][c];
      if (bg && bg !== '#ffffff') cell.bg = bg;
      if (snap.fontColors[r][c] && snap.fontColors[r][c] !== '#000000') cell.color = snap.fontColors[r][c];
      if (typeof value === 'number') cell.number = true;
      if (snap.fontWeights[r][c] === 'bold') cell.bold = true;
      // Sheets applies the first matching rule covering the cell.
      const hit = rules.find(
        ({ rule, areas }) =>
          areas.some((a) => r + 1 >= a.r1 && r + 1 <= a.r2 && c + 1 >= a.c1 && c + 1 <= a.c2) && ruleMatches(rule, value),
      );
      if (hit) {
        if (hit.rule.background) cell.bg = hit.rule.background;
        if (hit.rule.fontColor) cell.color = hit.rule.fontColor;
        if (hit.rule.bold) cell.bold = true;
      }
      return cell;
    }),
  );
  return { name: sheet.getName(), rows, columns, cells };
}

function state(session: Session, sheetName: string | null) {
  const { fake } = session;
  const recorder = fake.ui;
  type Entry = (typeof recorder.menus)[number]['items'][number];
  const flatten = (items: Entry[], prefix = ''): { caption: string; functionName?: string; separator?: boolean }[] =>
    items.flatMap((item) =>
      item.type === 'item'
        ? [{ caption: prefix + item.caption, functionName: item.functionName }]
        : item.type === 'separator'
          ? [{ caption: '', separator: true }]
          : flatten(item.items, `${prefix}${item.caption} › `),
    );
  const sidebars = recorder.sidebars;
  const sidebarOpened = sidebars.length > session.sidebarsSeen;
  session.sidebarsSeen = sidebars.length;
  return {
    version: session.version,
    spreadsheetName: fake.spreadsheet.getName(),
    sheets: fake.spreadsheet.getSheets().map((s) => s.getName()),
    active: sheetView(session, sheetName).name,
    sheet: sheetView(session, sheetName),
    menus: recorder.menus.map((m) => ({ title: m.kind === 'addon' ? `Extensions › ${m.caption}` : m.caption, items: flatten(m.items) })),
    alerts: [
      ...session.errors.map((message) => ({ kind: 'error', title: 'Error', message })),
      ...recorder.alerts.map((a) => ({ kind: 'alert', title: a.title, message: a.prompt })),
      ...recorder.toasts.map((t) => ({ kind: 'toast', title: t.title, message: t.message })),
    ],
    sidebarOpened,
    sidebarTitle: sidebars.length ? sidebars[sidebars.length - 1].title : '',
  };
}

/** Injected before the sidebar's own script: google.script.run relayed to POST /run/{name}. */
const SHIM = `<script>
(function () {
  function illegal(v, at) {
    if (v instanceof Date) return at + ' is a Date';
    if (typeof v === 'function') return at + ' is a function';
    if (v && typeof v === 'object') for (var k in v) { var p = illegal(v[k], at + '.' + k); if (p) return p; }
    return '';
  }
  function runner(h) {
    return new Proxy({}, { get: function (_, name) {
      if (name === 'withSuccessHandler') return function (f) { return runner(Object.assign({}, h, { ok: f })); };
      if (name === 'withFailureHandler') return function (f) { return runner(Object.assign({}, h, { fail: f })); };
      if (name === 'withUserObject') return function (o) { return runner(Object.assign({}, h, { user: o })); };
      if (typeof name !== 'string' || name === 'then') return undefined;
      return function () {
        var args = Array.prototype.slice.call(arguments);
        var problem = illegal(args, 'argument');
        var done = problem ? Promise.resolve({ ok: false, error: 'Invalid argument: ' + problem }) :
          fetch('/run/' + encodeURIComponent(name), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ args: args }) })
            .then(function (r) { return r.json(); });
        done.catch(function (e) { return { ok: false, error: String(e && e.message || e) }; }).then(function (res) {
          if (res.ok) { if (h.ok) h.ok(res.value, h.user); }
          else if (h.fail) h.fail(new Error(res.error), h.user);
          else console.error(res.error);
          try { parent.postMessage({ type: 'playground:ran', name: name, activeSheet: res.activeSheet }, '*'); } catch (e) {}
        });
      };
    } });
  }
  window.google = { script: {
    run: runner({}),
    host: { close: function () { parent.postMessage({ type: 'playground:close' }, '*'); }, setHeight: function () {}, setWidth: function () {}, editor: { focus: function () {} } },
  } };
})();
</script>`;

function sidebarHtml(): string {
  const file = path.join(DIST, 'Sidebar.html');
  if (!existsSync(file)) throw new ClientError('dist/Sidebar.html is missing: run `npm run build` first.');
  const html = readFileSync(file, 'utf8');
  // The shim must run before the sidebar's script, which calls google.script.run at once.
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (m) => `${m}\n${SHIM}`) : SHIM + html;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > 20e6) reject(new ClientError('request too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(body);
}

const json = (res: http.ServerResponse, status: number, value: unknown) => send(res, status, 'application/json', JSON.stringify(value));

/** A typed or pasted text as Sheets would store it: numbers (with thousands commas) as numbers, the rest as text. */
export function cellFromText(text: string): string | number {
  const trimmed = text.trim();
  if (/^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[-+]?\.\d+$/.test(trimmed)) return Number(trimmed.replace(/,/g, ''));
  return trimmed;
}

/** Tab-separated rows as copied from a spreadsheet (CRLF or LF, a final line break ignored). */
export function parsePasted(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  return lines.map((line) => line.split('\t'));
}

/** Writes `rows` (typed) or `text` (pasted) from (row, column) on, growing the sheet as needed. */
function editCells(session: Session, edit: { sheet: string; row: number; column: number; rows?: string[][]; text?: string }) {
  const sheet = session.fake.spreadsheet.getSheetByName(edit.sheet);
  if (!sheet) throw new ClientError(`no sheet ${edit.sheet}`);
  const rows = edit.rows ?? parsePasted(String(edit.text ?? ''));
  const width = Math.max(...rows.map((r) => r.length));
  if (!(edit.row >= 1 && edit.column >= 1 && width >= 1)) throw new ClientError('bad edit');
  const values = rows.map((r) => Array.from({ length: width }, (_, i) => cellFromText(r[i] ?? '')));
  const lastRow = edit.row + values.length - 1;
  const lastColumn = edit.column + width - 1;
  if (lastRow > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), lastRow - sheet.getMaxRows());
  if (lastColumn > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), lastColumn - sheet.getMaxColumns());
  sheet.getRange(edit.row, edit.column, values.length, width).setValues(values);
  return { ok: true };
}

/** Starts the playground; resolves once it listens. */
export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const locale = options.locale ?? process.env.PLAYGROUND_LOCALE ?? 'en_US';
  let session = newSession(locale);

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (options.verbose) console.log(req.method, url.pathname);
    try {
      if (req.method === 'GET' && url.pathname === '/') return send(res, 200, 'text/html', readFileSync(PAGE, 'utf8'));
      if (url.pathname === '/favicon.ico') return send(res, 204, 'text/plain', '');
      if (req.method === 'GET' && url.pathname === '/sidebar') return send(res, 200, 'text/html', sidebarHtml());
      if (req.method === 'GET' && url.pathname === '/api/state') return json(res, 200, state(session, url.searchParams.get('sheet')));
      if (req.method === 'POST' && url.pathname === '/api/reset') {
        session = newSession(url.searchParams.get('locale') ?? locale);
        return json(res, 200, { ok: true });
      }
      if (req.method === 'POST' && url.pathname === '/api/edit') {
        const edit = JSON.parse(await readBody(req)) as { sheet: string; row: number; column: number; rows?: string[][]; text?: string };
        session.version++;
        return json(res, 200, editCells(session, edit));
      }
      if (req.method === 'POST' && url.pathname === '/api/new-sheet') {
        const ss = session.fake.spreadsheet;
        let n = ss.getSheets().length + 1;
        while (ss.getSheetByName(`Sheet${n}`)) n++;
        const sheet = ss.insertSheet(`Sheet${n}`);
        ss.setActiveSheet(sheet);
        session.version++;
        return json(res, 200, { ok: true, name: sheet.getName() });
      }
      const run = /^\/run\/([^/]+)$/.exec(url.pathname);
      if (req.method === 'POST' && run) {
        const name = decodeURIComponent(run[1]);
        const body = await readBody(req);
        const args = body ? ((JSON.parse(body) as { args?: unknown[] }).args ?? []) : [];
        session.version++;
        try {
          const value = callBundle(session, name, args);
          const problem = illegalValue(value);
          if (problem) return json(res, 200, { ok: false, error: `${name} returned an illegal value: ${problem}` });
          return json(res, 200, {
            ok: true,
            value: value === undefined ? null : value,
            activeSheet: session.fake.spreadsheet.getActiveSheet().getName(),
          });
        } catch (err) {
          // As in Apps Script: the failure handler gets the exception's message.
          if (options.verbose) console.error(err);
          return json(res, 200, { ok: false, error: String((err as Error)?.message ?? err) });
        }
      }
      send(res, 404, 'text/plain', 'Not found');
    } catch (err) {
      send(res, err instanceof ClientError ? 400 : 500, 'text/plain', String((err as Error)?.message ?? err));
    }
  });

  const port = options.port ?? (process.env.PORT ? Number(process.env.PORT) : 5173);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${typeof address === 'object' && address ? address.port : port}/`;
  return {
    url,
    server,
    fake: () => session.fake,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && /playground[\\/]server\.[tj]s$/.test(process.argv[1])) {
  startPlayground({ verbose: !!process.env.VERBOSE }).then(
    (p) => console.log(`Customer Tiers playground: ${p.url}`),
    (err) => {
      console.error(err.message ?? err);
      process.exit(1);
    },
  );
}
