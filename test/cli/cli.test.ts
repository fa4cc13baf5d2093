/**
 * The customer-tiers CLI run as a child process on temp files, as a user would run it.
 * Expected tiers are derived here from the values, not copied from the program's output.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { csv, ROOT, runCli, tempDir, writeIn } from './helpers';
import { TIER_COLOURS } from '../../src/settings/settings';

const dirOf = tempDir('customer-tiers-cli-');
const cli = (...args: string[]) => runCli(dirOf(), ...args);
const file = (name: string, text: string) => writeIn(dirOf(), name, text);

/**
 * Pareto ABC as the sheet formula a user would write: a customer is in tier i when the share of
 * the total held by customers worth strictly more is below cut i (ties share a tier).
 */
function paretoTiers(values: number[], cuts: number[], labels: string[]): string[] {
  const total = values.reduce((a, b) => a + b, 0);
  return values.map((v) => {
    const before = values.filter((w) => w > v).reduce((a, b) => a + b, 0) / total;
    const tier = cuts.filter((c) => before >= c).length;
    return labels[tier];
  });
}

describe('usage', () => {
  test('no arguments and --help print the usage and succeed', () => {
    for (const args of [[], ['--help']]) {
      const r = cli(...args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: customer-tiers/);
      expect(r.stdout).toMatch(/--value-column/);
    }
  });

  test('unknown command, option, method or bad cuts: message plus usage, exit 2', () => {
    const input = file('u.csv', 'name,value\nx,1\n');
    const cases: [string[], RegExp][] = [
      [['frobnicate', input], /Unknown command "frobnicate"/],
      [['tier', input, '--value-column', 'value', '--colour', 'red'], /Unknown option --colour/],
      [['tier', input, '--value-column', 'value', '--method', 'magic'], /--method must be pareto, rank, threshold or computed/],
      [['tier', input, '--value-column', 'value', '--cuts', '0.8,x'], /--cuts: "x" is not a number/],
      [['tier', input], /tier needs --value-column/],
      [['sql', 'clv', '--table', 't', '--id-column', 'a', '--date-column', 'b', '--amount-column', 'c'], /clv has no SQL form/],
      [
        ['clv', input, '--id-column', 'name', '--date-column', 'd', '--amount-column', 'value', '--group-column', 'r'],
        /--group-column does not apply to clv: clv fits one model on all customers/,
      ],
      [
        ['clv', input, '--id-column', 'name', '--date-column', 'd', '--amount-column', 'value', '--engine', 'duckdb'],
        /--engine does not apply to clv/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = cli(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/Usage: customer-tiers/);
    }
  });

  test('cuts the engine rejects (not increasing) are a usage error', () => {
    const input = file('c.csv', 'name,value\nx,1\ny,2\n');
    const r = cli('tier', input, '--value-column', 'value', '--cuts', '0.95,0.8');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Usage:/);
  });
});

test('--lang zh: the run-level notes and refusals are Chinese too', () => {
  const none = cli('tier', file('none.csv', 'name,value\nA,\nB,\n'), '--value-column', 'value', '--lang', 'zh');
  expect(none.code).toBe(1);
  expect(none.stderr).toMatch(/没有可分级的客户：“value”列没有任何值。未写出任何文件。/);
  const orders = file('later.csv', 'id,date,amount\na,2024-01-05,10\nb,2024-03-01,20\nc,2024-01-07,5\n');
  const later = cli(
    'rfm',
    orders,
    '--id-column',
    'id',
    '--date-column',
    'date',
    '--amount-column',
    'amount',
    '--as-of',
    '2024-02-01',
    '--lang',
    'zh',
  );
  expect(later.code).toBe(0);
  expect(later.stderr).toMatch(/警告：已跳过 1 笔晚于 --as-of 2024-02-01 的订单（行号 3）。/);
});

