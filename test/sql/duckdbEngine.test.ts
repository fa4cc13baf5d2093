/**
 * `--engine duckdb` runs the SQL of src/sql in DuckDB and must write exactly what the in-memory
 * engine writes: on real data (CDNOW), on the sample, and on random tables full of ties, zeros,
 * negatives, blanks and unreadable cells. Both engines run in this process through the CLI's run().
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { run } from '../../src/cli/run';

const ROOT = path.resolve(__dirname, '../..');
const CDNOW = path.resolve(ROOT, '../shared/data/CDNOW_master.txt');
const SAMPLE = path.join(ROOT, 'sample');

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'duckdb-engine-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** Runs both engines; they must agree on the exit code and on every byte written. */
async function sameOutput(args: string[]): Promise<{ code: number; out: string }> {
  const memory = await cli(args);
  const duck = await cli([...args, '--engine', 'duckdb']);
  expect({ code: duck.code, out: duck.out }).toEqual({ code: memory.code, out: memory.out });
  return memory;
}

describe('CDNOW (69,659 order lines, 23,570 customers)', () => {
  const orders = [CDNOW, '--id-column', 'customer_id', '--value-column', 'dollar_value'];
  test.each([['pareto'], ['rank'], ['threshold'], ['computed']])('tier --method %s per customer', async (method) => {
    const cuts = method === 'threshold' ? ['--cuts', '500,100'] : [];
    const { code, out } = await sameOutput(['tier', ...orders, '--method', method, ...cuts]);
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(23_571);
  });
  test('tier on every order line (ties everywhere: 69,659 rows, far fewer distinct amounts)', async () => {
    expect((await sameOutput(['tier', CDNOW, '--value-column', 'dollar_value', '--method', 'rank', '--cuts', '0.1,0.3,0.6'])).code).toBe(0);
  });
  test('rfm, with and without --as-of', async () => {
    const rfm = ['rfm', CDNOW, '--id-column', 'customer_id', '--date-column', 'date', '--amount-column', 'dollar_value'];
    const { out } = await sameOutput(rfm);
    // Every segment of the rule list shows up, so the comparison covers the whole CASE.
    expect(
      new Set(
        out
          .trim()
          .split('\n')
          .slice(1)
          .map((l) => l.split(',').pop()),
      ).size,
    ).toBeGreaterThan(8);
    await sameOutput([...rfm, '--as-of', '1997-12-31', '--lang', 'zh']);
  });
  test('value-groups with cost and potential', async () => {
    const { code } = await sameOutput(['value-groups', ...orders, '--cost-column', 'number_of_cds', '--potential-column', 'number_of_cds']);
    expect(code).toBe(0);
  });
});

describe('CDNOW with a region per customer (tiers within groups: PARTITION BY)', () => {
  // Six regions of customer ids, two spellings of one of them, a blank one; a customer's first line sometimes blank.
  let file = '';
  beforeAll(() => {
    const regions = ['East', 'West', ' east ', 'North', '', 'South'];
    const lines = readFileSync(CDNOW, 'utf8').trim().split('\n').slice(1);
    const rows = lines.map((line, i) => {
      const [id, date, cds, value] = line.trim().split(/\s+/);
      const region = i % 11 === 0 ? '' : regions[Number(id) % regions.length];
      return `${id},${date},${cds},${value},${region}`;
    });
    file = path.join(dir, 'cdnow-regions.csv');
    writeFileSync(file, `customer_id,date,number_of_cds,dollar_value,region\n${rows.join('\n')}\n`);
  });
  const grouped = () => [file, '--id-column', 'customer_id', '--value-column', 'dollar_value', '--group-column', 'region'];
  test.each([['pareto'], ['rank'], ['threshold'], ['computed']])('tier --method %s within regions', async (method) => {
    const cuts = method === 'threshold' ? ['--cuts', '500,100'] : [];
    const { code, out } = await sameOutput(['tier', ...grouped(), '--method', method, ...cuts]);
    expect(code).toBe(0);
    const rows = out.trim().split('\n');
    expect(rows[0]).toBe('customer_id,dollar_value,Tier,Group,Rank,Cumulative share');
    // Each region has its own rank 1 (a blank region is a group of its own); East is named as first met (customer 2's " east ").
    expect(new Set(rows.filter((r) => r.split(',')[4] === '1').map((r) => r.split(',')[3]))).toEqual(
      new Set(['east', 'West', 'North', '', 'South']),
    );
  });
  test('tier on every order line, within regions', async () => {
    const args = ['tier', file, '--value-column', 'dollar_value', '--method', 'rank', '--cuts', '0.1,0.3,0.6', '--group-column', 'region'];
    expect((await sameOutput(args)).code).toBe(0);
  });
  test('rfm and value groups within regions', async () => {
    const rfm = [
      'rfm',
      file,
      '--id-column',
      'customer_id',
      '--date-column',
      'date',
      '--amount-column',
      'dollar_value',
      '--group-column',
      'region',
    ];
    expect((await sameOutput(rfm)).code).toBe(0);
    expect((await sameOutput([...rfm, '--as-of', '1997-12-31', '--lang', 'zh'])).code).toBe(0);
    const groups = ['value-groups', ...grouped(), '--cost-column', 'number_of_cds', '--potential-column', 'number_of_cds'];
    expect((await sameOutput(groups)).code).toBe(0);
  });
});

