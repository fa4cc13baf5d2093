import { issueText } from '../../src/i18n/issues';
import {
  parseAmount,
  parseDate,
  parseAmountColumn,
  parseDateColumn,
  serialDayFromDate,
  dateFromSerialDay,
  isoFromSerialDay,
  isDateColumn,
  looksLikeDate,
  type ParsedCell,
} from '../../src/engine/cells';

const value = <T>(v: T): ParsedCell<T> => ({ kind: 'value', value: v });
function reasonOf<T>(parsed: ParsedCell<T>): string {
  if (parsed.kind !== 'invalid') throw new Error(`expected invalid, got ${JSON.stringify(parsed)}`);
  return issueText(parsed.issue, 'en');
}

describe('parseAmount', () => {
  test.each<[unknown, number]>([
    [42, 42],
    [-3.5, -3.5],
    ['42', 42],
    ['  1234.5  ', 1234.5],
    ['1,234.50', 1234.5],
    ['$1,234', 1234],
    ['¥1,234.50', 1234.5],
    ['￥88', 88],
    ['€12', 12],
    ['£7.25', 7.25],
    ['RMB 1,000', 1000],
    ['CNY500', 500],
    ['100 USD', 100],
    ['300元', 300],
    ['(1,234)', -1234],
    ['($1,234.50)', -1234.5],
    ['-1,234', -1234],
    ['-$5', -5],
    ['$-5', -5],
    ['+7', 7],
    ['12,345,678', 12345678],
    ['1.234,56', 1234.56],
    ['1.234.567', 1234567],
    ['1 234,5', 1234.5],
    ['1 234 567', 1234567],
    ['1.2万', 12000],
    ['0.07万', 700],
    ['3亿', 300000000],
    ['5千', 5000],
    ['2百万', 2000000],
    ['1.5万元', 15000],
    ['１２３４', 1234],
    ['－５０', -50],
    ['12.5%', 0.125],
    ['-3%', -0.03],
    ['1e3', 1000],
    ['.5', 0.5],
  ])('%p -> %p', (input, expected) => {
    expect(parseAmount(input as string)).toEqual(value(expected));
  });

  test('blank cells', () => {
    expect(parseAmount(null)).toEqual({ kind: 'blank' });
    expect(parseAmount(undefined)).toEqual({ kind: 'blank' });
    expect(parseAmount('')).toEqual({ kind: 'blank' });
    expect(parseAmount('   ')).toEqual({ kind: 'blank' });
  });

  test('ambiguous decimal comma asks for a dot', () => {
    expect(reasonOf(parseAmount('1,5'))).toMatch(/ambiguous.*dot/);
    expect(reasonOf(parseAmount('12,34'))).toMatch(/dot/);
  });

  test('sheet errors name the error', () => {
    for (const err of ['#N/A', '#DIV/0!', '#REF!', '#VALUE!']) {
      expect(reasonOf(parseAmount(err))).toContain(err);
    }
  });

  test('never silently zero: text, booleans, dates and non-finite numbers are invalid', () => {
    expect(reasonOf(parseAmount('abc'))).toBe('"abc" is not a number');
    expect(reasonOf(parseAmount(true))).toMatch(/TRUE/);
    expect(reasonOf(parseAmount(false))).toMatch(/FALSE/);
    expect(reasonOf(parseAmount(new Date(2024, 0, 1)))).toMatch(/date/);
    expect(parseAmount(NaN).kind).toBe('invalid');
    expect(parseAmount(Infinity).kind).toBe('invalid');
    for (const bad of ['1,23,4', '12a', '--5', '1.2.3,4.5', '%', '$', '1 23', '(5', 'Infinity']) {
      expect(parseAmount(bad).kind).toBe('invalid');
    }
  });
});

describe('parseDate', () => {
  // Serial day of 2024-03-05 derived independently: days between 1899-12-30 and 2024-03-05.
  const mar5 = (Date.UTC(2024, 2, 5) - Date.UTC(1899, 11, 30)) / 86400000;

  test('the Sheets epoch and a well-known serial', () => {
    // Sheets/Excel: 1900-01-01 is serial 2 in the 1899-12-30 system; 2024-03-05 is 45356.
    expect(parseDate('1900-01-01')).toEqual(value(2));
    expect(mar5).toBe(45356);
  });

  test.each<[unknown]>([
    ['2024-03-05'],
    ['2024/3/5'],
    ['2024-03-05T10:00:00'],
    ['2024-03-05 23:59'],
    ['2024-03-05T10:00:00Z'],
    ['20240305'],
    [20240305],
    ['2024年3月5日'],
    ['２０２４年３月５日'],
    [45356],
    [45356.75],
    [new Date(2024, 2, 5)],
    [new Date(2024, 2, 5, 23, 30)],
  ])('%p is 2024-03-05', (input) => {
    expect(parseDate(input as string)).toEqual(value(mar5));
  });

  test('ambiguous day/month order is refused, asking for ISO', () => {
    expect(reasonOf(parseDate('03/05/2024'))).toMatch(/YYYY-MM-DD/);
    expect(reasonOf(parseDate('5.3.24'))).toMatch(/YYYY-MM-DD/);
  });

  test('invalid dates', () => {
    expect(parseDate(new Date('nope')).kind).toBe('invalid');
    expect(parseDate('2023-02-29').kind).toBe('invalid');
    expect(parseDate('2024-13-01').kind).toBe('invalid');
    expect(parseDate(0).kind).toBe('invalid');
    expect(parseDate(-5).kind).toBe('invalid');
    expect(parseDate(3_000_000).kind).toBe('invalid');
    expect(parseDate(true).kind).toBe('invalid');
    expect(parseDate('yesterday').kind).toBe('invalid');
    expect(reasonOf(parseDate('#N/A'))).toContain('#N/A');
    expect(parseDate(20230229).kind).toBe('invalid');
  });

  test('blank dates', () => {
    expect(parseDate(null)).toEqual({ kind: 'blank' });
    expect(parseDate(' ')).toEqual({ kind: 'blank' });
  });

  test('leap day 2024-02-29 exists', () => {
    expect(parseDate('2024-02-29')).toEqual(value(mar5 - 5));
  });
});

