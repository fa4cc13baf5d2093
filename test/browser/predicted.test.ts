/**
 * The Predicted value mode in a real browser: the playground (built add-on on the Apps Script fake)
 * with the real dist/Sidebar.html in Debian's Chromium, on the built-in sample orders. The preview's
 * tiers are checked against the pipeline run in Node on the same settings, before and after an edit,
 * and "Tier customers now" writes the prediction columns.
 *
 * Needs `npm run build` first (npm test does it). A missing Chromium fails the suite on purpose.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { startPlayground, type Playground } from '../../harness/playground/server';
import { runTiering } from '../../src/pipeline/runTiering';
import { sampleOrders } from '../../src/sample/generate';
import { suggestColumns } from '../../src/settings/columns';
import { defaultSettings } from '../../src/settings/settings';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '../..');
const SHOTS = path.join(ROOT, 'out/screenshots');

let playground: Playground;
let browser: Browser;
let page: Page;
let sidebar: FrameLocator;

/** The tier counts the pipeline gives the sample in the Predicted value mode, computed in Node. */
function expectedCounts(horizon: number): Record<string, number> {
  const sample = sampleOrders();
  const settings = defaultSettings('Sample orders');
  settings.source = { ...settings.source, ...suggestColumns(sample.headers, sample.rows) };
  settings.mode = 'predicted';
  settings.predicted.horizon = horizon;
  const run = runTiering(settings, { headers: sample.headers, rows: sample.rows });
  expect(run.errors).toEqual([]);
  return Object.fromEntries(run.summary.map((r) => [r.label, r.customers]));
}

async function previewCounts(): Promise<Record<string, number>> {
  await sidebar.locator('#preview[aria-busy="false"] #preview-table').waitFor();
  const counts: Record<string, number> = {};
  for (const label of ['A', 'B', 'C']) {
    const text = await sidebar.locator(`#preview-table tr[data-tier="${label}"] .customers`).textContent();
    counts[label] = Number(String(text).replace(/[^\d.-]/g, ''));
  }
  return counts;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: install it or set CHROMIUM_PATH. Browser tests do not skip.`);
  if (!existsSync(path.join(ROOT, 'dist/Sidebar.html'))) throw new Error('dist/ is missing: run `npm run build` first.');
  mkdirSync(SHOTS, { recursive: true });
  playground = await startPlayground({ port: 0, locale: 'en_US' });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  await page.goto(playground.url);
  sidebar = page.frameLocator('#sidebar-frame');
  await sidebar.locator('#preview-table').waitFor({ timeout: 30_000 });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await playground?.close();
});

test('Predicted value: its options show, the live preview tiers as the pipeline does and follows the horizon, and the run writes the predictions', async () => {
  await sidebar.locator('#mode').selectOption('predicted');
  await expect(sidebar.locator('#pv-options').isVisible()).resolves.toBe(true);
  await expect(sidebar.locator('#abc-options').isVisible()).resolves.toBe(true);
  await expect(sidebar.locator('#pv-horizon').inputValue()).resolves.toBe('39');
  await expect(sidebar.locator('#pv-discount').inputValue()).resolves.toBe('1');
  const at39 = expectedCounts(39);
  expect(await previewCounts()).toEqual(at39);

  await sidebar.locator('#pv-horizon').fill('4');
  const at4 = expectedCounts(4);
  const shown = await previewCounts();
  expect(shown).toEqual(at4);
  await page.screenshot({ path: path.join(SHOTS, 'playground-predicted.png') });

  await sidebar.locator('#save').click();
  await sidebar.locator('#status .message.success').waitFor();
  await sidebar.locator('#run').click();
  await sidebar
    .locator('#status')
    .filter({ hasText: /Tiered \d+ customers/ })
    .waitFor({ timeout: 30_000 });
  const values = playground.fake().spreadsheet.getSheetByName('Orders')!.getDataRange().getValues();
  const header = values[0].map(String);
  for (const h of ['Tier', 'P(alive)', 'Expected purchases', 'Expected average order', 'Predicted value']) expect(header).toContain(h);
  const tierCol = header.indexOf('Tier');
  const counts = new Map<string, Set<string>>();
  for (const row of values.slice(1))
    if (row[tierCol]) counts.set(String(row[tierCol]), (counts.get(String(row[tierCol])) ?? new Set()).add(String(row[0])));
  expect(Object.fromEntries([...counts].map(([k, v]) => [k, v.size]))).toEqual(at4);
}, 90_000);

/** The value groups the pipeline gives the sample, MGC from predicted value or not, computed in Node. */
function expectedGroups(mgcPredicted: boolean): Record<string, number> {
  const sample = sampleOrders();
  const settings = defaultSettings('Sample orders');
  settings.source = { ...settings.source, ...suggestColumns(sample.headers, sample.rows) };
  settings.mode = 'valueGroups';
  settings.valueGroups.mgcPredicted = mgcPredicted;
  const run = runTiering(settings, { headers: sample.headers, rows: sample.rows });
  expect(run.errors).toEqual([]);
  return Object.fromEntries(run.summary.map((r) => [r.label, r.customers]));
}

async function previewGroups(): Promise<Record<string, number>> {
  await sidebar.locator('#preview[aria-busy="false"] #preview-table').waitFor();
  const counts: Record<string, number> = {};
  for (const label of ['MVC', 'MGC', 'Maintain', 'BZ']) {
    const text = await sidebar.locator(`#preview-table tr[data-tier="${label}"] .customers`).textContent();
    counts[label] = Number(String(text).replace(/[^\d.-]/g, ''));
  }
  return counts;
}

