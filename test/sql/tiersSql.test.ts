/**
 * The SQL text: the weighted score (no CLI command has it) against the add-on's pipeline on
 * DuckDB; the BigQuery text against golden files; and the proof that the BigQuery query is the
 * DuckDB query, which the other tests run, except for the dialect's own words.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { runTiering } from '../../src/pipeline/runTiering';
import { defaultSettings } from '../../src/settings/settings';
import type { Settings } from '../../src/settings/schema';
import { DIALECT_OPS } from '../../src/sql/dialect';
import { SqlUnsupported, tieringSql } from '../../src/sql/tiers';

const GOLDEN = path.join(__dirname, 'golden');

let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => conn.closeSync());

/** A table of text cells, as a sheet or CSV gives them, with a column keeping the row order. */
async function load(headers: string[], rows: (string | null)[][]): Promise<void> {
  await conn.run('DROP TABLE IF EXISTS t');
  await conn.run(`CREATE TABLE t (${headers.map((h) => `"${h}" VARCHAR`).join(', ')}, file_row INTEGER)`);
  const appender = await conn.createAppender('t');
  rows.forEach((row, i) => {
    for (const cell of row) cell === null ? appender.appendNull() : appender.appendVarchar(cell);
    appender.appendInteger(i);
    appender.endRow();
  });
  appender.closeSync();
}

function scoreSettings(
  directions: ('higher' | 'lower')[],
  weights: number[],
  normalisation: 'percentile' | 'minmax',
  tierMethod: 'rank' | 'threshold',
): Settings {
  const s = defaultSettings('x');
  s.mode = 'score';
  s.source = { ...s.source, layout: 'customers', valueColumn: '' };
  s.score = {
    dimensions: ['A', 'B', 'C'].map((column, i) => ({ column, weight: weights[i], direction: directions[i] })),
    normalisation,
    tierMethod,
    cuts: tierMethod === 'rank' ? [0.2, 0.5] : [70, 40],
  };
  return s;
}

describe('weighted score on DuckDB equals the pipeline', () => {
  const group = fc.constantFrom('North', ' north', 'South', '', null, '东区', 'x');
  const cell = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: -3, max: 6 }).map(String) },
    { weight: 3, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(String) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  test('scores to the last bit and tiers exactly, with blanks, ties and both directions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 40 }),
        fc.tuple(fc.constantFrom('higher', 'lower'), fc.constantFrom('higher', 'lower'), fc.constantFrom('higher', 'lower')),
        fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.double({ min: 0.1, max: 3, noNaN: true })),
        fc.constantFrom('percentile', 'minmax'),
        fc.constantFrom('rank', 'threshold'),
        async (rows, directions, weights, normalisation, tierMethod) => {
          const settings = scoreSettings(
            directions as ('higher' | 'lower')[],
            weights,
            normalisation as 'percentile',
            tierMethod as 'rank',
          );
          const engine = runTiering(settings, { headers: ['A', 'B', 'C'], rows });
          expect(engine.errors).toEqual([]);
          await load(['A', 'B', 'C'], rows);
          const sql = tieringSql(settings, { dialect: 'duckdb', table: 't', rowOrder: 'file_row' });
          const result = (await conn.runAndReadAll(sql)).getRowObjects();
          expect(result.map((r) => r.score)).toEqual(engine.perCustomer.columns.exactScore);
          expect(result.map((r) => r.tier)).toEqual(engine.perCustomer.columns.tier);
        },
      ),
      { numRuns: 150 },
    );
  });
  test('within groups (PARTITION BY): each group normalised and tiered alone, named as first met', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(cell, cell, cell, group), { minLength: 1, maxLength: 40 }),
        fc.constantFrom('percentile', 'minmax'),
        fc.constantFrom('rank', 'threshold'),
        async (rows, normalisation, tierMethod) => {
          const settings = scoreSettings(['higher', 'lower', 'higher'], [3, 1, 2], normalisation as 'percentile', tierMethod as 'rank');
          settings.groupBy = 'G';
          const engine = runTiering(settings, { headers: ['A', 'B', 'C', 'G'], rows });
          expect(engine.errors).toEqual([]);
          await load(['A', 'B', 'C', 'G'], rows);
          const sql = tieringSql(settings, { dialect: 'duckdb', table: 't', rowOrder: 'file_row' });
          expect(sql).toContain('PARTITION BY ct_group');
          const result = (await conn.runAndReadAll(sql)).getRowObjects();
          expect(result.map((r) => r.score)).toEqual(engine.perCustomer.columns.exactScore);
          expect(result.map((r) => r.tier)).toEqual(engine.perCustomer.columns.tier);
          expect(result.map((r) => r.customer_group)).toEqual(engine.perCustomer.columns.within);
        },
      ),
      { numRuns: 100 },
    );
  });
});

