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

/** An orders file with ties, refunds and zero amounts, and the same rows as a DuckDB table. */
async function ordersFile(): Promise<string> {
  const lines = ['Customer,Order date,Amount'];
  for (let i = 0; i < 400; i++) {
    const amount = i % 17 === 0 ? -5 : i % 23 === 0 ? 0 : ((i * 7919) % 90) + 10;
    lines.push(`k${(i * 31) % 97},${new Date(Date.UTC(2024, 0, 1 + ((i * 13) % 500))).toISOString().slice(0, 10)},${amount}`);
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
  [['sql', 'tier', '--table', 't', '--value-column', 'v', '--group-column', 'region'], /within groups have no SQL form/],
])('%j is refused (exit 2)', async (args, message) => {
  const { code, err } = await cli(args as string[]);
  expect(code).toBe(2);
  expect(err).toMatch(message);
});

test('--engine duckdb with --group-column is refused, not tiered across the groups', async () => {
  const file = await ordersFile();
  const args = ['tier', file, '--id-column', 'Customer', '--value-column', 'Amount', '--group-column', 'Order date', '--engine', 'duckdb'];
  const { code, out, err } = await cli(args);
  expect(code).toBe(2);
  expect(out).toBe('');
  expect(err).toMatch(/within groups have no SQL form/);
  // The in-memory engine tiers within the groups and writes the group beside the tier.
  const inMemory = await cli(args.slice(0, -2));
  expect(inMemory.code).toBe(0);
  expect(inMemory.out.split(/\r?\n/)[0]).toMatch(/Tier,Group/);
});
