/**
 * Date cells arrive as midnight in the spreadsheet's time zone, which is not the script's: the
 * add-on must read the calendar date the user sees, in any zone.
 */
import { createFakeGas, getSheet } from '../../harness/fakeGas';
import { loadBundle, invoke } from '../../harness/loadBundle';
import { sampleOrders } from '../../src/sample/generate';

const zones = ['Asia/Shanghai', 'America/New_York', 'Pacific/Kiritimati', 'Etc/UTC'];

describe.each(zones)('spreadsheet in %s', (timeZone) => {
  // Dates typed as text are stored by the fake as that zone's midnight, as Sheets does.
  const orders = [
    ['Customer', 'Order date', 'Amount'],
    ['x', '2024-03-05', 100],
    ['y', '2024-03-31', 50], // the night US daylight saving has already started and EU's starts
    ['x', '2024-11-03', 30],
  ];

  it('gives the sidebar the dates the user typed', () => {
    const fake = createFakeGas({ timeZone, sheets: { Orders: orders } });
    const ctx = loadBundle(fake);
    const table = invoke(fake, ctx, 'sidebarGetTable', 'Orders', 1) as { rows: unknown[][] };
    expect(table.rows.map((r) => r[1])).toEqual(['2024-03-05', '2024-03-31', '2024-11-03']);
  });

  it('rolls orders up with the right days and returns dates that show the same day', () => {
    const fake = createFakeGas({ timeZone, sheets: { Orders: orders } });
    const ctx = loadBundle(fake);
    const dates = getSheet(fake, 'Orders').getRange('B2:B4').getValues();
    const out = invoke(fake, ctx, 'CUSTOMER_ROLLUP', [['x'], ['y'], ['x']], dates, [[100], [50], [30]], [[dates[2][0]]]) as unknown[][];
    const [, x, y] = out;
    expect(x.slice(0, 3)).toEqual(['x', 130, 2]);
    expect(x[6]).toBe(0); // last order is the as-of day
    expect(y[6]).toBe(217); // 2024-03-31 -> 2024-11-03
    // A returned date is that zone's midnight of the right day.
    const shown = (d: unknown) =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        hourCycle: 'h23',
      }).format(d as Date);
    expect(shown(x[3])).toBe('2024-03-05, 00');
    expect(shown(y[4])).toBe('2024-03-31, 00');
  });
});

describe.each(zones)('sample data in %s', (timeZone) => {
  it("shows the generator's calendar dates", () => {
    const fake = createFakeGas({ timeZone });
    const ctx = loadBundle(fake);
    invoke(fake, ctx, 'insertSampleData');
    const table = invoke(fake, ctx, 'sidebarGetTable', 'Sample orders', 1) as { rows: unknown[][] };
    const first = sampleOrders().rows[0][1] as Date;
    const iso = `${first.getFullYear()}-${String(first.getMonth() + 1).padStart(2, '0')}-${String(first.getDate()).padStart(2, '0')}`;
    expect(table.rows[0][1]).toBe(iso);
  });
});

describe('date-time cells', () => {
  it.each(['America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata'])(
    '10,000 timestamps in %s: each on its calendar day, with a few Utilities.formatDate calls, not one per cell',
    (timeZone) => {
      const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
      const fake = createFakeGas({ timeZone, authMode: 'CUSTOM_FUNCTION' });
      const ctx = loadBundle(fake);
      // One order per customer, spread over 2024 at odd minutes, including the hours around midnight
      // and the daylight-saving changes.
      const start = Date.UTC(2024, 0, 1);
      const stamps = Array.from({ length: 10_000 }, (_, i) => new Date(start + (i * 3_153_659_000) / 1000 + (i % 7) * 3_600_000));
      fake.calls.reset();
      const out = invoke(
        fake,
        ctx,
        'CUSTOMER_ROLLUP',
        stamps.map((_, i) => [`c${i}`]),
        stamps.map((d) => [d]),
        stamps.map(() => [1]),
      ) as unknown[][];
      expect(fake.calls.byMethod['Utilities.formatDate']).toBeLessThan(150);
      expect(out).toHaveLength(10_001);
      const wrong = out.slice(1).filter((row, i) => format.format(row[3] as Date) !== format.format(stamps[i]));
      expect(wrong).toEqual([]);
    },
  );
});

describe('script and spreadsheet in different zones', () => {
  it("reads and returns Date cells in the spreadsheet's zone, not the script's", () => {
    const fake = createFakeGas({
      timeZone: 'Asia/Shanghai',
      scriptTimeZone: 'America/Los_Angeles',
      authMode: 'CUSTOM_FUNCTION',
      sheets: { Orders: [['d'], ['2024-03-05'], ['2024-03-31']] },
    });
    const ctx = loadBundle(fake);
    const dates = getSheet(fake, 'Orders').getRange('A2:A3').getValues();
    const out = invoke(fake, ctx, 'CUSTOMER_ROLLUP', [['x'], ['x']], dates, [[1], [2]], '2024-04-10') as unknown[][];
    expect(out[1][6]).toBe(10);
    expect((out[1][3] as Date).toISOString()).toBe('2024-03-04T16:00:00.000Z'); // Shanghai midnight of 2024-03-05
  });
});
