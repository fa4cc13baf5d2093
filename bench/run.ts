/**
 * Benchmark (`npm run bench`): everything measured side by side in one run on this machine.
 *  1. Engine throughput at 10k / 100k / 1M customers, as a ratio to a plain Float64Array sort of
 *     the same values (the floor any ranking needs). Median of several repetitions.
 *  2. The formula approach a user would otherwise build (SUMIF share + IFS tier per row), evaluated
 *     by HyperFormula, against the ABC_TIER custom function called through the bundle; same tiers.
 *  3. Spreadsheet service calls per "Tier customers now" at 1k and 100k rows.
 *  4. Size of dist/Code.js and dist/Sidebar.html; time to load Code.js into a fresh vm context.
 *  5. The CLI on 1M order lines, in memory and --engine duckdb, time and peak memory; 1M rows to
 *     XLSX; --engine duckdb on 10M order lines (bench/cli.ts).
 *  6. Predicted value: CUSTOMER_CLV (roll-up, BG/NBD + Gamma-Gamma fit, predictions) through the
 *     bundle on the CDNOW master file (23,570 customers), and the fit alone in the engine.
 * Targets are printed with PASS/FAIL; the exit code stays 0 (timings are not CI assertions).
 */
import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { HyperFormula } from 'hyperformula';
import { abcTiers } from '../src/engine/abc';
import { weightedScore } from '../src/engine/score';
import { rfmScores, rfmSegments } from '../src/engine/rfm';
import { createFakeGas } from '../harness/fakeGas';
import { loadBundle, invoke, DEFAULT_CODE_PATH } from '../harness/loadBundle';
import { prng } from '../src/sample/generate';
import { cliBench } from './cli';
import { clvRollup, fitClv } from '../src/engine/clv';

const DIST = path.resolve(__dirname, '..', 'dist');
const started = performance.now();

// ---------- helpers ----------

/** Customer values like real spend: lognormal, in cents, a long tail. */
function customers(n: number, seed: number) {
  const rand = prng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const value: number[] = new Array(n);
  const recency: number[] = new Array(n);
  const frequency: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    value[i] = Math.round(Math.exp(6 + 1.3 * normal()) * 100) / 100;
    recency[i] = Math.floor(rand() * 540);
    frequency[i] = 1 + Math.floor(-Math.log(1 - rand()) * 4);
  }
  return { value, recency, frequency };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median wall time in ms of `reps` runs after one warm-up run. */
function timeIt(fn: () => unknown, reps: number): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

function table(rows: string[][]): string {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return rows.map((r) => `  ${r.map((c, j) => (j === 0 ? pad(c, widths[j]) : lpad(c, widths[j]))).join('   ')}`).join('\n');
}

const targets: { name: string; figure: string; pass: boolean }[] = [];

console.log(`Customer Tiers benchmark — Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}\n`);

// ---------- 1. engine throughput ----------

const SIZES: [string, number, number][] = [
  ['10k', 10_000, 15],
  ['100k', 100_000, 7],
  ['1M', 1_000_000, 3],
];
const ENGINE_TASKS: [string, (d: ReturnType<typeof customers>) => unknown][] = [
  ['ABC pareto', (d) => abcTiers(d.value, { method: 'pareto' })],
  ['ABC rank', (d) => abcTiers(d.value, { method: 'rank' })],
  ['ABC computed', (d) => abcTiers(d.value, { method: 'computed' })],
  [
    'weighted score (3 dims)',
    (d) =>
      weightedScore([
        { name: 'spend', values: d.value, weight: 0.5 },
        { name: 'orders', values: d.frequency, weight: 0.3 },
        { name: 'days since last order', values: d.recency, weight: 0.2, direction: 'lower' },
      ]),
  ],
  ['RFM scores + segments', (d) => rfmSegments(rfmScores({ recencyDays: d.recency, frequency: d.frequency, monetary: d.value }))],
];

console.log('1. Engine throughput: median ms (× a plain Float64Array sort of the same values)');
const engineRows: string[][] = [['', ...SIZES.map(([label]) => `${label} customers`)]];
const floorRow = ['Float64Array sort (floor)'];
const cells: string[][] = ENGINE_TASKS.map(([name]) => [name]);
let pareto1M = NaN;
for (const [label, n, reps] of SIZES) {
  const data = customers(n, 42);
  // The floor: copy the values into a typed array and sort them (every method needs at least this).
  const floor = timeIt(() => Float64Array.from(data.value).sort(), reps);
  floorRow.push(`${ms(floor)} ms`);
  ENGINE_TASKS.forEach(([, fn], i) => {
    const t = timeIt(() => fn(data), reps);
    cells[i].push(`${ms(t)} ms (${(t / floor).toFixed(1)}×)`);
    if (i === 0 && label === '1M') pareto1M = t / floor;
  });
}
engineRows.push(floorRow, ...cells);
console.log(table(engineRows));
targets.push({ name: '1M customers tiered by pareto < 3× the plain sort', figure: `${pareto1M.toFixed(2)}×`, pass: pareto1M < 3 });

