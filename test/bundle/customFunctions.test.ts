/**
 * The custom functions through the built dist/Code.js, as Sheets calls them (AuthMode.CUSTOM_FUNCTION):
 * what each row shows, dates, as-of checks, tier orders, blank rows, extreme numbers, one-cell and
 * one-row ranges, comma-decimal lists and the help text autocomplete shows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { createFakeGas, type FakeGasOptions } from '../../harness/fakeGas';
import { loadBundle, invoke } from '../../harness/loadBundle';
import { CUSTOM_FUNCTIONS } from '../../src/addon/customFunctionDocs';

function start(options: FakeGasOptions = {}) {
  const fake = createFakeGas({ authMode: 'CUSTOM_FUNCTION', ...options });
  return { fake, ctx: loadBundle(fake) };
}
const shared = start();
const call = (name: string, ...args: unknown[]) => invoke(shared.fake, shared.ctx, name, ...args) as unknown[][];
const col = (...xs: unknown[]) => xs.map((x) => [x]);
const firsts = (out: unknown[][]) => out.map((r) => r[0]);

describe('an unreadable cell in any argument', () => {
  it("replaces the row's result by a note naming the argument, and leaves the row out of the ranking", () => {
    // Without row 1 the positives are 90, 10, 5, 1: MVC is the top 20% (1 customer) = 90.
    const out = firsts(call('CUSTOMER_VALUE_GROUP', col(100, 90, 10, 5, 1), col('abc', 0, 0, 0, 0)));
    expect(out).toEqual(['⚠ cost: "abc" is not a number', 'MVC', 'Maintain', 'Maintain', 'Maintain']);
  });

  it("names every unreadable cell of the row, in the formula's language", () => {
    const out = firsts(call('CUSTOMER_VALUE_GROUP', col(100, 50), col('abc', 1), col('n/a', 60)));
    expect(out[0]).toBe('⚠ cost: "abc" is not a number; potential: "n/a" is not a number');
    const zh = firsts(call('CUSTOMER_VALUE_GROUP', col(100, 50), col('abc', 1), '', '', 'zh'));
    expect(zh[0]).toBe('⚠ 参数 cost："abc" 不是数字');
  });

  it('TIER_SCORE and RFM_SCORE name the dimension column and the RFM input', () => {
    const score = firsts(
      call(
        'TIER_SCORE',
        [
          [1, 5],
          [2, 'x'],
          [3, 7],
        ],
        [[0.5, 0.5]],
      ),
    );
    expect(score[1]).toBe('⚠ dimensions column 2: "x" is not a number');
    expect(typeof score[0]).toBe('number');
    const rfm = call('RFM_SCORE', col(1, 10, 100), col(3, 'abc', 1), col(900, 500, 100));
    expect(rfm[1]).toEqual(['⚠ frequency: "abc" is not a number', '', '', '']);
  });

  it('a blank cost still counts as 0 and the row keeps its group', () => {
    expect(firsts(call('CUSTOMER_VALUE_GROUP', col(100, 50, 10), col('', 10, 20)))).toEqual(['MVC', 'Maintain', 'BZ']);
  });
});

describe('dates', () => {
  const f = col(5, 3, 2, 1, 4);
  const m = col(500, 300, 200, 100, 400);
  // 1998-07-01 minus each date, in days.
  const days = col(1, 181, 395, 546, 16);

  it('reads YYYYMMDD numbers (as in CDNOW) as dates, never as days since', () => {
    const expected = call('RFM_SCORE', days, f, m);
    expect(call('RFM_SCORE', col(19980630, 19980101, 19970601, 19970101, 19980615), f, m, 19980701)).toEqual(expected);
    expect(call('RFM_SCORE', col('1998.06.30', '1998.01.01', '1997.06.01', '1997.01.01', '1998.06.15'), f, m, '1998-07-01')).toEqual(
      expected,
    );
    const dates = [Date.UTC(1998, 5, 30), Date.UTC(1998, 0, 1), Date.UTC(1997, 5, 1), Date.UTC(1997, 0, 1), Date.UTC(1998, 5, 15)].map(
      (t) => [new Date(t)],
    );
    expect(call('RFM_SCORE', dates, f, m, [[new Date(Date.UTC(1998, 6, 1))]])).toEqual(expected);
    expect(firsts(call('RFM_SEGMENT', col(19980630, 19980101, 19970601, 19970101, 19980615), f, m, 19980701))).toEqual(
      firsts(call('RFM_SEGMENT', days, f, m)),
    );
  });

  it('gives US-style dates the date advice, not "is not a number"', () => {
    const out = call('RFM_SCORE', col('03/04/2024', '2024-03-01', '2024-02-01'), col(1, 2, 3), col(1, 2, 3));
    expect(out[0][0]).toMatch(/^⚠ recency_or_last_date: "03\/04\/2024" is ambiguous .*YYYY-MM-DD/);
  });

  it('CUSTOMER_ROLLUP reads YYYYMMDD and dotted dates', () => {
    const out = call('CUSTOMER_ROLLUP', col('a', 'a', 'b'), col(20240101, '2024.03.01', 20240201), col(10, 20, 5), '2024-03-11');
    expect(out.slice(1).map((r) => [r[0], r[1], r[2], r[6]])).toEqual([
      ['a', 30, 2, 10],
      ['b', 5, 1, 39],
    ]);
  });
});

describe('as_of', () => {
  it('a last order after as_of gets a note; recency is never negative', () => {
    const out = call('RFM_SCORE', col('2024-05-01', '2024-02-01', '2024-01-01'), col(1, 2, 3), col(1, 2, 3), '2024-03-01');
    expect(out[0][0]).toBe('⚠ as_of: No recency: the last order (2024-05-01) is after the as-of date 2024-03-01. Use a later as-of date.');
    expect(out[1][3]).toMatch(/^\d{3}$/);
  });

  it('CUSTOMER_ROLLUP leaves orders after as_of out and lists them', () => {
    const out = call('CUSTOMER_ROLLUP', col('a', 'a', 'b'), col('2024-01-01', '2024-04-01', '2024-02-01'), col(10, 20, 5), '2024-03-01');
    expect(out.slice(1, 3).map((r) => [r[0], r[1], r[6]])).toEqual([
      ['a', 10, 60],
      ['b', 5, 29],
    ]);
    expect(out[3][0]).toBe(
      '⚠ order 2: The order date 2024-04-01 is after the as-of date 2024-03-01: left out. Use a later as-of date to count it.',
    );
  });

  it('refuses what looks like NOW(): today with a time of day', () => {
    const now = new Date();
    const today1037 = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 10, 37));
    expect(() => call('RFM_SCORE', col('2024-01-01', '2024-02-01'), col(1, 2), col(1, 2), today1037)).toThrow(/as_of looks like NOW\(\)/);
    expect(() => call('CUSTOMER_ROLLUP', col('a'), col('2024-01-01'), col(1), [[today1037]])).toThrow(/fixed date/);
    // A fixed date with a time of day on another day is just a date.
    expect(call('CUSTOMER_ROLLUP', col('a'), col('2024-01-01'), col(1), new Date(Date.UTC(2024, 0, 11, 10, 37)))[1][6]).toBe(10);
  });
});

describe('TIER_CHANGE', () => {
  it('never orders labels alphabetically: unknown orders say Changed', () => {
    expect(firsts(call('TIER_CHANGE', col('Bronze', 'Gold', 'Silver', '甲'), col('Gold', 'Gold', 'Bronze', '乙')))).toEqual([
      'Changed',
      'Same',
      'Changed',
      'Changed',
    ]);
  });

  it('uses the known orders: letters, value groups, RFM segments, or the given one', () => {
    expect(firsts(call('TIER_CHANGE', col('E', 'A'), col('D', 'B')))).toEqual(['Upgrade', 'Downgrade']);
    expect(firsts(call('TIER_CHANGE', col('Maintain', 'MVC'), col('MGC', 'BZ')))).toEqual(['Upgrade', 'Downgrade']);
    expect(firsts(call('TIER_CHANGE', col('At Risk', 'Champions'), col('Champions', 'Lost')))).toEqual(['Upgrade', 'Downgrade']);
    expect(firsts(call('TIER_CHANGE', col('维持客户'), col('最有价值客户')))).toEqual(['Upgrade']);
    expect(firsts(call('TIER_CHANGE', col('Bronze', 'Gold'), col('Gold', 'Silver'), [['Gold', 'Silver', 'Bronze']]))).toEqual([
      'Upgrade',
      'Downgrade',
    ]);
  });

  it('takes c and C as the same tier', () => {
    expect(firsts(call('TIER_CHANGE', col('c', 'B', 'a'), col('C', 'b', 'b')))).toEqual(['Same', 'Same', 'Downgrade']);
  });
});

describe('blank rows of an open-ended range stay blank', () => {
  const pad = (xs: unknown[], n: number) => col(...xs, ...new Array(n).fill(''));
  it.each([
    ['CUSTOMER_VALUE_GROUP', [pad([100, 50, 10], 500), pad([1, 2, 3], 500)]],
    ['RFM_SCORE', [pad([1, 10, 100], 500), pad([3, 2, 1], 500), pad([300, 200, 100], 500)]],
    ['RFM_SEGMENT', [pad([1, 10, 100], 500), pad([3, 2, 1], 500), pad([300, 200, 100], 500)]],
  ])('%s', (name, args) => {
    const out = call(name, ...args);
    expect(out).toHaveLength(503);
    expect(out.slice(0, 3).every((r) => r[0] !== '' && !String(r[0]).startsWith('⚠'))).toBe(true);
    expect(out.slice(3).every((r) => r.every((x) => x === ''))).toBe(true);
  });
});

describe('extreme numbers', () => {
  it('are refused with a note, and the other rows tier as without them', () => {
    const out = firsts(call('ABC_TIER', col(1e308, 1e308, 5, 3, 2)));
    expect(out.slice(0, 2)).toEqual([
      '⚠ values: 1e+308 is too far from zero: amounts must lie within ±1e300',
      '⚠ values: 1e+308 is too far from zero: amounts must lie within ±1e300',
    ]);
    expect(out.slice(2)).toEqual(firsts(call('ABC_TIER', col(5, 3, 2))));
    expect(firsts(call('TIER_SCORE', [[1e308], [-1e308], [1]], [[1]], '', 'minmax'))).toEqual([
      expect.stringMatching(/^⚠/),
      expect.stringMatching(/^⚠/),
      50,
    ]); // one customer left: the middle
    expect(() => call('TIER_SCORE', [[1, 2]], [[1e308, 1e308]])).toThrow(/weights must lie within ±1e300/);
  });

  const extreme = fc.oneof(
    fc.double(),
    fc.constantFrom(1e308, -1e308, 1e300, -1e300, 5e-324, -5e-324, Number.MIN_VALUE, Number.MAX_VALUE, 0, -0),
    fc.integer({ min: -1000, max: 1000 }),
  );
  const tiers = new Set(['A', 'B', 'C']);

  it('ABC_TIER: every row is a tier, a note or blank, and readable rows tier as on their own (property)', () => {
    fc.assert(
      fc.property(fc.array(extreme, { minLength: 1, maxLength: 30 }), fc.constantFrom('pareto', 'rank', 'computed'), (values, method) => {
        const out = firsts(call('ABC_TIER', col(...values), method));
        const readable = values.map((v, i) => [v, i] as const).filter(([v]) => Number.isFinite(v) && Math.abs(v) <= 1e300);
        for (let i = 0; i < values.length; i++) expect(tiers.has(out[i] as string) || /^⚠ values: /.test(String(out[i]))).toBe(true);
        if (readable.length) {
          const alone = firsts(call('ABC_TIER', col(...readable.map(([v]) => v)), method));
          expect(readable.map(([, i]) => out[i])).toEqual(alone);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('value groups, scores, RFM and roll-up never show NaN or Infinity (property)', () => {
    const finiteOrText = (x: unknown) => (typeof x === 'number' ? Number.isFinite(x) : typeof x === 'string' || x instanceof Date);
    fc.assert(
      fc.property(fc.array(fc.tuple(extreme, extreme, extreme), { minLength: 1, maxLength: 25 }), (rows) => {
        const [a, b, c] = [0, 1, 2].map((j) => col(...rows.map((r) => r[j])));
        const outs = [
          call('CUSTOMER_VALUE_GROUP', a, b, c),
          call(
            'TIER_SCORE',
            rows.map((r) => [...r]),
            [[1, 2, 3]],
          ),
          call(
            'TIER_SCORE',
            rows.map((r) => [...r]),
            [[1, 2, 3]],
            '',
            'minmax',
          ),
          call('RFM_SCORE', a, b, c),
          call('CUSTOMER_ROLLUP', col(...rows.map((_, i) => `c${i % 3}`)), col(...rows.map(() => '2024-01-01')), a),
        ];
        for (const out of outs) expect(out.flat().every(finiteOrText)).toBe(true);
        for (const s of outs[1].concat(outs[2]).map((r) => r[0])) if (typeof s === 'number') expect(s >= 0 && s <= 100).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('one-cell and one-row ranges, as Apps Script passes them', () => {
  it('a one-cell range (a bare value) is a table of one customer', () => {
    expect(call('ABC_TIER', 42)).toEqual([['A']]);
    expect(call('CUSTOMER_VALUE_GROUP', 100, 20)).toEqual([['MVC']]);
    expect(call('TIER_CHANGE', 'B', 'A')).toEqual([['Upgrade']]);
    expect(call('RFM_SCORE', 3, 2, 100)[0]).toHaveLength(4);
    const one = call('CUSTOMER_ROLLUP', 'x', new Date(Date.UTC(2024, 0, 5)), 100, '2024-01-15');
    expect(one[1].slice(0, 3)).toEqual(['x', 100, 1]);
    expect(one[1][6]).toBe(10);
    expect(typeof call('TIER_SCORE', 7, 1)[0][0]).toBe('number');
  });

  it('a row across (C2:G2) spills across', () => {
    expect(call('ABC_TIER', [[3, 2, 1]])).toEqual([['A', 'A', 'B']]);
    expect(call('TIER_CHANGE', [['B', 'A']], [['A', 'A']])).toEqual([['Upgrade', 'Same']]);
    const rfm = call('RFM_SCORE', [[1, 10, 100, 200, 300]], [[9, 5, 3, 2, 1]], [[900, 500, 300, 200, 100]]);
    expect(rfm).toHaveLength(4);
    expect(rfm.map((r) => r[0])).toEqual([5, 5, 5, '555']);
  });
});

describe('comma-decimal lists', () => {
  it('{0,8;0,95} as a column or as text reads like {0.8,0.95}', () => {
    const values = col(...Array.from({ length: 30 }, (_, i) => (i + 1) * 10));
    const expected = call('ABC_TIER', values, 'pareto', [[0.7, 0.9]]);
    expect(call('ABC_TIER', values, 'pareto', [[0.7], [0.9]])).toEqual(expected);
    expect(call('ABC_TIER', values, 'pareto', '0,7;0,9')).toEqual(expected);
    expect(call('ABC_TIER', values, 'pareto', '0.7, 0.9')).toEqual(expected);
    const grid = [
      [1, 9],
      [2, 8],
      [3, 1],
    ];
    expect(call('TIER_SCORE', grid, '0,25;0,75')).toEqual(call('TIER_SCORE', grid, [[0.25, 0.75]]));
    expect(call('CUSTOMER_VALUE_GROUP', values, '', '', '0,5')).toEqual(call('CUSTOMER_VALUE_GROUP', values, '', '', 0.5));
  });
});

describe('help that autocomplete shows', () => {
  const code = readFileSync(path.resolve(__dirname, '../../dist/Code.js'), 'utf8');
  const docOf = (name: string) =>
    code
      .slice(0, code.indexOf(`function ${name}(`))
      .split('/**')
      .pop()!;

  it('says what each function returns in its description, since autocomplete ignores @return', () => {
    for (const fn of CUSTOM_FUNCTIONS) {
      const description = docOf(fn.name).split('@param')[0];
      expect(description).toContain(fn.returns);
    }
    expect(docOf('RFM_SCORE').split('@param')[0]).toMatch(/Spills 4 columns per row: R, F, M/);
  });

  it('asks for a fixed as_of date and shows both list forms', () => {
    for (const name of ['RFM_SCORE', 'RFM_SEGMENT', 'CUSTOMER_ROLLUP'])
      expect(docOf(name)).toMatch(/@param \{Date\} as_of .*not TODAY\(\) or NOW\(\)/);
    expect(docOf('ABC_TIER')).toMatch(/\{0\.8,0\.95\} \(or \{0,8;0,95\}/);
    expect(docOf('TIER_SCORE')).toMatch(/\{0,4;0,3;0,2;0,1\}/);
  });
});

describe('amounts among decimal commas', () => {
  it('ABC_TIER asks about "2.500" in a column that writes 1.234,56 rather than reading 2.5', () => {
    const out = call('ABC_TIER', col('1.234,56', '2.500', '300')).map((r) => r[0]);
    expect(out[1]).toBe('⚠ values: "2.500" is ambiguous where decimals take a comma (as in "1.234,56"): write 2500 or 2,5');
    expect(out[0]).toBe('A');
    // The same cell alone in a column of plain numbers is two and a half.
    expect(call('ABC_TIER', col('2.500', '300')).map((r) => r[0])).toEqual(['C', 'A']);
  });
});