describe('the sample', () => {
  const orders = path.join(SAMPLE, 'orders.csv');
  const customers = path.join(SAMPLE, 'customers.csv');
  const rfm = ['rfm', orders, '--id-column', 'Customer', '--date-column', 'Order date', '--amount-column', 'Amount'];
  test('the same four bad rows stop both engines', async () => {
    const memory = await cli(rfm);
    const duck = await cli([...rfm, '--engine', 'duckdb']);
    expect([memory.code, duck.code]).toEqual([1, 1]);
    for (const row of [232, 278, 693, 1844]) {
      expect(memory.err).toContain(`Row ${row}`);
      expect(duck.err).toContain(`${row}`);
    }
  });
  test.each([
    ['rfm --skip-bad-rows', [...rfm, '--skip-bad-rows']],
    ['rfm --as-of in Chinese', [...rfm, '--skip-bad-rows', '--as-of', '2025-03-31', '--lang', 'zh']],
    ['tier per order list', ['tier', orders, '--value-column', 'Amount', '--id-column', 'Customer', '--skip-bad-rows']],
    ['tier per customer', ['tier', customers, '--value-column', 'Revenue', '--method', 'rank', '--labels', 'Gold,Silver,Bronze']],
    ['value groups', ['value-groups', customers, '--value-column', 'Revenue', '--cost-column', 'Cost', '--potential-column', 'Potential']],
    ['rfm within regions', [...rfm, '--skip-bad-rows', '--group-column', 'Region']],
    [
      'tier per order list within regions',
      ['tier', orders, '--value-column', 'Amount', '--id-column', 'Customer', '--skip-bad-rows', '--group-column', 'Region'],
    ],
    [
      'computed ABC per customer within regions',
      ['tier', customers, '--value-column', 'Revenue', '--method', 'computed', '--group-column', 'Region'],
    ],
    [
      'value groups within regions',
      [
        'value-groups',
        customers,
        '--value-column',
        'Revenue',
        '--cost-column',
        'Cost',
        '--potential-column',
        'Potential',
        '--group-column',
        'Region',
      ],
    ],
  ])('%s', async (_name, args) => {
    expect((await sameOutput(args)).code).toBe(0);
  });
});

