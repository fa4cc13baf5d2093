/**
 * `customer-tiers sql ...` prints a query that, run on a table holding the file, gives what the
 * file command writes; its flags are the file command's (one parser for both).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { run } from '../../src/cli/run';

let dir = '';
let conn: DuckDBConnection;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sql-command-'));
  conn = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => {
  conn.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** Each customer's region: names in several spellings of one group, a blank one, and a region of 2 customers (too few for RFM). */
const REGIONS = ['North', 'north', 'South', '', '  SOUTH ', '东区', 'East', 'East', 'North', '东区'];
const regionOf = (customer: number) => (customer >= 95 ? 'Tiny' : REGIONS[customer % REGIONS.length]);

/** An orders file with ties, refunds and zero amounts (and a region per customer), and the same rows as a DuckDB table. */
async function ordersFile(): Promise<string> {
  const lines = ['Customer,Order date,Amount,Region'];
  for (let i = 0; i < 400; i++) {
    const amount = i % 17 === 0 ? -5 : i % 23 === 0 ? 0 : ((i * 7919) % 90) + 10;
    const customer = (i * 31) % 97;
    lines.push(
      `k${customer},${new Date(Date.UTC(2024, 0, 1 + ((i * 13) % 500))).toISOString().slice(0, 10)},${amount},${regionOf(customer)}`,
    );
  }
  const file = path.join(dir, 'orders.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  await conn.run(`CREATE OR REPLACE TABLE shop_orders AS SELECT * FROM read_csv('${file}', all_varchar = true)`);
  return file;
}

test.each([
  ['rfm', ['--id-column', 'Customer', '--date-column', 'Order date', '--amount-column', 'Amount', '--as-of', '2025-06-30'], 'segment'],
  ['tier', ['--id-column', 'Customer', '--value-column', 'Amount', '--method', 'rank', '--cuts', '0.1,0.4'], 'tier'],
  ['value-groups', ['--id-column', 'Customer', '--value-column', 'Amount'], 'value_group'],
])('sql %s --dialect duckdb gives what the file command writes', async (command, options, column) => {
  const file = await ordersFile();
  const printed = await cli(['sql', command, '--dialect', 'duckdb', '--table', 'shop_orders', ...options]);
  expect(printed.code).toBe(0);
  const fromSql = (await conn.runAndReadAll(printed.out)).getRowObjects();
  const written = await cli([command, file, ...options]);
  expect(written.code).toBe(0);
  const rows: string[][] = parse(written.out);
  const labelAt = rows[0].length - (command === 'tier' ? 3 : 1);
  const expected = new Map(rows.slice(1).map((r) => [r[0], r[labelAt] === '' ? null : r[labelAt]]));
  expect(new Map(fromSql.map((r) => [String(r.customer_id), r[column]]))).toEqual(expected);
  expect(new Set(expected.values()).size).toBeGreaterThan(1);
});

test('sql prints BigQuery by default, with the table and the columns as named', async () => {
  const { code, out } = await cli([
    'sql',
    'tier',
    '--table',
    'my-project.shop.orders',
    '--value-column',
    'Net revenue',
    '--id-column',
    'client',
  ]);
  expect(code).toBe(0);
  expect(out).toMatch(/^WITH\n/);
  expect(out).toContain('FROM `my-project.shop.orders`');
  expect(out).toContain('SAFE_CAST(`Net revenue` AS FLOAT64)');
  expect(out).toContain('TRIM(CAST(`client` AS STRING))');
});

test.each([
  [['sql'], /sql needs a command/],
  [['sql', 'tier', '--value-column', 'v'], /needs --table/],
  [['sql', 'tier', '--table', 't', '--value-column', 'v', '--dialect', 'postgres'], /--dialect must be bigquery or duckdb/],
  [['sql', 'tier', '--table', 't', '--value-column', 'v', '--out', 'x.sql'], /Unknown option --out/],
  [['sql', 'tier', 'file.csv', '--table', 't', '--value-column', 'v'], /reads a table/],
  [['sql', 'tier', '--table', 't', '--value-column', 'v', '--cuts', '0.9,0.5'], /increas/i],
  [['sql', 'tier', '--table', 't', '--value-column', 'v', '--method', 'computed'], /Computed ABC/],
  [['sql', 'tier', '--table', 't', '--value-column', 'v', '--method', 'computed', '--group-column', 'r'], /Computed ABC/],
])('%j is refused (exit 2)', async (args, message) => {
  const { code, err } = await cli(args as string[]);
  expect(code).toBe(2);
  expect(err).toMatch(message);
});

const COMMANDS: [string, string[], string][] = [
  ['rfm', ['--id-column', 'Customer', '--date-column', 'Order date', '--amount-column', 'Amount', '--as-of', '2025-06-30'], 'segment'],
  ['tier', ['--id-column', 'Customer', '--value-column', 'Amount', '--method', 'rank', '--cuts', '0.1,0.4'], 'tier'],
  ['tier', ['--id-column', 'Customer', '--value-column', 'Amount'], 'tier'],
  ['value-groups', ['--id-column', 'Customer', '--value-column', 'Amount'], 'value_group'],
];

test.each(COMMANDS)(
  'sql %s %j --group-column: PARTITION BY, and the tiers the file command writes within each region',
  async (command, options, column) => {
    const file = await ordersFile();
    const grouped = [...options, '--group-column', 'Region'];
    const printed = await cli(['sql', command, '--dialect', 'duckdb', '--table', 'shop_orders', ...grouped]);
    expect(printed.code).toBe(0);
    expect(printed.out).toContain('PARTITION BY ct_group');
    const fromSql = (await conn.runAndReadAll(printed.out)).getRowObjects();
    const written = await cli([command, file, ...grouped]);
    expect(written.code).toBe(0);
    const [header, ...rows]: string[][] = parse(written.out);
    const groupAt = header.indexOf('Group');
    // The group is written beside the label.
    expect(header[groupAt - 1]).toBe(command === 'tier' ? 'Tier' : command === 'rfm' ? 'Segment' : 'Value group');
    const blank = (v: string) => (v === '' ? null : v);
    // Without a row order (a warehouse table) SQL names a group by its least spelling, the file by the first met: same group, any case.
    const expected = new Map(rows.map((r) => [r[0], [blank(r[groupAt - 1]), r[groupAt].toLowerCase()]]));
    expect(new Map(fromSql.map((r) => [String(r.customer_id), [r[column], String(r.customer_group).toLowerCase()]]))).toEqual(expected);
    // Tiers within regions differ from the tiers of the whole table, and the small region has no RFM code.
    const whole = (
      await conn.runAndReadAll((await cli(['sql', command, '--dialect', 'duckdb', '--table', 'shop_orders', ...options])).out)
    ).getRowObjects();
    const label = (r: Record<string, unknown>) => `${r.customer_id}:${r[column]}`;
    expect(new Set(whole.map(label))).not.toEqual(new Set(fromSql.map(label)));
    if (command === 'rfm') expect(fromSql.filter((r) => r.customer_group === 'Tiny').map((r) => r.rfm)).toEqual([null, null]);
  },
);

test.each(COMMANDS)('--engine duckdb %s %j --group-column writes what the in-memory engine writes', async (command, options) => {
  const args = [command, await ordersFile(), ...options, '--group-column', 'Region'];
  const inMemory = await cli(args);
  const duck = await cli([...args, '--engine', 'duckdb']);
  expect(inMemory.code).toBe(0);
  expect(inMemory.out.split(/\r?\n/)[0]).toMatch(/(Tier|Segment|Value group),Group/);
  expect({ code: duck.code, out: duck.out }).toEqual({ code: 0, out: inMemory.out });
  // The region of 2 customers is too small for RFM quintiles: both engines say so on standard error.
  if (command === 'rfm') {
    expect(inMemory.err).toMatch(/Tiny/);
    expect(duck.err).toMatch(/Note: 1 group\(s\) could not be placed:\n.*"Tiny".*2/);
  } else expect(duck.err).not.toMatch(/could not be placed/);
});
