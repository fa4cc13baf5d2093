/**
 * The built dist/Code.js as Apps Script loads it: only top-level functions, each custom function
 * documented for autocomplete, no module syntax, and the formulas working through the bundle.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createFakeGas } from '../../harness/fakeGas';
import { loadBundle, invoke } from '../../harness/loadBundle';
import { CUSTOM_FUNCTIONS } from '../../src/addon/customFunctionDocs';
import * as main from '../../src/addon/main';

/** Everything Apps Script may call: every export of src/addon/main.ts. */
const EXPORTED = Object.keys(main);

const code = readFileSync(path.resolve(__dirname, '../../dist/Code.js'), 'utf8');
const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../dist/appsscript.json'), 'utf8'));

function load() {
  const fake = createFakeGas();
  return { fake, ctx: loadBundle(fake) };
}
const call = (name: string, ...args: unknown[]) => {
  const { fake, ctx } = load();
  return invoke(fake, ctx, name, ...args) as unknown[][];
};
const col = (...xs: unknown[]) => xs.map((x) => [x]);

describe('dist/Code.js', () => {
  it('has no module syntax and stays lean', () => {
    expect(code).not.toMatch(/\brequire\(|^\s*(import|export)\s/m);
    // Everything in Code.js is loaded on every custom-function call: the budget is 150 KiB.
    expect(Buffer.byteLength(code, 'utf8')).toBeLessThan(150 * 1024);
  });

  it('declares every export of main.ts as a top-level function, custom functions with their JSDoc', () => {
    expect(EXPORTED).toEqual(
      expect.arrayContaining(['onOpen', 'tierCustomersNow', 'sidebarGetState', ...CUSTOM_FUNCTIONS.map((f) => f.name)]),
    );
    for (const name of EXPORTED) expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    for (const fn of CUSTOM_FUNCTIONS) expect(code).toContain(`function ${fn.name}(${fn.params!.map((p) => p.name).join(', ')}) {`);
    for (const fn of CUSTOM_FUNCTIONS) {
      const doc = code
        .slice(0, code.indexOf(`function ${fn.name}(`))
        .split('/**')
        .pop()!;
      expect(doc).toContain('@customfunction');
      for (const p of fn.params!) expect(doc).toMatch(new RegExp(`@param \\{[^}]+\\} ${p.name} `));
      // What it returns is said once, in the description (autocomplete ignores @return).
      if (fn.returns) expect(doc.split(fn.returns.split('\n')[0]).length).toBe(2);
    }
  });

  it('exports an implementation for every entry point and nothing is called at load time', () => {
    const { ctx } = load(); // loadBundle throws if Code.js calls a service while loading
    for (const name of EXPORTED) {
      expect(typeof ctx[name]).toBe('function');
      expect(typeof ctx.CustomerTiers[name]).toBe('function');
    }
  });

  it('asks for the narrowest scopes', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.oauthScopes.sort()).toEqual([
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
    ]);
  });
});