// ---------- 2. formulas (HyperFormula) vs the custom function ----------

/**
 * The sheet a user builds without the add-on: B = value, C = share of value held by customers
 * worth more (SUMIF, one per row: O(n²)), D = tier by IFS on that share, pareto 80% / 95%.
 */
function formulaSheet(values: number[]): (string | number)[][] {
  const last = values.length + 1;
  const rows: (string | number)[][] = [['Customer', 'Value', 'Share above', 'Tier']];
  values.forEach((v, i) => {
    const r = i + 2;
    rows.push([
      `C${i + 1}`,
      v,
      `=SUMIF($B$2:$B$${last},">"&B${r})/SUM($B$2:$B$${last})`,
      `=IFS(B${r}<=0,"C",C${r}<0.8,"A",C${r}<0.95,"B",TRUE(),"C")`,
    ]);
  });
  return rows;
}

console.log('\n2. ABC tiers of a column: sheet formulas in HyperFormula vs the ABC_TIER custom function (bundle)');
const formulaRows: string[][] = [
  ['rows', 'HyperFormula (SUMIF+IFS)', 'ABC_TIER call', 'bundle load', 'ratio (HF / load+call)', 'same tiers'],
];
let ratio10k = NaN;
for (const [n, reps] of [
  [1_000, 3],
  [10_000, 1],
] as const) {
  const values = customers(n, 7).value;
  let hfTiers: string[] = [];
  const hfTimes: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    const hf = HyperFormula.buildFromArray(formulaSheet(values), { licenseKey: 'gpl-v3' });
    hfTiers = hf
      .getSheetValues(0)
      .slice(1)
      .map((r) => String(r[3]));
    hfTimes.push(performance.now() - t);
    hf.destroy();
  }
  const hfTime = median(hfTimes);

  const fake = createFakeGas();
  const ctx = loadBundle(fake);
  fake.authMode = 'CUSTOM_FUNCTION';
  const column = values.map((v) => [v]);
  let cfTiers: string[] = [];
  const callTime = timeIt(() => {
    cfTiers = (invoke(fake, ctx, 'ABC_TIER', column) as unknown[][]).map((r) => String(r[0]));
  }, 15);
  const loadTime = timeIt(() => loadBundle(createFakeGas()), 9);
  const mismatches = hfTiers.filter((t, i) => t !== cfTiers[i]).length;
  const ratio = hfTime / (loadTime + callTime);
  if (n === 10_000) ratio10k = ratio;
  formulaRows.push([
    n.toLocaleString('en'),
    `${ms(hfTime)} ms${reps > 1 ? '' : ' (1 run)'}`,
    `${ms(callTime)} ms`,
    `${ms(loadTime)} ms`,
    `${ratio.toFixed(0)}×`,
    mismatches === 0 ? 'yes' : `NO: ${mismatches} differ`,
  ]);
  if (mismatches) targets.push({ name: `formulas and ABC_TIER agree at ${n} rows`, figure: `${mismatches} differ`, pass: false });
}
console.log(table(formulaRows));
targets.push({
  name: 'custom function ≥ 100× faster than HyperFormula at 10k rows',
  figure: `${ratio10k.toFixed(0)}×`,
  pass: ratio10k >= 100,
});

// ---------- 3. service calls per "Tier customers now" ----------

/** Calls made by one "Tier customers now" on a customer list of n rows, settings as the sidebar saves them. */
function serviceCalls(n: number): { calls: number; ms: number } {
  const { value } = customers(n, 3);
  const rows: unknown[][] = [['Customer', 'Revenue'], ...value.map((v, i) => [`Customer ${i + 1}`, v])];
  const fake = createFakeGas({ sheets: { Customers: rows } });
  const ctx = loadBundle(fake);
  const state = invoke(fake, ctx, 'sidebarGetState') as { settings: Record<string, unknown> };
  const saved = invoke(fake, ctx, 'sidebarSaveSettings', {
    ...state.settings,
    mode: 'abc',
    abc: { method: 'pareto', cuts: [0.8, 0.95] },
  }) as { ok: boolean; errors?: string[] };
  if (!saved.ok) throw new Error(`settings rejected: ${saved.errors?.join('; ')}`);
  fake.calls.reset();
  const t = performance.now();
  invoke(fake, ctx, 'tierCustomersNow');
  const elapsed = performance.now() - t;
  // Check the run really tiered the sheet (an error alert would also make few calls).
  const sheet = fake.spreadsheet._sheetByName('Customers')!;
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
  if (!header.includes('Tier'))
    throw new Error(`tierCustomersNow did not tier the sheet: ${fake.ui.alerts.map((a) => a.prompt).join(' / ')}`);
  return { calls: fake.calls.total, ms: elapsed };
}

