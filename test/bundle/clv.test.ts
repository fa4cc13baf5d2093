/**
 * CUSTOMER_CLV and P_ALIVE through the built dist/Code.js on the in-memory Apps Script, on the
 * CDNOW sample as a sheet would hold it (YYYYMMDD numbers): the published worked example, the same
 * predictions as the engine, and the defined results at the edges.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createFakeGas, getSheet } from '../../harness/fakeGas';
import { clickMenuItem, invoke, loadBundle } from '../../harness/loadBundle';
import { clvRollup, fitClv, type ClvModel, predictClv } from '../../src/engine/clv';
import { defaultSettings } from '../../src/settings/settings';

const fake = createFakeGas({ authMode: 'CUSTOM_FUNCTION' });
const ctx = loadBundle(fake);
const call = (name: string, ...args: unknown[]) => invoke(fake, ctx, name, ...args) as unknown[][];
const col = (xs: unknown[]) => xs.map((x) => [x]);

const rows = readFileSync(path.resolve(__dirname, '../../../shared/data/CDNOW_sample.txt'), 'utf8')
  .split(/\r?\n/)
  .map((l) => l.trim())
  .filter((l) => l !== '')
  .map((l) => l.split(/\s+/));
const ids = rows.map((r) => r[0]);
const dates = rows.map((r) => Number(r[2]));
const amounts = rows.map((r) => Number(r[4]));

describe('CUSTOMER_CLV on the CDNOW sample, calibration to 1997-09-30', () => {
  const out = call('CUSTOMER_CLV', col(ids), col(dates), col(amounts), 39, '1997-09-30', 0);

  test('one row per customer under a header; FHL worked example: customer 1 expects 1.226 purchases in 39 weeks', () => {
    expect(out[0]).toEqual(['Customer', 'P(alive)', 'Expected purchases', 'Expected average order', 'CLV']);
    expect(out).toHaveLength(1 + 2357);
    expect(out[1][0]).toBe('00004');
    expect((out[1][2] as number).toFixed(3)).toBe('1.226');
    // Undiscounted, CLV is expected purchases × expected average order.
    expect(out[1][4] as number).toBeCloseTo((out[1][2] as number) * (out[1][3] as number), 8);
  });

  test('the same predictions as the engine, whose fit reproduces the published parameters', () => {
    const serial = Math.round((Date.UTC(1997, 8, 30) - Date.UTC(1899, 11, 30)) / 86_400_000);
    const { customers } = clvRollup(ids, dates, amounts, { asOf: serial });
    const model = fitClv(customers) as ClvModel;
    expect(model.bgnbd.r.toFixed(3)).toBe('0.243');
    expect(model.gammagamma.p.toFixed(2)).toBe('6.25');
    const worst = Math.max(
      ...customers.map((c, i) => {
        const p = predictClv(model, c, { horizon: 39 })!;
        return Math.max(Math.abs(p.pAlive - (out[i + 1][1] as number)), Math.abs(p.clv - (out[i + 1][4] as number)) / (1 + p.clv));
      }),
    );
    expect(worst).toBeLessThan(1e-9);
  });

  test("a single-purchase customer is alive (as the BG/NBD has it) and gets the population's mean spend pγ/(q−1)", () => {
    const population = (6.2496 * 15.4435) / (3.7442 - 1);
    const single = out.slice(1).find((r) => r[1] === 1);
    expect(single![3] as number).toBeCloseTo(population, 2);
  });
});

describe('P_ALIVE', () => {
  test('counts purchase days only: the same as CUSTOMER_CLV without amounts', () => {
    const alive = call('P_ALIVE', col(ids), col(dates), '1997-09-30');
    expect(alive[0]).toEqual(['Customer', 'P(alive)']);
    expect(alive).toHaveLength(2358);
    const clv = call('CUSTOMER_CLV', col(ids), col(dates), col(amounts), 39, '1997-09-30');
    // CDNOW has no refunds, so both see the same purchase days and make the same fit.
    expect(alive.slice(1).map((r) => r[1])).toEqual(clv.slice(1).map((r) => r[1]));
    expect(alive.slice(1).every((r) => (r[1] as number) >= 0 && (r[1] as number) <= 1)).toBe(true);
  });

  test('too little data fails the formula with the reason and what is needed', () => {
    expect(() => call('P_ALIVE', col(['a', 'a', 'b']), col(['2024-01-01', '2024-02-01', '2024-01-05']))).toThrow(
      /P_ALIVE: Too little data: needs 20 customers who bought on 2\+ days; there are 1/,
    );
  });

  test('unreadable rows are listed under the table; arguments are checked', () => {
    const badIds = [...ids.slice(0, 3000), 'x'];
    const badDates = [...dates.slice(0, 3000), 'not a date'];
    const out = call('CUSTOMER_CLV', col(badIds), col(badDates), col([...amounts.slice(0, 3000), 5]));
    expect(out[out.length - 1][0]).toMatch(/^⚠ order 3001: The order date is not readable/);
    expect(() => call('CUSTOMER_CLV', col(ids), col(dates), col(amounts), -1)).toThrow(/horizon must be weeks above 0/);
    expect(() => call('CUSTOMER_CLV', col(ids), col(dates), col(amounts), 39, '', 2)).toThrow(/discount_rate must be a monthly rate/);
  });
});

describe('"Tier customers now" in the Predicted value mode', () => {
  test('writes the predictions beside the orders and the model, its check and the customers at risk on the summary', () => {
    const sheet = [['Customer', 'Date', 'Amount'], ...rows.map((r) => [r[0], Number(r[2]), Number(r[4])])];
    const gas = createFakeGas({ sheets: { Orders: sheet } });
    const app = loadBundle(gas);
    invoke(gas, app, 'onOpen', {});
    const settings = defaultSettings('Orders');
    settings.mode = 'predicted';
    settings.source = { ...settings.source, layout: 'orders', idColumn: 'Customer', dateColumn: 'Date', valueColumn: 'Amount' };
    settings.rfm.asOf = '1997-09-30';
    expect(invoke(gas, app, 'sidebarSaveSettings', settings)).toEqual({ ok: true, messages: [] });
    invoke(gas, app, 'tierCustomersNow');
    const data = getSheet(gas, 'Orders').getDataRange().getValues();
    expect(data[0].slice(3)).toEqual(['Tier', 'P(alive)', 'Expected purchases', 'Expected average order', 'Predicted value']);
    expect(data).toHaveLength(rows.length + 1);
    // Customer 00004 (first rows): FHL's worked example.
    expect((data[1][5] as number).toFixed(3)).toBe('1.226');
    const summary = getSheet(gas, 'Tier summary')
      .getDataRange()
      .getValues()
      .map((r) =>
        r
          .slice(0, 3)
          .filter((c) => c !== '')
          .join(' | '),
      );
    expect(summary).toContain('The model');
    expect(summary.find((l) => l.startsWith('Purchases (BG/NBD)'))).toMatch(/r 0\.2426, α 4\.41\d+, a 0\.79\d+, b 2\.42\d+/);
    expect(summary.find((l) => l.startsWith('Check on the 39 weeks'))).toMatch(/\d+ repeat purchases expected, 1882 made/);
    const atRisk = summary.findIndex((l) => l.startsWith('Top-tier customers most likely to be lost'));
    expect(atRisk).toBeGreaterThan(0);
    expect(summary.find((l) => l.startsWith('Method'))).toMatch(/Predicted value, next 39 weeks .*1% monthly discount/);
    // Under its header, the customers at risk, lowest P(alive) first.
    const chances = summary.slice(atRisk + 1, atRisk + 11).map((l) => Number(l.split(' | ')[1]));
    expect(chances).toHaveLength(10);
    expect(chances).toEqual([...chances].sort((a, b) => a - b));
    expect(chances.every((c) => c >= 0 && c <= 1)).toBe(true);
  });
});

describe('"Tier customers now" in value groups with MGC from predicted value', () => {
  const sheet = [['Customer', 'Date', 'Amount'], ...rows.map((r) => [r[0], Number(r[2]), Number(r[4])])];
  const run = (patch: (s: ReturnType<typeof defaultSettings>) => void) => {
    const gas = createFakeGas({ sheets: { Orders: sheet } });
    const app = loadBundle(gas);
    invoke(gas, app, 'onOpen', {});
    const settings = defaultSettings('Orders');
    settings.mode = 'valueGroups';
    settings.source = { ...settings.source, layout: 'orders', idColumn: 'Customer', dateColumn: 'Date', valueColumn: 'Amount' };
    settings.valueGroups.mgcPredicted = true;
    patch(settings);
    const saved = invoke(gas, app, 'sidebarSaveSettings', settings) as { ok: boolean };
    if (!saved.ok) return { saved, data: [], summary: [] };
    clickMenuItem(gas, app, 'Tier customers now');
    const values = (name: string) => getSheet(gas, name).getDataRange().getValues();
    return { saved, data: values('Orders'), summary: values('Tier summary').map((r) => r.filter((c) => c !== '').join(' | ')) };
  };

  test('writes group, predicted value and growth gap per order row; MGC only with a gap > 0; the method says what the gap is', () => {
    const { data, summary } = run(() => {});
    expect(data[0].slice(3)).toEqual(['Value group', 'Predicted value', 'Growth gap']);
    expect(data).toHaveLength(rows.length + 1);
    const mgc = data.slice(1).filter((r) => r[3] === 'MGC');
    expect(mgc.length).toBeGreaterThan(0);
    expect(mgc.every((r) => (r[5] as number) > 0)).toBe(true);
    // The same customers and figures as the sources' run: the gap is the predicted value minus the spend of the last 39 weeks.
    const day = (yyyymmdd: string) => Date.UTC(+yyyymmdd.slice(0, 4), +yyyymmdd.slice(4, 6) - 1, +yyyymmdd.slice(6)) / 86_400_000;
    const asOf = Math.max(...rows.map((r) => day(r[2])));
    const spent = new Map<string, number>();
    for (const r of rows) if (day(r[2]) > asOf - 273) spent.set(r[0], (spent.get(r[0]) ?? 0) + Number(r[4]));
    // The sheet reads ids such as 00001 as numbers: the rows are in the file's order.
    data.slice(1, 500).forEach((r, i) => {
      expect(r[5] as number).toBeCloseTo((r[4] as number) - (spent.get(rows[i][0]) ?? 0), 6);
    });
    expect(summary.find((l) => l.startsWith('Method'))).toMatch(
      /MGC top 20% of the rest by growth gap, BZ below zero; growth gap: predicted value, next 39 weeks, minus spend in the 39 weeks to the as-of date/,
    );
  });

  test('in Chinese, and with too few orders to fit the model: the groups without MGC and a note saying why', () => {
    const gas = createFakeGas({ sheets: { Orders: sheet.slice(0, 40) } });
    const app = loadBundle(gas);
    invoke(gas, app, 'onOpen', {});
    const settings = defaultSettings('Orders');
    settings.language = 'zh';
    settings.mode = 'valueGroups';
    settings.source = { ...settings.source, layout: 'orders', idColumn: 'Customer', dateColumn: 'Date', valueColumn: 'Amount' };
    settings.valueGroups.mgcPredicted = true;
    expect(invoke(gas, app, 'sidebarSaveSettings', settings)).toEqual({ ok: true, messages: [] });
    clickMenuItem(gas, app, 'Tier customers now');
    const data = getSheet(gas, 'Orders').getDataRange().getValues();
    expect(data[0].slice(3)).toEqual(['价值分组']);
    expect(data.slice(1).map((r) => r[3])).not.toContain('MGC');
    const summary = getSheet(gas, '分级汇总').getDataRange().getValues();
    // Among the rows skipped or partly used: column MGC, and why.
    expect(summary.some((r) => r[1] === 'MGC' && String(r[2]).startsWith('数据太少：需要 20 位在两天以上购买的客户'))).toBe(true);
    expect(summary.flat().some((c) => String(c).includes('增长空间：未来 39 周预测价值减截止日前 39 周消费'))).toBe(true);
  });

  test('refused on a customer list, on the path of the setting', () => {
    const { saved } = run((s) => {
      s.source.layout = 'customers';
    });
    // Problems come back as data; the sidebar shows them beside the checkbox (valueGroups.mgcPredicted).
    expect(saved).toMatchObject({ ok: false, problems: [{ path: 'valueGroups.mgcPredicted', code: 'settings.mgcPredicted' }] });
  });
});