describe('custom functions through the bundle', () => {
  it('ABC_TIER tiers a column by pareto and keeps blanks and bad cells visible', () => {
    // 100 customers with values 100..1: shares computed by hand below.
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    const total = values.reduce((a, b) => a + b, 0);
    let before = 0;
    const expected = values.map((v) => {
      const tier = before / total < 0.8 ? 'A' : before / total < 0.95 ? 'B' : 'C';
      before += v;
      return tier;
    });
    expect(call('ABC_TIER', col(...values)).map((r) => r[0])).toEqual(expected);
    const mixed = call('ABC_TIER', col(500, '', 'n/a', '¥1,000', 10));
    expect(mixed.map((r) => r[0])).toEqual(['A', '', expect.stringMatching(/^⚠ .*n\/a/), 'A', 'C']);
  });

  it('ABC_TIER rank, threshold and custom labels', () => {
    const values = Array.from({ length: 20 }, (_, i) => (i + 1) * 100_000);
    const rank = call('ABC_TIER', col(...values), 'rank', [[0.05, 0.2]]).map((r) => r[0]);
    expect(rank.filter((t) => t === 'A')).toHaveLength(1);
    expect(rank.filter((t) => t === 'B')).toHaveLength(3);
    const thresholds = call('ABC_TIER', col(1_200_000, 700_000, 20_000), 'threshold', '1000000, 500000', [['Key', 'Major', 'Ordinary']]);
    expect(thresholds).toEqual([['Key'], ['Major'], ['Ordinary']]);
  });

  it('refuses bad arguments with messages naming them', () => {
    expect(() => call('ABC_TIER', col(1, 2), 'bogus')).toThrow(/method "bogus" is not known/);
    expect(() => call('ABC_TIER', col(1, 2), 'pareto', [[0.9, 0.5]])).toThrow(/ABC_TIER: .*cut/i);
    expect(() => call('CUSTOMER_VALUE_GROUP', col(1, 2, 3), col(1, 2))).toThrow(/cost has 2 rows but values has 3/);
    expect(() =>
      call(
        'TIER_SCORE',
        [
          [1, 2],
          [3, 4],
        ],
        [[1]],
      ),
    ).toThrow(/weights has 1 numbers but dimensions has 2 columns/);
  });

  it('CUSTOMER_VALUE_GROUP finds BZ, MVC and MGC', () => {
    const values = [1000, 900, 100, 80, 60, 50, 40, 30, 20, 10];
    const cost = [100, 100, 20, 20, 20, 20, 20, 20, 20, 50];
    const potential = [1000, 900, 2000, 90, 60, 50, 40, 30, 20, 10];
    const groups = call('CUSTOMER_VALUE_GROUP', col(...values), col(...cost), col(...potential)).map((r) => r[0]);
    expect(groups[0]).toBe('MVC');
    expect(groups[1]).toBe('MVC');
    expect(groups[9]).toBe('BZ'); // 10 - 50 < 0
    expect(groups[2]).toBe('MGC'); // largest gap between potential and value
  });

  it('TIER_SCORE, RFM_SCORE, RFM_SEGMENT, TIER_CHANGE and CUSTOMER_ROLLUP return one row per input row', () => {
    const score = call(
      'TIER_SCORE',
      [
        [10, 5],
        [20, 1],
        [30, 3],
      ],
      [[0.5, 0.5]],
      [['higher', 'lower']],
    );
    expect(score).toHaveLength(3);
    expect(score[1][0]).toBeGreaterThan(score[0][0] as number);
    const rfm = call('RFM_SCORE', col(1, 10, 100, 200, 300), col(9, 5, 3, 2, 1), col(900, 500, 300, 200, 100));
    expect(rfm[0]).toEqual([5, 5, 5, '555']);
    expect(rfm[4]).toEqual([1, 1, 1, '111']);
    const seg = call('RFM_SEGMENT', col(1, 10, 100, 200, 300), col(9, 5, 3, 2, 1), col(900, 500, 300, 200, 100), '', 'zh');
    expect(seg).toHaveLength(5);
    expect(String(seg[0][0])).not.toBe('');
    const change = call('TIER_CHANGE', col('B', 'A', '', 'C'), col('A', 'A', 'B', ''));
    expect(change.map((r) => r[0])).toEqual(['Upgrade', 'Same', 'New', 'Lost']);
    const rollup = call(
      'CUSTOMER_ROLLUP',
      col('x', 'y', 'x'),
      col('2024-01-01', '2024-02-01', '2024-03-01'),
      col(100, 50, -20),
      '2024-03-11',
    );
    expect(rollup[0][0]).toBe('Customer');
    expect(rollup[1].slice(0, 3)).toEqual(['x', 80, 1]);
    expect(rollup[1][6]).toBe(70); // last purchase 2024-01-01 (the refund is no purchase): 70 days to 2024-03-11
  });
});

describe('custom functions in AuthMode.CUSTOM_FUNCTION', () => {
  it('run with the read-only access Sheets gives them, dates included', () => {
    const fake = createFakeGas({ authMode: 'CUSTOM_FUNCTION', timeZone: 'Asia/Shanghai' });
    const ctx = loadBundle(fake);
    const dates = [[new Date('2024-03-04T16:00:00Z')], [new Date('2024-03-09T16:00:00Z')]]; // Shanghai midnights
    const out = invoke(fake, ctx, 'CUSTOMER_ROLLUP', [['a'], ['a']], dates, [[10], [20]]) as unknown[][];
    expect(out[1].slice(0, 3)).toEqual(['a', 30, 2]);
    // shares before each: 0, 3/6, 5/6 -> A, A, B
    expect(invoke(fake, ctx, 'ABC_TIER', col(3, 2, 1))).toEqual([['A'], ['A'], ['B']]);
    const calls = Object.keys(fake.calls.byMethod);
    expect(
      calls.every((m) => /^(SpreadsheetApp\.getActiveSpreadsheet|Spreadsheet\.getSpreadsheetTimeZone|Utilities\.formatDate)$/.test(m)),
    ).toBe(true);
  });
});

describe("row notes in the formula's language", () => {
  it('CUSTOMER_VALUE_GROUP notes an unreadable cell in Chinese when asked', () => {
    const out = call('CUSTOMER_VALUE_GROUP', col(100, 'n/a', 50), '', '', '', 'zh').map((r) => r[0]);
    expect(out[1]).toMatch(/^⚠ .*n\/a.*[\u4e00-\u9fff]/);
    expect(call('CUSTOMER_VALUE_GROUP', col(100, 'n/a', 50)).map((r) => r[0])[1]).toBe('⚠ values: "n/a" is not a number');
  });
});