test('threshold cuts no customer reaches: the tiers are written, and a note says why the top tier is empty', () => {
  const input = file('small-amounts.csv', 'name,value\nx,120\ny,40\n');
  const r = cli('tier', input, '--value-column', 'value', '--method', 'threshold');
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(/no customer reached the top tier \(A: 1,000,000 or more\); threshold cuts are amounts in your values' units/);
  const ok = cli('tier', input, '--value-column', 'value', '--method', 'threshold', '--cuts', '100,50');
  expect(ok.stderr).not.toMatch(/no customer reached/);
});

test('tiering its own output again gives the same file: the earlier Tier, Rank and share columns are replaced', () => {
  const input = file('again.csv', 'name,Revenue,Region\nx,120,N\ny,40,S\nz,300,N\n');
  for (const engine of ['memory', 'duckdb']) {
    const args = ['--value-column', 'Revenue', '--group-column', 'Region', '--engine', engine];
    const once = cli('tier', input, ...args);
    expect(once.code).toBe(0);
    const twice = cli('tier', file(`once-${engine}.csv`, once.stdout), ...args);
    expect(twice.code).toBe(0);
    expect(twice.stdout).toBe(once.stdout);
    expect(csv(once.stdout)[0]).toEqual(['name', 'Revenue', 'Region', 'Tier', 'Group', 'Rank', 'Cumulative share']);
  }
});

describe('tier', () => {
  // Semicolon-separated with a BOM and Chinese headers, as Excel in many locales saves CSV.
  const names = [
    'Acme Trading Ltd',
    '上海星河贸易有限公司',
    'Blue River Foods',
    '北京恒通物流有限公司',
    'Harbor Supplies',
    'Orion Imports',
    'Maple Co.',
    'Atlas LLC',
  ];
  const values = [5200, 2600, 1200, 450, 300, 150, 60, 40];
  const text = `\ufeff客户 Customer;销售额 Revenue\n${names.map((n, i) => `${n};${values[i]}`).join('\n')}\n`;

  test('semicolon CSV with BOM: every row gets its pareto tier, to stdout', () => {
    const input = file('semi.csv', text);
    const r = cli('tier', input, '--value-column', 'revenue');
    expect(r.code).toBe(0);
    const out = csv(r.stdout);
    expect(out[0]).toEqual(['客户 Customer', '销售额 Revenue', 'Tier', 'Rank', 'Cumulative share']);
    expect(out.slice(1).map((row) => row[0])).toEqual(names);
    expect(out.slice(1).map((row) => row[2])).toEqual(paretoTiers(values, [0.8, 0.95], ['A', 'B', 'C']));
    // Ranks by value, best first (values are distinct and already descending here).
    expect(out.slice(1).map((row) => Number(row[3]))).toEqual(values.map((_, i) => i + 1));
  });

  test('custom cuts and labels, CSV file out with BOM', () => {
    const input = file('semi2.csv', text);
    const out = path.join(dirOf(), 'tiers-custom.csv');
    const r = cli('tier', input, '--value-column', '销售额', '--cuts', '0.5,0.9', '--labels', 'Gold,Silver,Bronze', '--out', out);
    expect(r.code).toBe(0);
    const written = readFileSync(out, 'utf8');
    expect(written.charCodeAt(0)).toBe(0xfeff);
    expect(
      csv(written)
        .slice(1)
        .map((row) => row[2]),
    ).toEqual(paretoTiers(values, [0.5, 0.9], ['Gold', 'Silver', 'Bronze']));
  });

  test('--id-column adds up an orders list per customer and lists customers best first', () => {
    const orders = [
      ['Acme', '100'],
      ['Beta', '30'],
      ['Acme', '400'],
      ['Gamma', '20'],
      ['Beta', '25'],
      ['Delta', '¥1,200'],
      ['Gamma', '-5'],
      ['Epsilon', '10'],
    ];
    const input = file('orders-tab.csv', `Customer\tAmount\n${orders.map((o) => o.join('\t')).join('\n')}\n`);
    const r = cli('tier', input, '--value-column', 'amount', '--id-column', 'customer');
    expect(r.code).toBe(0);
    const totals = new Map<string, number>();
    for (const [name, amount] of orders) totals.set(name, (totals.get(name) ?? 0) + Number(amount.replace(/[¥,]/g, '')));
    const byValue = [...totals.entries()].sort((a, b) => b[1] - a[1]);
    const out = csv(r.stdout);
    expect(out[0]).toEqual(['Customer', 'Amount', 'Tier', 'Rank', 'Cumulative share']);
    expect(out.slice(1).map((row) => [row[0], Number(row[1])])).toEqual(byValue);
    expect(out.slice(1).map((row) => row[2])).toEqual(
      paretoTiers(
        byValue.map((e) => e[1]),
        [0.8, 0.95],
        ['A', 'B', 'C'],
      ),
    );
  });

  test('XLSX in (named sheet, formula and dates) and XLSX out', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').addRow(['not this one']);
    const sheet = workbook.addWorksheet('Customers');
    sheet.addRow(['Customer', 'Since', 'Revenue']);
    values.forEach((v, i) =>
      sheet.addRow([names[i], new Date(Date.UTC(2024, 0, i + 1)), i === 0 ? { formula: '5000+200', result: v } : v]),
    );
    const input = path.join(dirOf(), 'in.xlsx');
    await workbook.xlsx.writeFile(input);
    const out = path.join(dirOf(), 'out.xlsx');
    const r = cli('tier', input, '--sheet', 'Customers', '--value-column', 'Revenue', '--out', out, '--lang', 'zh');
    expect(r.code).toBe(0);
    const result = new ExcelJS.Workbook();
    await result.xlsx.readFile(out);
    const ws = result.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, 'Customer', 'Since', 'Revenue', '客户等级', '排名', '累计占比']);
    expect(ws.getRow(1).font?.bold).toBe(true);
    const tiers = values.map((_, i) => ws.getRow(i + 2).getCell(4).value);
    expect(tiers).toEqual(paretoTiers(values, [0.8, 0.95], ['A', 'B', 'C']));
    // Dates survive as dates on the same calendar day.
    expect(ws.getRow(3).getCell(2).value).toEqual(new Date(Date.UTC(2024, 0, 2)));
    // The cumulative share reads as a percentage, as in the add-on's sheet; the input's columns keep theirs.
    expect(ws.getRow(3).getCell(6).numFmt).toBe('0.0%');
    expect(ws.getRow(3).getCell(5).numFmt).toBe('0');
    expect(ws.getRow(3).getCell(3).numFmt).toBeUndefined();
    // Each tier cell in its tier's colour, as the add-on colours the sheet (A, B, C: the first three colours).
    const fills = values.map((_, i) => (ws.getRow(i + 2).getCell(4).fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb);
    expect(fills).toEqual(tiers.map((tier) => `FF${TIER_COLOURS['ABC'.indexOf(String(tier))].slice(1)}`));
  });

  test('a wrong sheet name lists the sheets', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Data').addRow(['a']);
    const input = path.join(dirOf(), 'sheets.xlsx');
    await workbook.xlsx.writeFile(input);
    const r = cli('tier', input, '--sheet', 'Nope', '--value-column', 'a');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no sheet "Nope"\. Sheets: "Data"/);
  });

  test('an unknown column names the available headers', () => {
    const input = file('h.csv', '客户名称 Customer,金额 Amount,地区 Region\nx,1,East\n');
    const r = cli('tier', input, '--value-column', 'Revenue');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--value-column "Revenue": no such column. The columns are: "客户名称 Customer", "金额 Amount", "地区 Region".',
    );
  });

  test('bad rows: exit 1, each named by file row and column, and no output file', () => {
    const input = file('bad.csv', 'Customer,Amount\nA,100\nB,n/a\n\nC,200\nD,"¥1,2"\n');
    const out = path.join(dirOf(), 'bad-out');
    const outFile = `${out}.csv`;
    const before = readdirSync(dirOf()).length;
    const r = cli('tier', input, '--value-column', 'Amount', '--out', outFile);
    expect(r.code).toBe(1);
    // Rows as in the file: header is row 1, "B,n/a" row 3, the blank line 4 still counts, "D" row 6.
    expect(r.stderr).toMatch(/Row 3, column "Amount": "n\/a" is not a number/);
    expect(r.stderr).toMatch(/Row 6, column "Amount": "¥1,2" is ambiguous/);
    expect(r.stderr).toMatch(/Nothing was written/);
    expect(existsSync(outFile)).toBe(false);
    expect(readdirSync(dirOf()).length).toBe(before); // no temp file left behind either
  });

  test('--skip-bad-rows warns and tiers the readable rows', () => {
    const input = file('skip.csv', 'Customer,Amount\nA,100\nB,n/a\nC,200\n');
    const r = cli('tier', input, '--value-column', 'Amount', '--skip-bad-rows');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Warning: 1 row\(s\) left out:\n {2}Row 3/);
    const out = csv(r.stdout);
    expect(out[2][2]).toBe(''); // B has no tier
    expect(out[1][2]).not.toBe('');
  });

  test('a missing input file is a clear error', () => {
    const r = cli('tier', path.join(dirOf(), 'nope.csv'), '--value-column', 'x');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot read .*nope\.csv/);
  });
});

