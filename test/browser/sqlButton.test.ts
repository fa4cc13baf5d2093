/**
 * "Copy SQL for BigQuery" in the real sidebar (dist/Sidebar.html in Chromium, on the playground):
 * the query shown is the one src/sql writes for the settings on screen, with the sheet's column
 * names, in a read-only box, and it follows an edit. Needs `npm run build` first (npm test does it).
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { startPlayground, type Playground } from '../../harness/playground/server';
import { until } from './until';
import { defaultSettings } from '../../src/settings/settings';
import { tieringSql } from '../../src/sql/tiers';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '../..');

let playground: Playground;
let browser: Browser;
let page: Page;
let sidebar: FrameLocator;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: install it or set CHROMIUM_PATH. Browser tests do not skip.`);
  if (!existsSync(path.join(ROOT, 'dist/Sidebar.html'))) throw new Error('dist/ is missing: run `npm run build` before the browser tests.');
  playground = await startPlayground({ port: 0, locale: 'en_US' });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  await page.goto(playground.url);
  sidebar = page.frameLocator('#sidebar-frame');
  await sidebar.locator('#preview-table').waitFor({ timeout: 30_000 });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await playground?.close();
});

/** The settings the sidebar shows for the sample: an orders list with its bilingual headers, ABC pareto. */
function sampleSettings() {
  const s = defaultSettings('Orders');
  s.source = {
    ...s.source,
    layout: 'orders',
    idColumn: '客户名称 Customer',
    valueColumn: '金额 Amount',
    dateColumn: '订单日期 Order date',
  };
  return s;
}

test('the button shows the query for the settings on screen, read-only, with the sheet column names', async () => {
  await sidebar.locator('#sql-section summary').click();
  await expect(sidebar.locator('#sql-text').isHidden()).resolves.toBe(true);
  await sidebar.locator('#sql-table').fill('shop.sales.orders');
  await sidebar.locator('#sql-copy').click();
  const box = sidebar.locator('#sql-text');
  await box.waitFor();
  await expect(box.getAttribute('readonly')).resolves.not.toBeNull();
  const shown = await box.inputValue();
  expect(shown).toBe(tieringSql(sampleSettings(), { dialect: 'bigquery', table: 'shop.sales.orders' }));
  expect(shown).toContain('SAFE_CAST(`金额 Amount` AS FLOAT64)');
  // Copied to the clipboard, or selected for Ctrl+C where the frame may not use the clipboard.
  await expect(sidebar.locator('#sql-note').textContent()).resolves.toMatch(/Copied|Select the query/);
  mkdirSync(path.join(ROOT, 'out/screenshots'), { recursive: true });
  await page.locator('#sidebar').screenshot({ path: path.join(ROOT, 'out/screenshots/sidebar-sql-en.png') });
});

test('the query follows an edit: RFM scores with the date column, then a refusal for computed ABC', async () => {
  await sidebar.locator('#mode').selectOption('rfm');
  const box = sidebar.locator('#sql-text');
  const rfm = await until(
    () => box.inputValue(),
    (text) => text.includes('rfm_breaks'),
  );
  expect(rfm).toContain('SAFE_CAST(LEFT(CAST(`订单日期 Order date` AS STRING), 10) AS DATE)');
  expect(rfm).toContain("THEN 'Champions'");
  await sidebar.locator('#mode').selectOption('abc');
  await sidebar.locator('#abc-method').selectOption('computed');
  const note = await until(
    async () => (await sidebar.locator('#sql-note').textContent()) ?? '',
    (text) => text !== '',
  );
  expect(note).toMatch(/Computed ABC cannot be written as SQL/);
  await expect(box.isHidden()).resolves.toBe(true);
});

test('with Group by set, the query tiers within each group: PARTITION BY, and the group beside the tier', async () => {
  await sidebar.locator('#abc-method').selectOption('pareto');
  await sidebar.locator('#group-by').selectOption('地区 Region');
  const box = sidebar.locator('#sql-text');
  const shown = await until(
    () => box.inputValue(),
    (text) => text.includes('PARTITION BY ct_group'),
  );
  const expected = { ...sampleSettings(), groupBy: '地区 Region' };
  expect(shown).toBe(tieringSql(expected, { dialect: 'bigquery', table: 'shop.sales.orders' }));
  expect(shown).toContain('TRIM(CAST(`地区 Region` AS STRING)) AS ct_group_cell');
  expect(shown).toContain('AS customer_group');
  await expect(sidebar.locator('#sql-note').textContent()).resolves.not.toMatch(/group/i);
});
