/**
 * `customer-tiers clv` run as a user would, on the CDNOW sample (converted to CSV here): the
 * published BG/NBD and Gamma-Gamma figures through the built command, its columns and its refusals.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { csv, runCli, tempDir, writeIn } from './helpers';

const dirOf = tempDir('customer-tiers-clv-');
const cli = (...args: string[]) => runCli(dirOf(), ...args);
const sampleRows = readFileSync(path.resolve(__dirname, '../../../shared/data/CDNOW_sample.txt'), 'utf8')
  .split(/\r?\n/)
  .map((l) => l.trim())
  .filter((l) => l !== '')
  .map((l) => l.split(/\s+/));
const sampleCsv = () => writeIn(dirOf(), 'cdnow.csv', `master,sample,date,cds,amount\n${sampleRows.map((r) => r.join(',')).join('\n')}\n`);
const COLUMNS = ['--id-column', 'master', '--date-column', 'date', '--amount-column', 'amount'];

describe('customer-tiers clv on the CDNOW sample', () => {
  test('reproduces the published parameters, on standard error and as JSON', () => {
    const input = sampleCsv();
    const paramsFile = path.join(dirOf(), 'params.json');
    const r = cli('clv', input, ...COLUMNS, '--calibration-end', '1997-09-30', '--params-out', paramsFile);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/BG\/NBD: r 0\.2426, alpha 4\.4136, a 0\.7929, b 2\.4259, log-likelihood -9582\.43/);
    const gg = /Gamma-Gamma: p ([\d.]+), q ([\d.]+), gamma ([\d.]+)/
      .exec(r.stderr)!
      .slice(1)
      .map((v) => Number(v).toFixed(2));
    expect(gg).toEqual(['6.25', '3.74', '15.44']);
    expect(r.stderr).toMatch(/946 repeat customers/);
    // CDNOW's order values vary within a customer: no note that the spend model has collapsed.
    expect(r.stderr).not.toMatch(/p is very large/);
    const params = JSON.parse(readFileSync(paramsFile, 'utf8'));
    expect(Math.abs(params.bgnbd.r - 0.2426)).toBeLessThan(0.001);
    expect(Math.abs(params.bgnbd.alpha - 4.4136)).toBeLessThan(0.001);
    expect(Math.abs(params.bgnbd.a - 0.7929)).toBeLessThan(0.001);
    expect(Math.abs(params.bgnbd.b - 2.4259)).toBeLessThan(0.001);
    expect(Math.abs(params.bgnbd.ll - -9582.4)).toBeLessThan(0.1);
    expect(params.gammagamma.p.toFixed(2)).toBe('6.25');
    expect(params.gammagamma.q.toFixed(2)).toBe('3.74');
    expect(params.gammagamma.gamma.toFixed(2)).toBe('15.44');
    expect(typeof params.gammagamma.ll).toBe('number');

    const [header, ...rows] = csv(r.stdout);
    expect(header).toEqual([
      'customer_id',
      'frequency',
      'recency',
      'T',
      'monetary',
      'p_alive',
      'expected_purchases',
      'expected_average_order',
      'clv',
      'holdout_purchases',
    ]);
    expect(rows).toHaveLength(2357);
    const col = (name: string) => rows.map((row) => Number(row[header.indexOf(name)]));
    expect(col('frequency').filter((x) => x === 0)).toHaveLength(1411);
    expect(col('frequency').reduce((s, x) => s + x, 0)).toBe(2457);
    // Holdout purchase days counted independently from the file.
    const later = new Set(sampleRows.filter((r) => r[2] > '19970930').map((r) => `${r[0]} ${r[2]}`));
    expect(col('holdout_purchases').reduce((s, x) => s + x, 0)).toBe(later.size);
    expect(col('p_alive').every((p) => p >= 0 && p <= 1)).toBe(true);
    // Customer 00004 (FHL's worked example): 1.226 expected purchases in the next 39 weeks.
    expect(rows[0][0]).toBe('00004');
    expect(Number(rows[0][header.indexOf('expected_purchases')]).toFixed(3)).toBe('1.226');
    // Monetary is blank for the customers who never bought again.
    expect(rows.filter((row) => row[1] === '0').every((row) => row[4] === '')).toBe(true);
  });

  test('a longer horizon and a lower discount raise every clv; days give the same predictions as weeks', () => {
    const input = sampleCsv();
    const clvOf = (...extra: string[]) => {
      const r = cli('clv', input, ...COLUMNS, '--calibration-end', '1997-09-30', ...extra);
      expect(r.code).toBe(0);
      const [header, ...rows] = csv(r.stdout);
      return { header, rows, clv: rows.map((row) => Number(row[header.indexOf('clv')])) };
    };
    const base = clvOf();
    const longer = clvOf('--horizon', '78');
    const undiscounted = clvOf('--discount-rate', '0');
    // Printed to 6 decimals, so a customer all but lost can show the same clv.
    expect(base.clv.filter((v, i) => !(longer.clv[i] >= v && undiscounted.clv[i] >= v))).toEqual([]);
    expect(longer.clv.reduce((s, v) => s + v, 0)).toBeGreaterThan(base.clv.reduce((s, v) => s + v, 0));
    const days = clvOf('--unit', 'days', '--horizon', '273');
    const e = (x: typeof base) => x.rows.map((row) => Number(row[x.header.indexOf('expected_purchases')]));
    const [w, d] = [e(base), e(days)];
    expect(Math.max(...w.map((v, i) => Math.abs(v - d[i])))).toBeLessThan(1e-3);
    expect(Number(days.rows[0][days.header.indexOf('T')])).toBeCloseTo(272, 6);
  });

  test('without --calibration-end every order is fitted and there is no holdout column', () => {
    const r = cli('clv', sampleCsv(), ...COLUMNS, '--horizon', '52');
    expect(r.code).toBe(0);
    const [header, ...rows] = csv(r.stdout);
    expect(header).not.toContain('holdout_purchases');
    expect(rows).toHaveLength(2357);
  });
});

test('a spend model whose p runs off (order values that barely vary within a customer) is noted', () => {
  const sample = path.resolve(__dirname, '../../sample/orders.csv');
  const r = cli('clv', sample, '--id-column', 'Customer', '--date-column', 'Order date', '--amount-column', 'Amount', '--skip-bad-rows');
  expect(r.code).toBe(0);
  const p = Number(/Gamma-Gamma: p ([\d.]+)/.exec(r.stderr)![1]);
  expect(p).toBeGreaterThan(1000);
  expect(r.stderr).toMatch(
    /Note: the spend model's p is very large \([\d.]+\): each customer's orders barely vary around their own average/,
  );
});

describe('customer-tiers clv refusals', () => {
  test('bad options are usage errors (exit 2), before anything is read or written', () => {
    const input = sampleCsv();
    const cases: [string[], RegExp][] = [
      [['--unit', 'months'], /--unit must be weeks or days/],
      [['--horizon', '-3'], /--horizon must be a positive number of weeks/],
      [['--discount-rate', 'abc'], /--discount-rate must be a monthly rate/],
      [['--margin', '30'], /--margin must be a share/],
      [['--calibration-end', '30/09/1997'], /--calibration-end must be a date written YYYY-MM-DD/],
      [['--params-out', input], /--params-out .*is the input file/],
    ];
    for (const [extra, message] of cases) {
      const r = cli('clv', input, ...COLUMNS, ...extra);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    const out = path.join(dirOf(), 'same.csv');
    const r = cli('clv', input, ...COLUMNS, '--out', out, '--params-out', out);
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  test('too little data: says how many repeat customers are needed; nothing is written', () => {
    const input = writeIn(dirOf(), 'few.csv', 'id,date,amount\nA,2024-01-01,10\nA,2024-02-01,12\nB,2024-01-05,30\nC,2024-01-09,-5\n');
    const out = path.join(dirOf(), 'few-out.csv');
    const r = cli('clv', input, '--id-column', 'id', '--date-column', 'date', '--amount-column', 'amount', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/needs 20 customers who bought on 2\+ days; there are 1/);
    expect(existsSync(out)).toBe(false);
  });

  test('unreadable rows stop the command, naming the row, unless --skip-bad-rows', () => {
    const lines = sampleRows.slice(0, 3000).map((r) => r.join(','));
    lines[4] = '00099,0099,notadate,1,10';
    const input = writeIn(dirOf(), 'bad.csv', `master,sample,date,cds,amount\n${lines.join('\n')}\n`);
    const stopped = cli('clv', input, ...COLUMNS);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toMatch(/Row 6, column "date"/);
    const skipped = cli('clv', input, ...COLUMNS, '--skip-bad-rows');
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toMatch(/1 row\(s\) left out/);
  });
});

describe('customer-tiers value-groups --potential predicted', () => {
  const GROUPS = ['--id-column', 'master', '--date-column', 'date', '--value-column', 'amount', '--potential', 'predicted'];

  test('one row per customer with the predicted value and the growth gap; MGC = the top 20% of the rest by a gap > 0', () => {
    const r = cli('value-groups', sampleCsv(), ...GROUPS, '--as-of', '1997-09-30');
    expect(r.code).toBe(0);
    const out = csv(r.stdout);
    expect(out[0]).toEqual(['master', 'amount', 'Orders', 'Net value', 'Value group', 'Predicted value', 'Growth gap']);
    expect(out).toHaveLength(2358);
    // Orders after --as-of count neither in the value nor in the past spend: said on standard error.
    expect(r.stderr).toMatch(/order\(s\) dated after --as-of 1997-09-30 left out/);
    const rest = out.slice(1).filter((row) => row[4] === 'MGC' || row[4] === 'Maintain');
    const mgc = rest.filter((row) => row[4] === 'MGC');
    expect(mgc.every((row) => Number(row[6]) > 0)).toBe(true);
    const gaps = rest.map((row) => Number(row[6])).sort((a, b) => b - a);
    const cut = gaps[Math.ceil(0.2 * rest.length) - 1];
    expect(mgc).toHaveLength(gaps.filter((g) => g >= cut && g > 0).length);
    // The gap: predicted value minus the spend of the 39 weeks up to 1997-09-30 (days after 1996-12-30).
    const spent = new Map<string, number>();
    for (const [id, , date, , amount] of sampleRows) {
      if (date > '19961230' && date <= '19970930') spent.set(id, (spent.get(id) ?? 0) + Number(amount));
    }
    for (const row of out.slice(1, 300)) expect(Number(row[6])).toBeCloseTo(Number(row[5]) - (spent.get(row[0]) ?? 0), 4);
  });

  test('too few repeat customers: MVC, Maintain, BZ without MGC, and a note on standard error', () => {
    const input = writeIn(
      dirOf(),
      'few.csv',
      `master,sample,date,cds,amount\n${sampleRows
        .slice(0, 30)
        .map((r) => r.join(','))
        .join('\n')}\n`,
    );
    const r = cli('value-groups', input, ...GROUPS);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Note: no MGC group: Too little data: needs 20 customers who bought on 2\+ days; there are \d+\./);
    const out = csv(r.stdout);
    // The columns stay (a file's shape does not depend on its data), empty.
    expect(out[0].slice(-3)).toEqual(['Value group', 'Predicted value', 'Growth gap']);
    expect(out.slice(1).map((row) => row[4])).not.toContain('MGC');
    expect(out.slice(1).map((row) => row[4])).toContain('MVC');
    expect(out.slice(1).every((row) => row[5] === '' && row[6] === '')).toBe(true);
  });

  test('refusals: not an orders list, a potential column as well, another --potential, DuckDB', () => {
    const input = sampleCsv();
    const noDates = cli('value-groups', input, '--id-column', 'master', '--value-column', 'amount', '--potential', 'predicted');
    expect(noDates.code).toBe(2);
    expect(noDates.stderr).toMatch(/--potential predicted needs an orders list: --id-column and --date-column/);
    const both = cli('value-groups', input, ...GROUPS, '--potential-column', 'cds');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--potential-column or --potential predicted, not both/);
    const other = cli('value-groups', input, ...GROUPS.slice(0, -1), 'column');
    expect(other.stderr).toMatch(/--potential must be "predicted"/);
    const duck = cli('value-groups', input, ...GROUPS, '--engine', 'duckdb');
    expect(duck.code).not.toBe(0);
    expect(duck.stderr).toMatch(/Predicted value fits a model/);
  });
});