describe('random tables with ties, zeros, negatives, blanks and unreadable cells', () => {
  const amount = fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: 1, max: 6 }).map(String) }, // many ties
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 100_000 }).map((c) => (c / 100).toFixed(2)) },
    { weight: 2, arbitrary: fc.constantFrom('0', '-0', '-3', '-12.5') },
    { weight: 1, arbitrary: fc.constantFrom('', 'n/a') },
  );
  const day = fc.integer({ min: 0, max: 60 }).map((d) => new Date(Date.UTC(2024, 0, 1 + d * 7)).toISOString().slice(0, 10));
  const customerRows = fc.array(fc.tuple(amount, amount, amount), { minLength: 1, maxLength: 60 });
  const orderRows = fc.array(fc.tuple(fc.integer({ min: 1, max: 25 }), day, amount), { minLength: 1, maxLength: 150 });
  const file = (name: string, header: string, rows: string[][]) => {
    const p = path.join(dir, name);
    writeFileSync(p, `${header}\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    return p;
  };
  const RUNS = { numRuns: 25 };

  test('tier per row: pareto, rank, threshold and computed', async () => {
    await fc.assert(
      fc.asyncProperty(customerRows, fc.constantFrom('pareto', 'rank', 'threshold', 'computed'), async (rows, method) => {
        const p = file(
          'customers.csv',
          'Name,Value,Cost',
          rows.map(([a, b], i) => [`c${i}`, a, b]),
        );
        const cuts = method === 'threshold' ? ['--cuts', '500,5'] : method === 'rank' ? ['--cuts', '0.1,0.5'] : [];
        await sameOutput(['tier', p, '--value-column', 'Value', '--method', method, ...cuts, '--skip-bad-rows']);
      }),
      RUNS,
    );
  });
  test('value groups per row, with cost and potential', async () => {
    await fc.assert(
      fc.asyncProperty(customerRows, async (rows) => {
        const p = file(
          'groups.csv',
          'Name,Value,Cost,Potential',
          rows.map(([a, b, c], i) => [`c${i}`, a, b, c]),
        );
        await sameOutput([
          'value-groups',
          p,
          '--value-column',
          'Value',
          '--cost-column',
          'Cost',
          '--potential-column',
          'Potential',
          '--skip-bad-rows',
        ]);
      }),
      RUNS,
    );
  });
  test('orders lists: tier, value groups and RFM per customer', async () => {
    await fc.assert(
      fc.asyncProperty(orderRows, async (rows) => {
        const p = file(
          'orders.csv',
          'Customer,Date,Amount',
          rows.map(([c, d, a]) => [`k${c}`, d, a]),
        );
        const skip = '--skip-bad-rows';
        await sameOutput(['tier', p, '--id-column', 'Customer', '--value-column', 'Amount', skip]);
        await sameOutput(['value-groups', p, '--id-column', 'Customer', '--value-column', 'Amount', skip]);
        await sameOutput(['rfm', p, '--id-column', 'Customer', '--date-column', 'Date', '--amount-column', 'Amount', skip]);
      }),
      RUNS,
    );
  });
});

describe('random tables within random groups (ties, zeros, negatives, blanks; blank and odd group names)', () => {
  const amount = fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: 1, max: 6 }).map(String) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 100_000 }).map((c) => (c / 100).toFixed(2)) },
    { weight: 2, arbitrary: fc.constantFrom('0', '-0', '-3', '-12.5') },
    { weight: 1, arbitrary: fc.constantFrom('', 'n/a') },
  );
  const day = fc.integer({ min: 0, max: 60 }).map((d) => new Date(Date.UTC(2024, 0, 1 + d * 7)).toISOString().slice(0, 10));
  // One group in several spellings, blanks, a quoted comma, CJK, numbers as text, and groups of one.
  const groupCell = fc.constantFrom('North', 'north', ' NORTH ', 'South', '', '   ', '"a,b"', '东区', 'x1', 'x2', '0', '00');
  const customerRows = fc.array(fc.tuple(amount, amount, amount, groupCell), { minLength: 1, maxLength: 60 });
  // A customer's lines may name different groups (the first non-blank one counts), or none.
  const orderRows = fc.array(fc.tuple(fc.integer({ min: 1, max: 25 }), day, amount, groupCell), { minLength: 1, maxLength: 150 });
  const file = (name: string, header: string, rows: string[][]) => {
    const p = path.join(dir, name);
    writeFileSync(p, `${header}\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    return p;
  };
  const RUNS = { numRuns: 25 };
  const group = ['--group-column', 'Region', '--skip-bad-rows'];

  test('tier per row: pareto, rank, threshold and computed', async () => {
    await fc.assert(
      fc.asyncProperty(customerRows, fc.constantFrom('pareto', 'rank', 'threshold', 'computed'), async (rows, method) => {
        const p = file(
          'customers-g.csv',
          'Name,Value,Region',
          rows.map(([a, , , g], i) => [`c${i}`, a, g]),
        );
        const cuts = method === 'threshold' ? ['--cuts', '500,5'] : method === 'rank' ? ['--cuts', '0.1,0.5'] : [];
        await sameOutput(['tier', p, '--value-column', 'Value', '--method', method, ...cuts, ...group]);
      }),
      RUNS,
    );
  });
  test('value groups per row, with cost and potential', async () => {
    await fc.assert(
      fc.asyncProperty(customerRows, async (rows) => {
        const p = file(
          'groups-g.csv',
          'Name,Value,Cost,Potential,Region',
          rows.map(([a, b, c, g], i) => [`c${i}`, a, b, c, g]),
        );
        await sameOutput([
          'value-groups',
          p,
          '--value-column',
          'Value',
          '--cost-column',
          'Cost',
          '--potential-column',
          'Potential',
          ...group,
        ]);
      }),
      RUNS,
    );
  });
  test('orders lists: tier (every method), value groups and RFM per customer (small groups get no RFM code)', async () => {
    await fc.assert(
      fc.asyncProperty(orderRows, fc.constantFrom('pareto', 'rank', 'computed'), async (rows, method) => {
        const p = file(
          'orders-g.csv',
          'Customer,Date,Amount,Region',
          rows.map(([c, d, a, g]) => [`k${c}`, d, a, g]),
        );
        await sameOutput(['tier', p, '--id-column', 'Customer', '--value-column', 'Amount', '--method', method, ...group]);
        await sameOutput(['value-groups', p, '--id-column', 'Customer', '--value-column', 'Amount', ...group]);
        await sameOutput(['rfm', p, '--id-column', 'Customer', '--date-column', 'Date', '--amount-column', 'Amount', ...group]);
      }),
      RUNS,
    );
  });
});

