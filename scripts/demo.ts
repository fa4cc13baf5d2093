/**
 * The main job (`npm start`): runs the BUNDLED add-on (dist/Code.js) on the in-memory Apps Script
 * fake the way Sheets would — open the document, "Insert sample data", save ABC (pareto)
 * settings as the sidebar does, "Tier customers now" — then prints the per-tier summary read back
 * from the summary sheet the add-on wrote, and saves every sheet to an XLSX file.
 *
 *   npx tsx scripts/demo.ts [OUT.xlsx]      (default out/customer-tiers-sample.xlsx)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createFakeGas, type FakeGas, type FakeSheet } from '../harness/fakeGas';
import { loadBundle, invoke, clickMenuItem, DEFAULT_CODE_PATH } from '../harness/loadBundle';
import { writeSpreadsheetXlsx } from './xlsx';

const ROOT = path.resolve(__dirname, '..');

/** Builds dist/ when Code.js is missing, so `npm start` works on a fresh clone. */
function ensureBuilt(): void {
  if (existsSync(DEFAULT_CODE_PATH)) return;
  console.log('dist/Code.js is missing: building it (npm run build) ...');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'build/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed: fix the build, then run npm start again.');
}

/**
 * Runs of non-blank rows of a sheet as displayed. Each run is cut at the first column that is
 * blank in all its rows, which leaves out the chart data the summary keeps further right.
 */
function blocks(sheet: FakeSheet): string[][][] {
  const lastRow = sheet.getLastRow();
  const lastCol = sheet.getLastColumn();
  if (!lastRow || !lastCol) return [];
  const shown = sheet.getRange(1, 1, lastRow, lastCol).getDisplayValues() as string[][];
  const runs: string[][][] = [];
  let current: string[][] = [];
  for (const row of [...shown, ['']]) {
    if (row[0] !== '') {
      current.push(row);
      continue;
    }
    if (current.length) {
      const firstBlank = (r: string[]) => (r.indexOf('') < 0 ? r.length : r.indexOf(''));
      const width = Math.max(...current.map(firstBlank));
      runs.push(current.map((r) => r.slice(0, width)));
    }
    current = [];
  }
  return runs;
}

/** A table as aligned text: text left, numbers and percentages right. */
function formatTable(rows: string[][], indent = '  '): string {
  const width = rows[0].map((_, j) => Math.max(...rows.map((r) => displayWidth(r[j] ?? ''))));
  const numeric = (s: string) => /^-?[\d,.]+%?$/.test(s);
  return rows
    .map(
      (r) =>
        indent +
        r
          .map((cell, j) => {
            const pad = ' '.repeat(width[j] - displayWidth(cell));
            return numeric(cell) ? pad + cell : cell + pad;
          })
          .join('  ')
          .trimEnd(),
    )
    .join('\n');
}

/** Terminal columns taken by text: CJK characters are two wide. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function lastAlert(fake: FakeGas): string {
  const alert = fake.ui.alerts[fake.ui.alerts.length - 1];
  return alert ? alert.prompt : '(no message)';
}

export async function runDemo(outFile: string): Promise<void> {
  ensureBuilt();
  // The spreadsheet's time zone is this machine's, as a user's document would be theirs.
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'Etc/UTC';
  const fake = createFakeGas({ timeZone, spreadsheetName: 'Customer Tiers demo' });
  const ctx = loadBundle(fake);
  console.log('Customer Tiers demo: the add-on as Google Sheets runs it, on a spreadsheet in memory, with the built-in sample orders\n');

  // Opening the document: onOpen runs in AuthMode.NONE until the add-on is used in it.
  fake.authMode = 'NONE';
  invoke(fake, ctx, 'onOpen', { authMode: 'NONE' });
  fake.authMode = 'FULL';

  clickMenuItem(fake, ctx, 'Insert sample data');
  console.log(`1. Insert sample data\n   ${lastAlert(fake)}`);

  // What the sidebar does: load the state, choose ABC by the pareto rule, save.
  const state = invoke(fake, ctx, 'sidebarGetState') as { settings: { source: Record<string, string> } & Record<string, unknown> };
  const settings = { ...state.settings, mode: 'abc', abc: { method: 'pareto', cuts: [0.8, 0.95] } };
  const saved = invoke(fake, ctx, 'sidebarSaveSettings', settings) as { ok: boolean; errors?: string[] };
  if (!saved.ok) throw new Error(`The add-on rejected the settings: ${saved.errors?.join('; ')}`);
  const source = settings.source;
  console.log(
    `2. Settings saved: ABC tiers by the pareto rule (A = first 80% of value, B = up to 95%)\n   sheet "${source.sheetName}", customer "${source.idColumn}", amount "${source.valueColumn}"`,
  );

  const sheetsBefore = new Set(fake.spreadsheet._sheets.map((s) => s._name));
  clickMenuItem(fake, ctx, 'Tier customers now');
  console.log(`3. Tier customers now\n   ${lastAlert(fake).replace(/\n+/g, '\n   ')}`);

  // The new summary sheet (the run also writes the customer list, and keeps a hidden record).
  const summary = fake.spreadsheet._sheets.find((s) => !sheetsBefore.has(s._name) && /summary|汇总/i.test(s._name));
  if (!summary) throw new Error('The add-on wrote no summary sheet.');
  const [info, ...rest] = blocks(summary);
  console.log(`\nFrom the "${summary._name}" sheet:`);
  // The title, then the note that the sheet is rewritten on each run, then the run's facts.
  if (info) console.log(`  ${info[1][0]}\n\n${formatTable(info.slice(2))}`);
  // The other sections (cuts, tiers, moves, playbook, skipped rows): a table as it is, a titled
  // section under its title; long text cut to fit a terminal.
  const MAX_ROWS = 10;
  const cut = (cell: string) => (cell.length > 120 ? `${cell.slice(0, 119)}…` : cell);
  for (const block of rest) {
    if (block[0].length > 1) {
      console.log(`\n${formatTable(block)}`);
      continue;
    }
    console.log(`\n  ${block[0][0]}`);
    const body = block.slice(1).map((r) => r.map(cut));
    if (body.length) console.log(formatTable(body.slice(0, MAX_ROWS), '    '));
    if (body.length > MAX_ROWS) console.log(`    … ${body.length - MAX_ROWS} more rows`);
  }

  mkdirSync(path.dirname(outFile), { recursive: true });
  await writeSpreadsheetXlsx(fake.spreadsheet, outFile);
  const names = fake.spreadsheet._sheets
    .filter((s) => !s.isSheetHidden() && s.getLastRow() > 0)
    .map((s) => `"${s._name}"`)
    .join(', ');
  const file = path.relative(process.cwd(), outFile) || outFile;
  console.log(`\nWrote ${file}: the sheets ${names}, as a manager would open them (Excel, LibreOffice or Google Sheets).`);
  console.log('Next: `npm run dev` to try the sidebar in a browser, `npx customer-tiers --help` to tier your own CSV or XLSX file,');
  console.log('and the README\'s "Deploying to Google Sheets" to use it in your spreadsheet.');
}

if (require.main === module) {
  const out = path.resolve(process.argv[2] ?? path.join(ROOT, 'out/customer-tiers-sample.xlsx'));
  runDemo(out).catch((err) => {
    console.error(`demo failed: ${err instanceof Error ? err.message : err}`);
    process.exitCode = 1;
  });
}