test('a bad row quoting Chinese text still reads as an English sentence (and the reverse with --lang zh)', () => {
  const input = file('zh-value.csv', 'name,value\nx,1\ny,北京远航\n');
  const en = cli('tier', input, '--value-column', 'value');
  expect(en.code).toBe(1);
  expect(en.stderr).toMatch(/Row 3, column "value": "北京远航" is not a number\.\n/);
  const zh = cli('tier', input, '--value-column', 'value', '--lang', 'zh');
  // With --lang zh the command's own words around the message are Chinese too.
  expect(zh.stderr).toMatch(
    /有 1 行无法读取（行号与文件一致，表头为第 1 行）：\n {2}第 3 行，“value”列："北京远航" 不是数字。\n请修正这些行/,
  );
});

describe('rfm', () => {
  const sample = path.join(ROOT, 'sample/orders.csv');
  const lines = readFileSync(sample, 'utf8').split('\n');
  const rowOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;

  test('a customer with only free orders or refunds is noted as such, not as a blank recency', () => {
    const input = file('free.csv', 'id,date,amount\na,2024-01-05,10\nb,2024-01-06,0\nc,2024-01-07,20\nb,2024-02-01,-5\n');
    const r = cli('rfm', input, '--id-column', 'id', '--date-column', 'date', '--amount-column', 'amount');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Row 3: No RFM code: no order above 0, only refunds or free orders/);
    expect(r.stderr).not.toMatch(/recency is blank/);
  });

  test('the sample has four bad rows: exit 1, listed with their line numbers', () => {
    const r = cli('rfm', sample, '--id-column', 'Customer', '--date-column', 'Order date', '--amount-column', 'Amount');
    expect(r.code).toBe(1);
    for (const [needle, col] of [
      [',n/a,', '金额 Amount'],
      ['31/02/2024', '订单日期 Order date'],
      ['"¥1,2"', '金额 Amount'],
    ]) {
      expect(r.stderr).toContain(`Row ${rowOf(needle)}, column "${col}"`);
    }
    expect(r.stderr).toContain(`Row ${lines.findIndex((l) => l.startsWith(',')) + 1}, column "客户名称 Customer"`);
  });

  test('rolls the sample up per customer with scores and segments', () => {
    const out = path.join(dirOf(), 'rfm.csv');
    const r = cli(
      'rfm',
      sample,
      '--id-column',
      '客户名称',
      '--date-column',
      'date',
      '--amount-column',
      'amount',
      '--as-of',
      '2025-06-30',
      '--skip-bad-rows',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    const rows = csv(readFileSync(out, 'utf8'));
    expect(rows[0]).toEqual([
      '客户名称 Customer',
      'First order',
      'Last order',
      'Recency (days)',
      'Orders',
      'Total',
      'R',
      'F',
      'M',
      'RFM',
      'Segment',
    ]);
    // Independent roll-up of the readable lines of the file.
    const records = csv(readFileSync(sample, 'utf8'))
      .slice(1)
      .filter(([name, date, amount]) => name && /^\d{4}-\d{2}-\d{2}$/.test(date) && /^-?\d+(\.\d+)?$/.test(amount));
    const expected = new Map<string, { orders: number; last: string; total: number }>();
    for (const [name, date, amount] of records) {
      const c = expected.get(name) ?? { orders: 0, last: '', total: 0 };
      if (Number(amount) > 0) {
        c.orders++;
        if (date > c.last) c.last = date;
      }
      c.total += Number(amount);
      expected.set(name, c);
    }
    expect(rows.length - 1).toBe(expected.size);
    for (const row of rows.slice(1)) {
      const e = expected.get(row[0])!;
      expect(Number(row[4])).toBe(e.orders);
      expect(row[2]).toBe(e.last);
      expect(Number(row[5])).toBeCloseTo(e.total, 6);
      expect(Number(row[3])).toBe((Date.parse('2025-06-30') - Date.parse(e.last)) / 86_400_000);
      expect(row[9]).toBe(`${row[6]}${row[7]}${row[8]}`);
      expect(row[10]).not.toBe('');
    }
    // Recency score falls as days since the last order grow.
    const byRecency = rows
      .slice(1)
      .map((row) => [Number(row[3]), Number(row[6])])
      .sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < byRecency.length; i++) expect(byRecency[i][1]).toBeLessThanOrEqual(byRecency[i - 1][1]);
  });

  test('a bad --as-of is a usage error', () => {
    const r = cli('rfm', sample, '--id-column', 'Customer', '--date-column', 'date', '--amount-column', 'amount', '--as-of', '30/06/2025');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--as-of must be a date written YYYY-MM-DD/);
  });
});