describe('serial day conversions', () => {
  test('round trips through Date and ISO', () => {
    for (const s of [1, 2, 61, 45356, 2958465]) {
      expect(serialDayFromDate(dateFromSerialDay(s))).toBe(s);
      expect(parseDate(isoFromSerialDay(s))).toEqual(value(s));
    }
  });

  test('dateFromSerialDay gives local midnight of the right calendar day', () => {
    const d = dateFromSerialDay(45356);
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()]).toEqual([2024, 2, 5, 0, 0]);
    expect(isoFromSerialDay(45356)).toBe('2024-03-05');
    expect(isoFromSerialDay(1)).toBe('1899-12-31');
  });
});

describe('column parsing', () => {
  test('amount column: blanks are null without issue, invalid cells get 0-based row issues', () => {
    const { values, issues } = parseAmountColumn([10, '', 'abc', '$5', null, true], 'Revenue');
    expect(values).toEqual([10, null, null, 5, null, null]);
    expect(issues.map((i) => [i.row, i.column])).toEqual([
      [2, 'Revenue'],
      [5, 'Revenue'],
    ]);
    expect(issueText(issues[0], 'en')).toBe('"abc" is not a number');
  });

  test('a column that writes a decimal comma makes one dot before three digits ambiguous, never read as a decimal point', () => {
    const european = parseAmountColumn(['1.234,56', '2.500', ' -€12.000 ', '2.5', '1.234.567', 7.5, '2.501'], 'Amount');
    expect(european.values).toEqual([1234.56, null, null, 2.5, 1234567, 7.5, null]);
    expect(european.issues.map((i) => i.row)).toEqual([1, 2, 6]);
    expect(issueText(european.issues[0], 'en')).toBe(
      '"2.500" is ambiguous where decimals take a comma (as in "1.234,56"): write 2500 or 2,5',
    );
    expect(issueText(european.issues[1], 'zh')).toBe('"-€12.000" 有歧义：此列用逗号作小数点（如 "1.234,56"），请写成 -€12000 或 -€12');
    // Without a decimal comma anywhere in the column, 2.500 is two and a half, as a lone cell reads.
    expect(parseAmountColumn(['1,234.56', '2.500'], 'Amount')).toEqual({ values: [1234.56, 2.5], issues: [] });
  });

  test('date column', () => {
    const { values, issues } = parseDateColumn(['2024-03-05', '03/05/2024', undefined], 'Date');
    expect(values).toEqual([45356, null, null]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ row: 1, column: 'Date' });
  });
});

describe('day/month/year text', () => {
  it('calls it ambiguous only when both readings are real dates', () => {
    expect(reasonOf(parseDate('03/05/2024'))).toMatch(/ambiguous/);
    expect(reasonOf(parseDate('31/02/2024'))).toMatch(/"31\/02\/2024" is not a real calendar date/);
  });
});

describe('magnitude and date-like cells', () => {
  test('amounts beyond ±1e300 are refused, so sums and differences stay finite', () => {
    expect(parseAmount(1e300)).toEqual(value(1e300));
    expect(parseAmount(5e-324)).toEqual(value(5e-324));
    expect(reasonOf(parseAmount(1e308))).toBe('1e+308 is too far from zero: amounts must lie within ±1e300');
    expect(reasonOf(parseAmount(-1e301))).toMatch(/too far from zero/);
    expect(reasonOf(parseAmount('2e300万'))).toMatch(/too far from zero/);
  });

  test('looksLikeDate: dates, date text (ambiguous included) and YYYYMMDD numbers; not day counts', () => {
    for (const c of [new Date(), '2024-03-01', '2024.03.01', '20240301', '2024年3月1日', '03/04/2024', 19970101])
      expect(looksLikeDate(c)).toBe(true);
    for (const c of [0, 30, 365, 45000, 'abc', '', null, true, 19971301.5]) expect(looksLikeDate(c)).toBe(false);
  });

  test('isDateColumn: at least half of the filled cells look like dates', () => {
    expect(isDateColumn([19970101, 19980630, ''])).toBe(true);
    expect(isDateColumn([3, 10, '2024-03-01'])).toBe(false);
    expect(isDateColumn([3, '2024-03-01'])).toBe(true);
    expect(isDateColumn(['', null])).toBe(false);
  });
});
