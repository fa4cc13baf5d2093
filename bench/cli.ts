/**
 * The CLI at real sizes, as a user runs it: child processes on generated order files (in a temp
 * folder, removed afterwards), wall time and peak memory (`process.resourceUsage().maxRSS` of the
 * child), the in-memory engine side by side with `--engine duckdb` on the same file.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { prng } from '../src/sample/generate';

const BIN = path.resolve(__dirname, '..', 'bin/customer-tiers.js');

export interface CliFigure {
  seconds: number;
  mb: number;
  ok: boolean;
}

/** n order lines for n / 10 customers over 2½ years: lognormal amounts in cents, many repeat buyers. */
function writeOrders(file: string, n: number, seed: number): void {
  const rand = prng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const fd = openSync(file, 'w');
  const day0 = Date.UTC(2023, 0, 1);
  let piece = 'Customer,Order date,Amount\n';
  for (let i = 0; i < n; i++) {
    const customer = `C${String(Math.floor(rand() * (n / 10))).padStart(8, '0')}`;
    const date = new Date(day0 + Math.floor(rand() * 900) * 86_400_000).toISOString().slice(0, 10);
    piece += `${customer},${date},${(Math.round(Math.exp(3.5 + normal()) * 100) / 100).toFixed(2)}\n`;
    if (piece.length > 1 << 20) {
      writeSync(fd, piece);
      piece = '';
    }
  }
  writeSync(fd, piece);
  closeSync(fd);
}

/** Runs the CLI in a child process: wall time and the child's own peak resident memory. */
function runCli(dir: string, args: string[]): CliFigure {
  const hook = path.join(dir, 'maxrss.cjs');
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--require', hook, BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - t) / 1000;
  const rss = /MAXRSS (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0) process.stderr.write(r.stderr.slice(0, 2000));
  return { seconds, mb: rss ? Number(rss[1]) / 1024 : NaN, ok: r.status === 0 };
}

export function cliBench(
  table: (rows: string[][]) => string,
  targets: { name: string; figure: string; pass: boolean }[],
  sizes = { lines: 1_000_000, huge: 10_000_000 },
): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'customer-tiers-bench-'));
  try {
    writeFileSync(
      path.join(dir, 'maxrss.cjs'),
      'process.on("exit", () => process.stderr.write("MAXRSS " + process.resourceUsage().maxRSS + "\\n"));\n',
    );
    const orders = path.join(dir, 'orders.csv');
    writeOrders(orders, sizes.lines, 7);
    const m = `${sizes.lines / 1e6}M`;
    const rfm = ['rfm', orders, '--id-column', 'Customer', '--date-column', 'Order date', '--amount-column', 'Amount'];
    const tier = ['tier', orders, '--id-column', 'Customer', '--value-column', 'Amount'];
    const fig = (f: CliFigure) => (f.ok ? `${f.seconds.toFixed(1)} s, ${f.mb.toFixed(0)} MB` : 'FAILED');
    const rows: string[][] = [['', 'in memory', '--engine duckdb', 'ratio']];
    for (const [name, args] of [
      [`rfm, ${m} order lines`, rfm],
      [`tier --id-column, ${m} order lines`, tier],
    ] as const) {
      const out = ['--out', path.join(dir, 'out.csv')];
      const memory = runCli(dir, [...args, ...out]);
      const duck = runCli(dir, [...args, ...out, '--engine', 'duckdb']);
      const ratio = memory.seconds / duck.seconds;
      rows.push([name, fig(memory), fig(duck), `${ratio.toFixed(2)}×`]);
      targets.push({
        name: `${name}: in memory within 2× of duckdb`,
        figure: `${ratio.toFixed(2)}×`,
        pass: memory.ok && duck.ok && ratio <= 2,
      });
      targets.push({ name: `${name}: in memory under 600 MB`, figure: `${memory.mb.toFixed(0)} MB`, pass: memory.ok && memory.mb < 600 });
    }
    const xlsx = runCli(dir, ['tier', orders, '--value-column', 'Amount', '--out', path.join(dir, 'out.xlsx')]);
    rows.push([`tier, ${m} rows to XLSX`, fig(xlsx), '', '']);
    targets.push({ name: `${m} rows to XLSX under 1.5 GB`, figure: fig(xlsx), pass: xlsx.ok && xlsx.mb < 1536 });
    console.log(`\n5. The command-line tool on ${m} order lines (child processes; peak memory = maxRSS)`);
    console.log(table(rows));
    if (sizes.huge > 0) {
      rmSync(orders);
      const hugeFile = path.join(dir, 'orders-huge.csv');
      writeOrders(hugeFile, sizes.huge, 11);
      const huge = runCli(dir, [
        'rfm',
        hugeFile,
        '--id-column',
        'Customer',
        '--date-column',
        'Order date',
        '--amount-column',
        'Amount',
        '--engine',
        'duckdb',
        '--out',
        path.join(dir, 'out.csv'),
      ]);
      console.log(`  rfm --engine duckdb on ${sizes.huge / 1e6}M order lines: ${fig(huge)}`);
      targets.push({ name: `rfm --engine duckdb on ${sizes.huge / 1e6}M order lines (reported)`, figure: fig(huge), pass: huge.ok });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