test('Value groups: the checkbox takes MGC from predicted value, the preview shows it as the pipeline does, and the run writes the gap', async () => {
  await sidebar.locator('#mode').selectOption('valueGroups');
  await expect(sidebar.locator('#pv-options').isVisible()).resolves.toBe(false);
  // No potential column on the sample: no MGC until the box is ticked.
  const without = expectedGroups(false);
  expect(without.MGC).toBe(0);
  expect(await previewGroups()).toEqual(without);
  await expect(sidebar.locator('#preview-no-potential').isVisible()).resolves.toBe(true);

  await sidebar.locator('#vg-predicted').check();
  // The prediction's weeks ahead show (set back to the default of 39 after the test above), its note does not.
  await expect(sidebar.locator('#pv-options').isVisible()).resolves.toBe(true);
  await expect(sidebar.locator('#pv-note').isVisible()).resolves.toBe(false);
  await sidebar.locator('#pv-horizon').fill('39');
  const withPredicted = expectedGroups(true);
  expect(withPredicted.MGC).toBeGreaterThan(0);
  expect(await previewGroups()).toEqual(withPredicted);
  // The preview no longer says nobody can be MGC.
  await expect(sidebar.locator('#preview-no-potential').count()).resolves.toBe(0);
  await page.screenshot({ path: path.join(SHOTS, 'playground-mgc-predicted.png') });

  await sidebar.locator('#save').click();
  await sidebar.locator('#status .message.success').waitFor();
  await sidebar.locator('#run').click();
  await sidebar
    .locator('#status')
    .filter({ hasText: /Tiered \d+ customers/ })
    .waitFor({ timeout: 30_000 });
  const values = playground.fake().spreadsheet.getSheetByName('Orders')!.getDataRange().getValues();
  const header = values[0].map(String);
  for (const h of ['Value group', 'Predicted value', 'Growth gap']) expect(header).toContain(h);
  const [group, gap] = [header.indexOf('Value group'), header.indexOf('Growth gap')];
  const mgc = values.slice(1).filter((row) => row[group] === 'MGC');
  expect(mgc.length).toBeGreaterThan(0);
  expect(mgc.every((row) => (row[gap] as number) > 0)).toBe(true);
}, 90_000);