test('weighted score on an orders list (roll-up figures: total, orders, average order, recency) matches the pipeline', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.tuple(
          fc.integer({ min: 1, max: 12 }),
          fc.integer({ min: 0, max: 40 }),
          fc.oneof(fc.integer({ min: -20, max: 300 }).map(String), fc.constant('7.25'), fc.constant('')),
        ),
        { minLength: 1, maxLength: 80 },
      ),
      fc.constantFrom('percentile', 'minmax'),
      async (lines, normalisation) => {
        const s = defaultSettings('x');
        s.mode = 'score';
        s.source = { ...s.source, layout: 'orders', idColumn: 'Customer', valueColumn: 'Amount', dateColumn: 'Day' };
        s.score = {
          dimensions: [
            { column: 'Total', weight: 3, direction: 'higher' },
            { column: 'Orders', weight: 2, direction: 'higher' },
            { column: 'Average order', weight: 1, direction: 'higher' },
            { column: 'Recency days', weight: 2, direction: 'lower' },
          ],
          normalisation: normalisation as 'percentile',
          tierMethod: 'rank',
          cuts: [0.2, 0.5],
        };
        const rows = lines.map(([c, day, amount]) => [`k${c}`, new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10), amount]);
        const engine = runTiering(s, { headers: ['Customer', 'Day', 'Amount'], rows });
        expect(engine.errors).toEqual([]);
        await load(['Customer', 'Day', 'Amount'], rows);
        const result = (await conn.runAndReadAll(tieringSql(s, { dialect: 'duckdb', table: 't', rowOrder: 'file_row' }))).getRowObjects();
        // Customers come best first; compare them by id.
        const { ids, columns } = engine.perCustomer;
        const byId = (values: unknown[] | undefined) => new Map(ids.map((id, i) => [id, values?.[i]]));
        expect(new Map(result.map((r) => [r.customer_id, r.score]))).toEqual(byId(columns.exactScore));
        expect(new Map(result.map((r) => [r.customer_id, r.tier]))).toEqual(byId(columns.tier));
      },
    ),
    { numRuns: 100 },
  );
});

test('user RFM rules and a customers table (last purchase date, order count) match the pipeline', async () => {
  const s = defaultSettings('x');
  s.mode = 'rfm';
  s.source = { ...s.source, layout: 'customers', valueColumn: 'Spend', dateColumn: 'Last', frequencyColumn: 'Orders' };
  s.rfm = {
    asOf: '2025-06-30',
    rules: [
      { segment: 'Champions', r: [4, 5], f: [4, 5], m: [4, 5] },
      { segment: 'At Risk', r: [1, 2], f: [1, 5], m: [3, 5] },
      { segment: 'Lost', r: [1, 5], f: [1, 5], m: [1, 5] },
    ],
  };
  const rows = Array.from({ length: 97 }, (_, i) => [
    String((i * 37) % 500),
    new Date(Date.UTC(2025, 0, 1 + ((i * 13) % 181))).toISOString().slice(0, 10),
    String(1 + (i % 7)),
  ]);
  const engine = runTiering(s, { headers: ['Spend', 'Last', 'Orders'], rows });
  await load(['Spend', 'Last', 'Orders'], rows);
  const result = (await conn.runAndReadAll(tieringSql(s, { dialect: 'duckdb', table: 't', rowOrder: 'file_row' }))).getRowObjects();
  expect(result.map((r) => r.segment)).toEqual(engine.perCustomer.columns.segment);
  expect(result.map((r) => r.rfm)).toEqual(engine.perCustomer.columns.rfm);
  expect(new Set(result.map((r) => r.segment)).size).toBe(3);

  // Within groups: four regions of 24 or so customers, one of 3 (too few for quintiles: no scores, as in the engine).
  s.groupBy = 'Region';
  const regions = rows.map((row, i) => [...row, i < 3 ? 'Tiny' : ['North', 'south', 'South ', '', 'East'][i % 5]]);
  const grouped = runTiering(s, { headers: ['Spend', 'Last', 'Orders', 'Region'], rows: regions });
  expect(grouped.issues.map((i) => i.code)).toContain('group.tooSmall');
  await load(['Spend', 'Last', 'Orders', 'Region'], regions);
  const within = (await conn.runAndReadAll(tieringSql(s, { dialect: 'duckdb', table: 't', rowOrder: 'file_row' }))).getRowObjects();
  expect(within.map((r) => r.rfm)).toEqual(grouped.perCustomer.columns.rfm);
  expect(within.map((r) => r.segment)).toEqual(grouped.perCustomer.columns.segment);
  expect(within.map((r) => r.customer_group)).toEqual(grouped.perCustomer.columns.within);
  expect(within.slice(0, 3).map((r) => r.rfm)).toEqual([null, null, null]);
  expect(within.map((r) => r.rfm)).not.toEqual(result.map((r) => r.rfm));
});