describe('value-groups', () => {
  test('BZ below zero, MVC the top fifth by net value, in Chinese with --lang zh', () => {
    const rows = [
      ['a', 1000, 100],
      ['b', 500, 50],
      ['c', 300, 400],
      ['d', 200, 20],
      ['e', 100, 10],
      ['f', 90, 5],
      ['g', 80, 5],
      ['h', 70, 5],
      ['i', 60, 5],
      ['j', 50, 5],
    ];
    const input = file('vg.csv', `Customer|Revenue|Cost to serve\n${rows.map((r) => r.join('|')).join('\n')}\n`);
    const r = cli('value-groups', input, '--value-column', 'Revenue', '--cost-column', 'cost to serve', '--lang', 'zh');
    expect(r.code).toBe(0);
    const out = csv(r.stdout);
    expect(out[0].slice(3)).toEqual(['净值', '价值分组']);
    const net = rows.map((row) => (row[1] as number) - (row[2] as number));
    expect(out.slice(1).map((row) => Number(row[3]))).toEqual(net);
    // 9 customers with net > 0; the top ceil(0.2 * 9) = 2 of them are MVC.
    const groups = out.slice(1).map((row) => row[4]);
    const mvc = groups[0];
    const bz = groups[2];
    expect(new Set([mvc, bz, groups[3]]).size).toBe(3);
    expect(groups.filter((g) => g === mvc)).toHaveLength(2);
    expect(groups[1]).toBe(mvc);
    expect(groups.filter((g) => g === bz)).toHaveLength(1);
    expect(groups.slice(3).every((g) => g === groups[3])).toBe(true);
  });
});