test('totals are added in file order, so customers tie exactly when they tie in memory', async () => {
  // 0.1 + 0.2 + 0.3 is 0.6000000000000001, 0.3 + 0.2 + 0.1 is 0.6: X ranks above Y; Z ties with X.
  const rows = ['X,0.1', 'Y,0.3', 'Z,0.1', 'X,0.2', 'Y,0.2', 'Z,0.2', 'X,0.3', 'Y,0.1', 'Z,0.3'];
  const file = path.join(dir, 'order-matters.csv');
  writeFileSync(file, `Customer,Amount\n${rows.join('\n')}\n`);
  const { out } = await sameOutput([
    'tier',
    file,
    '--id-column',
    'Customer',
    '--value-column',
    'Amount',
    '--method',
    'rank',
    '--cuts',
    '0.5',
  ]);
  expect(out.split('\n').slice(1, 4)).toEqual(['X,0.6,A,1,0.666667', 'Z,0.6,A,1,0.666667', 'Y,0.6,B,3,1']);
});

test('--engine duckdb reads Parquet', async () => {
  const csvFile = path.join(dir, 'p.csv');
  writeFileSync(csvFile, 'Customer,Date,Amount\na,2024-01-05,10\nb,2024-02-01,25.5\na,2024-03-01,-4\nc,2024-03-02,25.5\n');
  const parquet = path.join(dir, 'p.parquet');
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  // Typed columns, as a warehouse export has them: a DATE and a DOUBLE.
  await conn.run(
    `COPY (SELECT Customer, CAST(Date AS DATE) AS Date, CAST(Amount AS DOUBLE) AS Amount FROM read_csv('${csvFile}')) TO '${parquet}' (FORMAT parquet)`,
  );
  conn.closeSync();
  const args = ['--id-column', 'Customer', '--date-column', 'Date', '--amount-column', 'Amount'];
  const fromCsv = await cli(['rfm', csvFile, ...args]);
  const fromParquet = await cli(['rfm', parquet, ...args, '--engine', 'duckdb']);
  expect(fromParquet.code).toBe(0);
  expect(fromParquet.out).toBe(fromCsv.out);
});

test('--engine duckdb refuses a workbook, naming the way out', async () => {
  const xlsx = path.join(dir, 'x.xlsx');
  writeFileSync(xlsx, Buffer.from([0x50, 0x4b, 3, 4, 0, 0]));
  const workbook = await cli(['tier', xlsx, '--value-column', 'Revenue', '--engine', 'duckdb']);
  expect(workbook.code).toBe(2);
  expect(workbook.err).toMatch(/Leave out --engine duckdb/);
});