/** The settings each golden file is written from. */
function goldenSettings(): Record<string, Settings> {
  const orders = (mode: Settings['mode']) => {
    const s = defaultSettings('Orders');
    s.mode = mode;
    s.source = {
      ...s.source,
      layout: 'orders',
      idColumn: 'customer_id',
      valueColumn: 'amount',
      dateColumn: 'order_date',
      costColumn: 'cost',
    };
    return s;
  };
  const pareto = orders('abc');
  const rank = orders('abc');
  rank.abc = { method: 'rank', cuts: [0.05, 0.2] };
  const rfm = orders('rfm');
  rfm.rfm = {
    asOf: '2025-06-30',
    rules: [
      { segment: 'Champions', r: [5, 5], f: [4, 5], m: [4, 5] },
      { segment: 'Others', r: [1, 5], f: [1, 5], m: [1, 5] },
    ],
  };
  const groups = orders('valueGroups');
  const score = scoreSettings(['higher', 'lower', 'higher'], [3, 1, 1], 'percentile', 'rank');
  const plain = { pareto, rank, rfm, 'value-groups': groups, score };
  // The same within groups (a region column): PARTITION BY.
  const byRegion = Object.entries(plain).map(([name, settings]) => [`${name}-by-region`, { ...settings, groupBy: 'region' }]);
  return { ...plain, ...Object.fromEntries(byRegion) };
}

describe('BigQuery text', () => {
  test('partitions only by the group, a null test or the group text: BigQuery cannot PARTITION BY a FLOAT64 value', () => {
    for (const settings of Object.values(goldenSettings())) {
      const sql = tieringSql(settings, { dialect: 'bigquery', table: 'orders' });
      for (const [, list] of sql.matchAll(/PARTITION BY (.+?)(?= ORDER BY|\)(?:$| AS|,|\s))/gm)) {
        for (const term of list.split(/, (?![^(]*\))/)) expect(term).toMatch(/^(ct_group|\w+ IS NULL|LOWER\(.*)$/);
      }
    }
  });

  for (const [name, settings] of Object.entries(goldenSettings())) {
    test(`${name} is the golden file`, () => {
      const sql = tieringSql(settings, { dialect: 'bigquery', table: 'my-project.shop.orders' });
      const file = path.join(GOLDEN, `${name}.bigquery.sql`);
      if (process.env.UPDATE_GOLDEN) writeFileSync(file, sql);
      expect(sql).toBe(readFileSync(file, 'utf8'));
    });
    test(`${name}: BigQuery and DuckDB differ only in the dialect's words, and the DuckDB text runs`, async () => {
      const bq = tieringSql(settings, { dialect: 'bigquery', table: 'orders' }).split('\n');
      const duckText = tieringSql(settings, { dialect: 'duckdb', table: 'orders' });
      // Number literals are written per dialect (DuckDB would read 0.8 as a DECIMAL): compare them as BigQuery writes them.
      const duck = duckText.replace(/CAST\('([^']+)' AS DOUBLE\)/g, (_, x) => DIALECT_OPS.bigquery.num(Number(x))).split('\n');
      expect(bq).toHaveLength(duck.length);
      const dialectWords = /SAFE_CAST|SAFE\.PARSE_DATE|FLOAT64|STRING|EXCEPT \(|DATE_DIFF|`/;
      bq.forEach((line, i) => {
        if (line !== duck[i]) expect(line).toMatch(dialectWords);
      });
      await conn.run('DROP TABLE IF EXISTS orders');
      await conn.run(
        "CREATE TABLE orders AS SELECT * FROM (VALUES ('a', '2025-01-02', '10', '1', '5', '1', '2', 'North'), ('b', '2025-03-01', '20.5', '2', '1', '2', '3', 'South')) v(customer_id, order_date, amount, cost, A, B, C, region)",
      );
      const rows = (await conn.runAndReadAll(duckText)).getRowObjects();
      expect(rows).toHaveLength(2);
    });
  }
});

test('computed ABC is refused with the reason', () => {
  const s = defaultSettings('x');
  s.source.valueColumn = 'v';
  s.abc = { method: 'computed', cuts: [] };
  expect(() => tieringSql(s, { dialect: 'bigquery', table: 't' })).toThrow(SqlUnsupported);
});

test('names are quoted for each dialect, so a header with quotes or spaces cannot break out', () => {
  const s = defaultSettings('x');
  s.source.valueColumn = 'Sales "net" `x`';
  const bq = tieringSql(s, { dialect: 'bigquery', table: 'p.d.t' });
  expect(bq).toContain('SAFE_CAST(`Sales "net" \\`x\\`` AS FLOAT64)');
  expect(bq).toContain('FROM `p.d.t`');
  const duck = tieringSql(s, { dialect: 'duckdb', table: 'main.t' });
  expect(duck).toContain('TRY_CAST("Sales ""net"" `x`" AS DOUBLE)');
  expect(duck).toContain('FROM "main"."t"');
});