console.log('\n3. Spreadsheet service calls per "Tier customers now" (customer list, ABC pareto)');
const small = serviceCalls(1_000);
const large = serviceCalls(100_000);
console.log(
  table([
    ['rows', 'service calls', 'time on the fake'],
    ['1,000', String(small.calls), `${ms(small.ms)} ms`],
    ['100,000', String(large.calls), `${ms(large.ms)} ms`],
  ]),
);
targets.push({
  name: 'service calls equal at 1k and 100k rows',
  figure: `${small.calls} vs ${large.calls}`,
  pass: small.calls === large.calls,
});

// ---------- 4. bundle size and load time ----------

const codeSize = statSync(DEFAULT_CODE_PATH).size;
let sidebarSize = NaN;
try {
  sidebarSize = statSync(path.join(DIST, 'Sidebar.html')).size;
} catch {
  // The sidebar may not be built yet; reported as missing below.
}
const loads: number[] = [];
for (let i = 0; i < 20; i++) {
  const fake = createFakeGas();
  const t = performance.now();
  loadBundle(fake, DEFAULT_CODE_PATH);
  loads.push(performance.now() - t);
}
console.log('\n4. Bundle');
console.log(
  table([
    ['file', 'size', ''],
    ['dist/Code.js', kb(codeSize), `load into a fresh vm context: ${ms(median(loads))} ms (median of 20; first ${ms(loads[0])} ms)`],
    ['dist/Sidebar.html', Number.isNaN(sidebarSize) ? 'missing' : kb(sidebarSize), ''],
  ]),
);
targets.push({ name: 'Code.js < 150 KB', figure: kb(codeSize), pass: codeSize < 150 * 1024 });

// ---------- 5. the CLI at real sizes ----------

cliBench(table, targets);
// ---------- 6. predicted value on CDNOW master ----------

{
  const rows = readFileSync(path.resolve(__dirname, '../../shared/data/CDNOW_master.txt'), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.trim().split(/\s+/))
    .filter((r) => r.length >= 4);
  const col = (k: number) => rows.map((r) => [k === 1 ? r[k] : Number(r[k])]);
  const [ids, dates, amounts] = [col(0), col(1), col(3)];
  const fake = createFakeGas({ authMode: 'CUSTOM_FUNCTION' });
  const ctx = loadBundle(fake);
  let out: unknown[][] = [];
  const bundleTime = timeIt(() => {
    out = invoke(fake, ctx, 'CUSTOMER_CLV', ids, dates, amounts, 39, '1997-09-30') as unknown[][];
  }, 5);
  const aliveTime = timeIt(() => invoke(fake, ctx, 'P_ALIVE', ids, dates, '1997-09-30'), 5);
  const asOf = Math.round((Date.UTC(1997, 8, 30) - Date.UTC(1899, 11, 30)) / 86_400_000);
  const { customers: rolled } = clvRollup(
    ids.map((r) => r[0]),
    dates.map((r) => r[0]),
    amounts.map((r) => r[0]),
    { asOf },
  );
  let model = fitClv(rolled);
  const fitTime = timeIt(() => {
    model = fitClv(rolled);
  }, 5);
  const unique = 'code' in model ? NaN : model.uniqueRows;
  console.log(`\n6. Predicted value on CDNOW master (${rows.length} orders, ${out.length - 1} customers, calibration to 1997-09-30)`);
  console.log(
    table([
      ['', 'median ms', ''],
      ['CUSTOMER_CLV through the bundle', ms(bundleTime), 'roll-up + BG/NBD and Gamma-Gamma fits + 39-week predictions'],
      ['P_ALIVE through the bundle', ms(aliveTime), 'roll-up + BG/NBD fit'],
      ['fitClv in the engine', ms(fitTime), `BG/NBD on ${unique} distinct (x, t_x, T) rows + Gamma-Gamma`],
    ]),
  );
  if (!('code' in model)) {
    const { r, alpha, a, b, ll } = model.bgnbd;
    console.log(`   BG/NBD r ${r.toFixed(4)}, alpha ${alpha.toFixed(4)}, a ${a.toFixed(4)}, b ${b.toFixed(4)}, LL ${ll.toFixed(1)}`);
  }
  targets.push({ name: 'BG/NBD + Gamma-Gamma fit on CDNOW master < 1 s', figure: `${ms(fitTime)} ms`, pass: fitTime < 1000 });
  targets.push({
    name: 'CUSTOMER_CLV on CDNOW master (bundle, whole call) < 1 s',
    figure: `${ms(bundleTime)} ms`,
    pass: bundleTime < 1000,
  });
}

// ---------- targets ----------

console.log('\nTargets');
console.log(table([['', 'measured', ''], ...targets.map((t) => [t.name, t.figure, t.pass ? 'PASS' : 'FAIL'])]));
console.log(`\nBenchmark took ${((performance.now() - started) / 1000).toFixed(0)} s.`);