describe('value-groups with potential', () => {
  test('MGC: the customers with the biggest growth gap among the rest, in English by default', () => {
    const values = [1000, 900, 800, 700, 600, 500, 400, 300, 200, 100];
    const potential: Record<number, number> = { 800: 900, 500: 2000, 300: 1000 };
    const input = file('mgc.csv', `Name,Sales,Potential\n${values.map((v, i) => `c${i},${v},${potential[v] ?? ''}`).join('\n')}\n`);
    const r = cli('value-groups', input, '--value-column', 'sales', '--potential-column', 'potential');
    expect(r.code).toBe(0);
    const groups = csv(r.stdout)
      .slice(1)
      .map((row) => row[4]);
    // 10 positive values: MVC = top ceil(0.2 * 10) = 2. The other 8: MGC = top ceil(0.2 * 8) = 2 by
    // potential - value among gaps > 0: 500 (gap 1500) and 300 (gap 700), not 800 (gap 100).
    expect(groups).toEqual(['MVC', 'MVC', 'Maintain', 'Maintain', 'Maintain', 'MGC', 'Maintain', 'MGC', 'Maintain', 'Maintain']);
  });
});

describe('value-groups on an orders list (--id-column)', () => {
  test('adds value and cost up per customer, takes the largest potential, and writes one row per customer', () => {
    const orders = [
      ['A', 100, 10, 500],
      ['A', 200, 20, 500],
      ['B', 50, 80, 10],
      ['C', 300, 30, 900],
      ['C', 10, 5, 900],
      ['D', 5, 1, 2000],
    ];
    const input = file('vg-orders.csv', `Customer,Amount,Cost,Potential\n${orders.map((o) => o.join(',')).join('\n')}\n`);
    const r = cli(
      'value-groups',
      input,
      '--value-column',
      'Amount',
      '--cost-column',
      'Cost',
      '--potential-column',
      'Potential',
      '--id-column',
      'Customer',
    );
    expect(r.code).toBe(0);
    const out = csv(r.stdout);
    expect(out[0]).toEqual(['Customer', 'Amount', 'Orders', 'Net value', 'Value group']);
    const byId = new Map(out.slice(1).map((row) => [row[0], row.slice(1)]));
    expect([...byId.keys()]).toEqual(['A', 'B', 'C', 'D']);
    for (const id of byId.keys()) {
      const own = orders.filter((o) => o[0] === id);
      const value = own.reduce((sum, o) => sum + Number(o[1]), 0);
      const cost = own.reduce((sum, o) => sum + Number(o[2]), 0);
      expect(byId.get(id)!.slice(0, 3).map(Number)).toEqual([value, own.length, value - cost]);
    }
    // B costs more than it brings: below zero. C is the most valuable; D, the biggest gap to its potential, the most growable.
    expect(out.slice(1).map((row) => row[4])).toEqual(['Maintain', 'BZ', 'MVC', 'MGC']);
  });
});

describe('bin/customer-tiers.js', () => {
  test('runs the built CLI (npm test builds it first)', () => {
    expect(existsSync(path.join(ROOT, 'dist-cli/customer-tiers.js'))).toBe(true);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/customer-tiers.js'), '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: customer-tiers/);
  });
});
