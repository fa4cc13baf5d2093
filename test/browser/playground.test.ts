/**
 * End to end in a real browser: the playground (built add-on on the Apps Script fake) with the
 * REAL dist/Sidebar.html, driven through Debian's Chromium. Checks the live preview against an
 * independent roll-up of the sample, that the server's tiering agrees with the preview, the
 * colours in the grid, the summary sheet, error display, the menu, and the Chinese UI.
 * Screenshots go to out/screenshots/ for a person to look at.
 *
 * Needs `npm run build` first (npm test does it). A missing Chromium fails the suite on purpose.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Frame, type FrameLocator, type Page } from 'playwright-core';
import { startPlayground, type Playground } from '../../harness/playground/server';
import { until } from './until';
import { sampleOrders } from '../../src/sample/generate';
import { TIER_COLOURS } from '../../src/settings/settings';
import { defaultAction } from '../../src/i18n/addon';
import { DEFAULT_RFM_SEGMENT_RULES } from '../../src/engine/rfm';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '../..');
const SHOTS = path.join(ROOT, 'out/screenshots');

let playground: Playground;
let browser: Browser;
let page: Page;
let sidebar: FrameLocator;

/**
 * Per-customer totals of the sample orders, computed here without the engine: the rows a careful
 * person would keep for ABC (which reads no dates, so a bad date does not drop an amount).
 */
function sampleTotals(): number[] {
  const totals = new Map<string, number>();
  for (const [name, , amount] of sampleOrders().rows) {
    const id = typeof name === 'string' ? name.trim() : '';
    if (!id || typeof amount !== 'number') continue;
    totals.set(id, (totals.get(id) ?? 0) + amount);
  }
  // A customer who got more refunded than bought counts as 0 value, not negative.
  return [...totals.values()].map((v) => Math.max(0, v)).sort((a, b) => b - a);
}

/** Polls `read` until `done` holds (or times out), then returns the last value for the real assertion. */
/** The RFM rows the run wrote on the Orders sheet, and those scoring R 1 F 1 (there must be some). */
function rfmRows(pg: Playground) {
  const values = pg.fake().spreadsheet.getSheetByName('Orders')!.getDataRange().getValues();
  const header = values[0].map(String);
  const codeCol = header.indexOf('RFM');
  const segmentCol = header.indexOf('Segment');
  const rows = values.slice(1).filter((row) => row[codeCol]);
  const r1f1 = rows.filter((row) => String(row[codeCol]).startsWith('11'));
  expect(r1f1.length).toBeGreaterThan(0);
  return { rows, codeCol, segmentCol, r1f1 };
}

const number = (text: string | null) => Number(String(text).replace(/[^\d.-]/g, ''));

async function sidebarFrame(): Promise<Frame> {
  const handle = await page.$('#sidebar-frame');
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('the sidebar iframe is missing');
  return frame;
}

/** Waits until the preview shows the latest edit (the sidebar marks it aria-busy until then). */
async function previewSettled(): Promise<void> {
  await sidebar.locator('#preview[aria-busy="false"] #preview-table').waitFor();
}

async function previewCustomers(label: string): Promise<number> {
  await previewSettled();
  return number(await sidebar.locator(`#preview-table tr[data-tier="${label}"] .customers`).textContent());
}

/** Grid cells of the page, row by row, with the background the page painted. */
async function gridRows(): Promise<{ text: string; bg: string | null }[][]> {
  return page.$$eval('#grid tbody tr', (rows) =>
    rows.map((tr) =>
      Array.from(tr.querySelectorAll('td[data-col]')).map((td) => ({ text: td.textContent ?? '', bg: td.getAttribute('data-bg') })),
    ),
  );
}

async function openPlayground(): Promise<void> {
  await page.goto(playground.url);
  sidebar = page.frameLocator('#sidebar-frame');
  await sidebar.locator('#preview-table').waitFor({ timeout: 30_000 });
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not at ${CHROMIUM}: install it (apt-get install chromium fonts-noto-cjk) or set CHROMIUM_PATH. Browser tests do not skip.`,
    );
  }
  if (!existsSync(path.join(ROOT, 'dist/Sidebar.html')) || !existsSync(path.join(ROOT, 'dist/Code.js'))) {
    throw new Error('dist/ is missing: run `npm run build` before the browser tests.');
  }
  mkdirSync(SHOTS, { recursive: true });
  playground = await startPlayground({ port: 0, locale: 'en_US' });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await openPlayground();
  expect(problems).toEqual([]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await playground?.close();
});

test('the sidebar detects the sample columns and previews the same totals as an independent roll-up', async () => {
  // The sample is an orders list with bilingual headers; the server suggests these columns.
  await expect(sidebar.locator('#layout').inputValue()).resolves.toBe('orders');
  await expect(sidebar.locator('#col-id').inputValue()).resolves.toBe('客户名称 Customer');
  await expect(sidebar.locator('#col-value').inputValue()).resolves.toBe('金额 Amount');
  await expect(sidebar.locator('#col-date').inputValue()).resolves.toBe('订单日期 Order date');

  const totals = sampleTotals();
  const sum = totals.reduce((s, v) => s + v, 0);
  const line = await sidebar.locator('.preview-totals').textContent();
  expect(line).toContain(`${totals.length} customers`);
  expect(line).toContain(Math.round(sum).toLocaleString('en-US'));
  // The sample has 4 deliberately bad rows; the preview says they were skipped.
  await expect(sidebar.locator('#preview-issues').textContent()).resolves.toMatch(/^3 rows skipped/); // 4 bad rows; the bad date does not matter to ABC

  // Each cut in the user's own values, computed here from the independent totals.
  const sorted = [...totals].sort((a, b) => b - a);
  let running = 0;
  let minA = 0;
  for (const v of sorted) {
    if (running / sum >= 0.8) break;
    running += v;
    minA = v;
  }
  const fmt = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  await expect(sidebar.locator('#preview-cuts li').first().textContent()).resolves.toMatch(
    new RegExp(`^A: ${fmt(minA)} and above \\(top \\d+ customers`),
  );
  await expect(sidebar.locator('#preview-cuts li').count()).resolves.toBe(3);

  const width = await page.$eval('#sidebar-frame', (f) => (f as HTMLElement).getBoundingClientRect().width);
  expect(width).toBe(300);
  const frame = await sidebarFrame();
  // Nothing in the sidebar may be wider than the 300 px Sheets gives it.
  expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
  await page.locator('#sidebar').screenshot({ path: path.join(SHOTS, 'sidebar-en.png') });
});

test('weighted score: weights show their normalised share', async () => {
  await sidebar.locator('#mode').selectOption('score');
  // For an orders list the score starts from the rolled-up figures, weights 50/30/20.
  await expect(sidebar.locator('#dimensions .dim').count()).resolves.toBe(3);
  await expect(sidebar.locator('#dim-share-0').textContent()).resolves.toBe('50%');
  const frame = await sidebarFrame();
  await frame.$eval('#dim-weight-0', (input) => {
    (input as HTMLInputElement).value = '0';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  // 30 and 20 out of 50: 60% and 40%.
  await expect(sidebar.locator('#dim-share-0').textContent()).resolves.toBe('0%');
  await expect(sidebar.locator('#dim-share-1').textContent()).resolves.toBe('60%');
  await expect(sidebar.locator('#dim-share-2').textContent()).resolves.toBe('40%');
  await expect(sidebar.locator('#dim-share-1').getAttribute('title')).resolves.toBe('60% of the score');
  await previewSettled();
  await page.locator('#sidebar').screenshot({ path: path.join(SHOTS, 'sidebar-score-en.png') });
});

test('changing a Pareto cut changes the live preview', async () => {
  await sidebar.locator('#preset').selectOption('pareto');
  await expect(sidebar.locator('#tier-cut-0').inputValue()).resolves.toBe('80');
  const before = await previewCustomers('A');

  await sidebar.locator('#tier-cut-0').fill('50');
  const after = await previewCustomers('A');
  expect(after).toBeLessThan(before);

  // Independently: the top `after` customers must straddle half of the value.
  const totals = sampleTotals();
  const sum = totals.reduce((s, v) => s + v, 0);
  const share = (k: number) => totals.slice(0, k).reduce((s, v) => s + v, 0) / sum;
  expect(share(after - 1)).toBeLessThan(0.5);
  expect(share(after + 1)).toBeGreaterThanOrEqual(0.5);
});

test('an unreadable cut is shown beside its box, marked, and nothing is saved', async () => {
  await sidebar.locator('#tier-cut-1').fill('lots');
  // At once, under the box, before any save.
  const error = sidebar.locator('[data-path="abc.cuts.1"] .live-error');
  await error.waitFor();
  expect(await error.textContent()).toBe('Type a number for the cut after tier 2.');
  await expect(sidebar.locator('#tier-cut-1').getAttribute('aria-invalid')).resolves.toBe('true');
  await sidebar.locator('#save').click();
  await sidebar.locator('#status .message.error').waitFor();
  // Not repeated by the save's own error.
  expect(await sidebar.locator('[data-path="abc.cuts.1"] .field-error').count()).toBe(0);
  expect(playground.fake().properties.document.size).toBe(0);
  await page.locator('#sidebar').screenshot({ path: path.join(SHOTS, 'sidebar-error-en.png') });

  // Fixing it clears the error at once.
  await sidebar.locator('#tier-cut-1').fill('95');
  expect(
    await until(
      () => sidebar.locator('.field-error, .live-error:not([hidden])').count(),
      (n) => n === 0,
    ),
  ).toBe(0);
  expect(await sidebar.locator('#tier-cut-1').getAttribute('aria-invalid')).toBeNull();
});

test('a blank cut says empty and a cut out of order is explained in percent, beside its box', async () => {
  await sidebar.locator('#tier-cut-0').fill('');
  const first = sidebar.locator('#tier-cut-error-0');
  await first.waitFor();
  expect(await first.textContent()).toBe('The cut after tier 1 is empty: type a number.');
  // The preview names it the same way: no "(null)".
  await sidebar.locator('#preview[aria-busy="false"] #preview-errors').waitFor();
  expect(await sidebar.locator('#preview-errors').textContent()).not.toMatch(/null/);
  await sidebar.locator('#tier-cut-0').fill('80');
  await sidebar.locator('#add-tier').click();
  await sidebar.locator('#tier-cut-1').fill('99');
  const third = sidebar.locator('#tier-cut-error-2');
  await third.waitFor();
  expect(await third.textContent()).toBe('The cut after tier 3 (97.5%) must be above the one before it (99%): each tier reaches further.');
  await expect(sidebar.locator('#tier-cut-2').getAttribute('aria-invalid')).resolves.toBe('true');
  const outline = await sidebar.locator('#tier-cut-2').evaluate((input) => getComputedStyle(input).borderTopColor);
  expect(outline).toBe('rgb(217, 48, 37)');
  await page.locator('#sidebar').screenshot({ path: path.join(SHOTS, 'sidebar-cut-order-en.png') });
  await sidebar.locator('#tier-remove-3').click();
  await sidebar.locator('#tier-cut-1').fill('95');
  await previewSettled();
  expect(await sidebar.locator('.live-error:not([hidden])').count()).toBe(0);
});

test('save, then "Tier customers now" writes tiers, colours and a summary that agree with the preview', async () => {
  const expected = { A: await previewCustomers('A'), B: await previewCustomers('B'), C: await previewCustomers('C') };

  await sidebar.locator('#save').click();
  await sidebar.locator('#status .message.success').waitFor();
  expect(await sidebar.locator('#status .message.success').first().textContent()).toContain('Settings saved.');
  expect(playground.fake().properties.document.size).toBeGreaterThan(0);

  await sidebar.locator('#run').click();
  const done = await until(
    () => sidebar.locator('#status').textContent(),
    (t) => /Tiered|went wrong|fix/.test(t ?? ''),
    30_000,
  );
  expect(done).toMatch(/Tiered \d+ customers/);

  // The page follows the add-on to the summary sheet it activated; go back to the data.
  const colours: Record<string, string> = { A: TIER_COLOURS[0], B: TIER_COLOURS[1], C: TIER_COLOURS[2] };
  expect(
    await until(
      () => page.locator('#tabs button').allTextContents(),
      (t) => t.includes('Tier summary'),
    ),
  ).toContain('Tier summary');
  await page.locator('#tabs button[data-sheet="Orders"]').click();
  // A Tier column, each tier in its colour.
  const rows = await until(gridRows, (r) => !!r[0]?.some((c) => c.text === 'Tier'));
  const tierCol = rows[0].findIndex((c) => c.text === 'Tier');
  let coloured = 0;
  for (const row of rows.slice(1)) {
    const cell = row[tierCol];
    if (!cell.text) continue;
    expect(Object.keys(colours)).toContain(cell.text);
    expect(cell.bg).toBe(colours[cell.text]);
    coloured++;
  }
  expect(coloured).toBeGreaterThan(100);
  await page.screenshot({ path: path.join(SHOTS, 'playground-after-run.png') });

  // Over ALL rows (the grid shows the first 300): one tier per customer, and the server's counts
  // equal what the sidebar previewed in the browser.
  const values = playground.fake().spreadsheet.getSheetByName('Orders')!.getDataRange().getValues();
  const header = values[0].map(String);
  const idCol = header.indexOf('客户名称 Customer');
  const sheetTierCol = header.indexOf('Tier');
  const tierOf = new Map<string, string>();
  for (const row of values.slice(1)) {
    const id = String(row[idCol]).trim();
    const tier = String(row[sheetTierCol]);
    if (!id || !tier) continue;
    if (tierOf.has(id)) expect(tierOf.get(id)).toBe(tier);
    tierOf.set(id, tier);
  }
  const counts = { A: 0, B: 0, C: 0 } as Record<string, number>;
  for (const tier of tierOf.values()) counts[tier]++;
  expect(counts).toEqual(expected);

  // The summary sheet: one row per tier in its colour, with the previewed counts.
  await page.locator('#tabs button[data-sheet="Tier summary"]').click();
  expect(
    await until(
      () => page.locator('#tabs button.active').textContent(),
      (t) => t === 'Tier summary',
    ),
  ).toBe('Tier summary');
  const summary = await until(gridRows, (r) => r.some((row) => row[0]?.text === 'A'));
  for (const label of ['A', 'B', 'C']) {
    const row = summary.find((r) => r[0]?.text === label && /^\d+$/.test(r[1]?.text ?? ''));
    expect(row).toBeDefined();
    expect(number(row![1].text)).toBe(expected[label as 'A' | 'B' | 'C']);
    expect(row![0].bg).toBe(colours[label]);
  }
  await page.screenshot({ path: path.join(SHOTS, 'playground-summary.png') });
});

test('playbook: an action typed in the sidebar is saved and shown on the summary sheet, the other tiers keep the built-in one', async () => {
  // Collapsed until asked for, so it does not lengthen the sidebar.
  const section = sidebar.locator('#playbook-section');
  expect(await section.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
  await sidebar.locator('#playbook-section > summary').click();
  const keys = () => sidebar.locator('.playbook-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
  expect(await keys()).toEqual(['A', 'B', 'C']);
  // Empty boxes; the built-in action of each place (top, middle, last) shows as the placeholder.
  const boxB = sidebar.locator('.playbook-row[data-key="B"] textarea');
  expect(await boxB.inputValue()).toBe('');
  expect(await sidebar.locator('.playbook-row[data-key="A"] textarea').getAttribute('placeholder')).toBe(defaultAction('en', 'A', 0, 3));
  expect(await sidebar.locator('.playbook-row[data-key="C"] textarea').getAttribute('placeholder')).toBe(defaultAction('en', 'C', 2, 3));
  expect(await sidebar.locator('#playbook-edited').textContent()).toBe('');

  const action = 'Call every quarter; offer volume pricing.';
  await boxB.fill(`  ${action}\n`);
  expect(await sidebar.locator('#playbook-edited').textContent()).toBe('1 edited');

  // Renaming the tier takes its action along, and back.
  await sidebar.locator('#tier-label-1').fill('Gold');
  expect(await until(keys, (k) => k.includes('Gold'))).toEqual(['A', 'Gold', 'C']);
  expect(await sidebar.locator('.playbook-row[data-key="Gold"] textarea').inputValue()).toBe(action);
  await sidebar.locator('#tier-label-1').fill('B');
  expect(await until(keys, (k) => k.includes('B'))).toEqual(['A', 'B', 'C']);
  expect(await boxB.inputValue()).toBe(action);

  const frame = await sidebarFrame();
  expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
  await section.screenshot({ path: path.join(SHOTS, 'sidebar-playbook-en.png') });

  // Only the edited action is stored (trimmed); the others stay on the built-in text.
  await sidebar.locator('#save').click();
  await sidebar.locator('#status .message.success').waitFor();
  const stored = JSON.parse(playground.fake().properties.document.get('customerTiers.settings') ?? '{}');
  expect(stored.playbook).toEqual({ B: action });

  await sidebar.locator('#run').click();
  expect(
    await until(
      () => sidebar.locator('#status').textContent(),
      (t) => /Tiered|went wrong|fix/.test(t ?? ''),
      30_000,
    ),
  ).toMatch(/Tiered \d+ customers/);
  await page.locator('#tabs button[data-sheet="Tier summary"]').click();
  const summary = await until(gridRows, (r) => r.some((row) => row[1]?.text === action));
  const playbookRow = (label: string) => summary.find((r) => r[0]?.text === label && !/^\d+$/.test(r[1]?.text ?? ''));
  expect(playbookRow('B')?.[1].text).toBe(action);
  expect(playbookRow('A')?.[1].text).toBe(defaultAction('en', 'A', 0, 3));
  expect(playbookRow('C')?.[1].text).toBe(defaultAction('en', 'C', 2, 3));
  await page.screenshot({ path: path.join(SHOTS, 'playground-summary-playbook.png') });
});

test('RFM segment rules: a gap shows beside the rules at once; fixed, the preview and the run put customers in the edited segments', async () => {
  await sidebar.locator('#mode').selectOption('rfm');
  const section = sidebar.locator('#rules-section');
  expect(await section.isVisible()).toBe(true);
  expect(await section.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
  await sidebar.locator('#rules-section > summary').click();
  const segments = () => sidebar.locator('#rules .rule').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-segment')));
  expect(await segments()).toEqual(DEFAULT_RFM_SEGMENT_RULES.map((r) => r.segment));
  const lostBefore = await previewCustomers('Lost');
  const othersBefore = await previewCustomers('Others');

  // Lost from F 2 up (rule 10), then Others from R 2 up (rule 11): codes 111..115 match no rule.
  await sidebar.locator('#rule-9-f-lo').selectOption('2');
  await sidebar.locator('#rule-10-r-lo').selectOption('2');
  const error = sidebar.locator('#rules-error');
  await error.waitFor();
  expect(await error.textContent()).toMatch(/^scores 111, 112, 113, 114, 115 match no rule \(5 of the 125 score combinations\)/);
  expect(await sidebar.locator('#rules-edited').textContent()).toBe('edited');
  // No preview while some customers would have no segment; it says why.
  expect(
    await until(
      () => sidebar.locator('#preview-errors').textContent(),
      (t) => /^Segment rules: scores 111/.test(t ?? ''),
    ),
  ).toMatch(/^Segment rules: scores 111/);
  const frame = await sidebarFrame();
  expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
  await section.screenshot({ path: path.join(SHOTS, 'sidebar-rules-gap-en.png') });

  // Fixed: Others from R 1 again. Customers scoring R 1, F 1 now fall through Lost to Others.
  await sidebar.locator('#rule-10-r-lo').selectOption('1');
  expect(
    await until(
      () => error.isHidden(),
      (hidden) => hidden,
    ),
  ).toBe(true);
  const lostAfter = await previewCustomers('Lost');
  const othersAfter = await previewCustomers('Others');
  expect(lostAfter).toBeLessThan(lostBefore);
  expect(othersAfter - othersBefore).toBe(lostBefore - lostAfter);
  await page.locator('#sidebar').screenshot({ path: path.join(SHOTS, 'sidebar-rules-fixed-en.png') });

  // The run writes the same: every Lost row scores R 1 with F 2 or more, every R 1 F 1 row is Others.
  await sidebar.locator('#run').click();
  expect(
    await until(
      () => sidebar.locator('#status').textContent(),
      (t) => /Tiered|went wrong|fix/.test(t ?? ''),
      30_000,
    ),
  ).toMatch(/Tiered \d+ customers/);
  const stored = JSON.parse(playground.fake().properties.document.get('customerTiers.settings') ?? '{}');
  expect(stored.rfm.rules[9]).toEqual({ segment: 'Lost', r: [1, 1], f: [2, 5], m: [1, 5] });
  const { rows, codeCol, segmentCol, r1f1 } = rfmRows(playground);
  for (const row of r1f1) expect(row[segmentCol]).toBe('Others');
  for (const row of rows.filter((r) => r[segmentCol] === 'Lost')) expect(String(row[codeCol])).toMatch(/^1[2-5]\d$/);

  // Back to the built-in rules, and to ABC for the tests that follow.
  await sidebar.locator('#rules-reset').click();
  expect(await sidebar.locator('#rules-edited').textContent()).toBe('');
  expect(await previewCustomers('Lost')).toBe(lostBefore);
  await sidebar.locator('#mode').selectOption('abc');
  expect(await section.isHidden()).toBe(true);
  await previewSettled();
});

/** Customers per row of the settled preview, by label; a segment the preview leaves out counts 0. */
async function previewCounts(): Promise<Record<string, number>> {
  await previewSettled();
  const rows = await sidebar
    .locator('#preview-table tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-tier') ?? '', tr.querySelector('.customers')?.textContent ?? ''] as const),
    );
  return Object.fromEntries(rows.map(([label, text]) => [label, number(text)]));
}

test("RFM segment rules: deleting the catch-all shows the gap, adding a rule closes it, a rule's segment can be changed and the run follows", async () => {
  await sidebar.locator('#mode').selectOption('rfm');
  const section = sidebar.locator('#rules-section');
  if (!(await section.evaluate((d) => (d as HTMLDetailsElement).open))) await sidebar.locator('#rules-section > summary').click();
  const segments = () => sidebar.locator('#rules .rule').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-segment')));
  const builtIn = DEFAULT_RFM_SEGMENT_RULES.map((r) => r.segment);
  expect(await segments()).toEqual(builtIn);
  // Each rule names its segment in a menu of all 11, in the UI language.
  expect(await sidebar.locator('#rule-segment-9').inputValue()).toBe('Lost');
  expect(await sidebar.locator('#rule-segment-9 option').count()).toBe(11);
  const before = await previewCounts();
  expect(before.Lost).toBeGreaterThan(0);

  // Without the catch-all (rule 11, Others) some score combinations match nothing: the gap shows at once.
  await sidebar.locator('#rule-remove-10').click();
  expect(await segments()).toEqual(builtIn.slice(0, 10));
  const error = sidebar.locator('#rules-error');
  await error.waitFor();
  expect(await error.textContent()).toMatch(/^scores \d{3}, .* match no rule/);
  expect(await sidebar.locator('#rules-edited').textContent()).toBe('edited');
  expect(
    await until(
      () => sidebar.locator('#preview-errors').textContent(),
      (t) => /^Segment rules: scores/.test(t ?? ''),
    ),
  ).toMatch(/^Segment rules: scores/);

  // "+ Add rule" appends Others 1–5 / 1–5 / 1–5: the gap closes, and the list is the built-in one again.
  await sidebar.locator('#rules-add').click();
  expect(
    await until(
      () => error.isHidden(),
      (hidden) => hidden,
    ),
  ).toBe(true);
  expect(await segments()).toEqual(builtIn);
  for (const score of ['r', 'f', 'm']) {
    expect(await sidebar.locator(`#rule-10-${score}-lo`).inputValue()).toBe('1');
    expect(await sidebar.locator(`#rule-10-${score}-hi`).inputValue()).toBe('5');
  }
  expect(await sidebar.locator('#rules-edited').textContent()).toBe('');
  expect(await previewCounts()).toEqual(before);

  // Rule 10 (R 1, any F and M) gives At Risk instead of Lost: the same customers, only their segment moves.
  await sidebar.locator('#rule-segment-9').selectOption('At Risk');
  expect((await segments())[9]).toBe('At Risk');
  const after = await until(previewCounts, (c) => !c.Lost);
  expect(after.Lost ?? 0).toBe(0);
  expect(after['At Risk']).toBe(before['At Risk'] + before.Lost);
  for (const label of Object.keys(before)) if (label !== 'Lost' && label !== 'At Risk') expect(after[label]).toBe(before[label]);

  // Everything fits the 300 px sidebar, in English and in Chinese (longer segment names).
  const frame = await sidebarFrame();
  expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
  await section.screenshot({ path: path.join(SHOTS, 'sidebar-rules-edit-en.png') });
  const language = await sidebar.locator('#language').inputValue();
  await sidebar.locator('#language').selectOption('zh');
  expect(await sidebar.locator('#rule-segment-9 option:checked').textContent()).toBe('流失风险客户');
  expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
  await section.screenshot({ path: path.join(SHOTS, 'sidebar-rules-edit-zh.png') });
  await sidebar.locator('#language').selectOption(language);
  await previewSettled();

  // Saved, then run: the stored rule gives At Risk, and every R 1 F 1 row (which only Lost's rule
  // and the catch-all cover) now reads At Risk in the Segment column; no row reads Lost.
  await sidebar.locator('#save').click();
  await sidebar.locator('#status .message.success').waitFor();
  const stored = JSON.parse(playground.fake().properties.document.get('customerTiers.settings') ?? '{}');
  expect(stored.rfm.rules[9]).toEqual({ segment: 'At Risk', r: [1, 1], f: [1, 5], m: [1, 5] });
  await sidebar.locator('#run').click();
  expect(
    await until(
      () => sidebar.locator('#status').textContent(),
      (t) => /Tiered|went wrong|fix/.test(t ?? ''),
      30_000,
    ),
  ).toMatch(/Tiered \d+ customers/);
  const { rows, segmentCol, r1f1 } = rfmRows(playground);
  for (const row of r1f1) expect(row[segmentCol]).toBe('At Risk');
  expect(rows.filter((row) => row[segmentCol] === 'Lost')).toEqual([]);

  // Back to the built-in rules, and to ABC for the tests that follow.
  await sidebar.locator('#rules-reset').click();
  expect(await sidebar.locator('#rules-edited').textContent()).toBe('');
  await sidebar.locator('#mode').selectOption('abc');
  await previewSettled();
});

test('the add-on menu calls the bundle and its alerts appear on the page', async () => {
  await page.locator('#menus .menu > button').first().click();
  await page.locator('#menus button[data-function="showHelp"]').click();
  expect(
    await until(
      () => page.locator('#alerts .alert').count(),
      (n) => n > 0,
    ),
  ).toBeGreaterThan(0);
  expect(await page.locator('#alerts').textContent()).toContain('Customer Tiers');
});

test('the sidebar speaks Chinese when chosen, and by itself for a Chinese user', async () => {
  await sidebar.locator('#language').selectOption('zh');
  await expect(sidebar.locator('#data-title').textContent()).resolves.toBe('数据');
  await expect(sidebar.locator('#preview-table th').first().textContent()).resolves.toBe('等级');
  await expect(sidebar.locator('#run').textContent()).resolves.toBe('立即分级');

  // A fresh document for a zh_CN user: language "auto" follows the user's locale.
  await page.request.post(`${playground.url}api/reset?locale=zh_CN`);
  await openPlayground();
  await expect(sidebar.locator('#language').inputValue()).resolves.toBe('auto');
  await expect(sidebar.locator('#data-title').textContent()).resolves.toBe('数据');
  expect(await sidebar.locator('.preview-totals').textContent()).toMatch(/^共 \d+ 位客户/);
  const frame = await sidebarFrame();
  expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
  await page.locator('#sidebar').screenshot({ path: path.join(SHOTS, 'sidebar-zh.png') });
});

test('picking another sheet: a Chinese customer list is recognised and previewed', async () => {
  const values = [500, 200, 100, 80, 50, 30, 20, 10, 5, 5];
  const sheet = playground.fake().spreadsheet.insertSheet('客户清单');
  sheet
    .getRange(1, 1, values.length + 1, 3)
    .setValues([['客户', '销售额', '最近购买日期'], ...values.map((v, i) => [`客户${i + 1}`, v, new Date(2025, 0, i + 1)])]);
  await page.locator('#reload-sidebar').click();
  await sidebar.locator('#preview-table').waitFor();
  await sidebar.locator('#sheet').selectOption('客户清单');
  await until(
    () => sidebar.locator('#col-value').inputValue(),
    (v) => v === '销售额',
  );
  await expect(sidebar.locator('#layout').inputValue()).resolves.toBe('customers');
  await expect(sidebar.locator('#col-id').inputValue()).resolves.toBe('客户');
  await expect(sidebar.locator('#col-date').inputValue()).resolves.toBe('最近购买日期');
  await expect(sidebar.locator('#detected-layout').textContent()).resolves.toBe('识别结果：客户清单');
  await previewSettled();
  expect(await sidebar.locator('.preview-totals').textContent()).toBe('共 10 位客户 · 总价值 1,000');
});

test('every keystroke redraws the sidebar from its state, yet what is being typed and the focus stay', async () => {
  const frame = await sidebarFrame();
  const focused = () => frame.evaluate(() => document.activeElement?.id);
  await sidebar.locator('#preset').selectOption('pareto');
  await previewSettled();
  // "80.50" reads as 80 along the way: the text typed is kept, not rewritten as "80" or "80.5".
  const cut = sidebar.locator('#tier-cut-0');
  await cut.fill('');
  await cut.pressSequentially('80.50');
  await previewSettled();
  expect(await cut.inputValue()).toBe('80.50');
  expect(await focused()).toBe('tier-cut-0');

  const label = sidebar.locator('#tier-label-0');
  await label.fill('');
  await label.pressSequentially('Top ');
  await previewSettled();
  expect(await label.inputValue()).toBe('Top ');
  expect(await focused()).toBe('tier-label-0');

  // The playbook stores actions trimmed; the spaces being typed stay in the box.
  if (!(await sidebar.locator('#playbook-section').evaluate((d) => (d as HTMLDetailsElement).open)))
    await sidebar.locator('#playbook-section > summary').click();
  const box = sidebar.locator('#playbook-0');
  await box.pressSequentially('Visit  ');
  expect(await box.inputValue()).toBe('Visit  ');
  expect(await focused()).toBe('playbook-0');
});

describe('tuning without friction', () => {
  /** A fresh sample document for an English user, the sidebar open on it. */
  async function fresh(): Promise<void> {
    await page.request.post(`${playground.url}api/reset?locale=en_US`);
    await openPlayground();
  }

  test('each weight has a number box that follows its slider and leads it; adding a dimension keeps the typed numbers', async () => {
    await fresh();
    await sidebar.locator('#mode').selectOption('score');
    const box = sidebar.locator('#dim-weight-num-0');
    await expect(box.inputValue()).resolves.toBe('50');
    await box.fill('150');
    // The slider follows (its scale grows to hold it) and the shares are 150 / 200 and so on.
    await expect(sidebar.locator('#dim-weight-0').inputValue()).resolves.toBe('150');
    await expect(sidebar.locator('#dim-share-0').textContent()).resolves.toBe('75%');
    const frame = await sidebarFrame();
    await frame.$eval('#dim-weight-1', (input) => {
      (input as HTMLInputElement).value = '40';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await expect(sidebar.locator('#dim-weight-num-1').inputValue()).resolves.toBe('40');
    await sidebar.locator('#add-dimension').click();
    await expect(sidebar.locator('#dimensions .dim').count()).resolves.toBe(4);
    const typed = await Promise.all([0, 1, 2, 3].map((i) => sidebar.locator(`#dim-weight-num-${i}`).inputValue()));
    expect(typed).toEqual(['150', '40', '20', '10']);
    // An empty box is marked, with its error under it.
    await box.fill('');
    await sidebar.locator('#dim-weight-error-0:not([hidden])').waitFor();
    await expect(box.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    await page.locator('#sidebar').screenshot({ path: path.join(SHOTS, 'sidebar-weights-en.png') });
  });

  test('"Absolute thresholds" starts from the data: every tier has customers', async () => {
    await fresh();
    await previewSettled();
    await sidebar.locator('#preset').selectOption('thresholds');
    const cuts = [await sidebar.locator('#tier-cut-0').inputValue(), await sidebar.locator('#tier-cut-1').inputValue()].map(Number);
    expect(cuts[0]).toBeGreaterThan(cuts[1]);
    expect(cuts).not.toEqual([1_000_000, 500_000]);
    // At most 2 significant digits.
    for (const cut of cuts) expect(String(cut).replace(/0+$/, '').length).toBeLessThanOrEqual(2);
    const counts = [await previewCustomers('A'), await previewCustomers('B'), await previewCustomers('C')];
    for (const n of counts) expect(n).toBeGreaterThan(0);
    const total = counts.reduce((a, b) => a + b, 0);
    // About a fifth in A, about half in A and B.
    expect(counts[0] / total).toBeGreaterThan(0.1);
    expect(counts[0] / total).toBeLessThan(0.3);
  });

  test('value groups without cost or potential columns say that MGC and BZ need them, in English and Chinese', async () => {
    await fresh();
    await sidebar.locator('#mode').selectOption('valueGroups');
    await previewSettled();
    await expect(sidebar.locator('#preview-no-potential').textContent()).resolves.toMatch(/No potential column: nobody can be MGC/);
    await expect(sidebar.locator('#preview-no-cost').textContent()).resolves.toMatch(/No cost column: nobody can be BZ/);
    await sidebar.locator('#language').selectOption('zh');
    await expect(sidebar.locator('#preview-no-cost').textContent()).resolves.toMatch(/^未选择成本列/);
    // A column chosen: its note goes.
    await sidebar.locator('#col-cost').selectOption('金额 Amount');
    await until(
      () => sidebar.locator('#preview-no-cost').count(),
      (n) => n === 0,
    );
    expect(await sidebar.locator('#preview-no-cost').count()).toBe(0);
    expect(await sidebar.locator('#preview-no-potential').count()).toBe(1);
  });

  test('RFM: the as-of date says that scores are relative and later orders are left out', async () => {
    await fresh();
    await sidebar.locator('#mode').selectOption('rfm');
    const explain = sidebar.locator('#rfm-as-of-explain');
    await expect(explain.isVisible()).resolves.toBe(true);
    expect(await explain.textContent()).toMatch(/relative.*Orders after this date are left out/);
  });

  test('a header row of dates and numbers shows column letters in the pickers, and the run finds the column picked', async () => {
    await fresh();
    const sheet = playground.fake().spreadsheet.insertSheet('Monthly');
    sheet.getRange(1, 1, 5, 3).setValues([
      ['Monthly sales', '', ''],
      ['Customer', new Date(2024, 0, 1), 2024],
      ['Acme', 500, 1],
      ['Bolt', 300, 2],
      ['Cora', 100, 3],
    ]);
    await page.locator('#reload-sidebar').click();
    await sidebar.locator('#preview-table').waitFor();
    await sidebar.locator('#sheet').selectOption('Monthly');
    await sidebar.locator('#header-row').fill('2');
    await sidebar.locator('#header-row').dispatchEvent('change');
    await until(
      () => sidebar.locator('#col-value option').allTextContents(),
      (texts) => texts.includes('Column B (2024-01-01)'),
    );
    const texts = await sidebar.locator('#col-value option').allTextContents();
    expect(texts).toEqual(expect.arrayContaining(['Customer', 'Column B (2024-01-01)', 'Column C (2024)']));
    expect(texts).not.toContain('2024-01-01');
    await sidebar.locator('#layout').selectOption('customers');
    await sidebar.locator('#col-id').selectOption('Customer');
    await sidebar.locator('#col-value').selectOption({ label: 'Column B (2024-01-01)' });
    await sidebar.locator('#preset').selectOption('pareto');
    await previewSettled();
    expect(await sidebar.locator('.preview-totals').textContent()).toBe('3 customers · total value 900');
    await sidebar.locator('#run').click();
    await until(
      () => sidebar.locator('#status').textContent(),
      (t) => /Tiered|went wrong|fix/.test(t ?? ''),
    );
    expect(await sidebar.locator('#status .message.success').count()).toBe(1);
    const written = playground.fake().spreadsheet.getSheetByName('Monthly')!.getDataRange().getValues();
    expect(written[1]).toContain('Tier');
  });

  test("the sheet list leaves out the add-on's own sheets", async () => {
    // After the run above the summary, and the hidden record, exist.
    const names = playground
      .fake()
      .spreadsheet.getSheets()
      .map((s) => s.getName());
    expect(names.length).toBeGreaterThan(2);
    await page.locator('#reload-sidebar').click();
    await sidebar.locator('#preview-table').waitFor();
    const offered = await sidebar.locator('#sheet option').allTextContents();
    expect(offered.sort()).toEqual(['Monthly', 'Orders']);
  });

  test('a table pasted into the playground grid is tiered by the preview, and typing in it moves the preview', async () => {
    await fresh();
    await page.locator('#new-sheet').click();
    await page.locator('#tabs button.active', { hasText: 'Sheet2' }).waitFor();
    // The sidebar opens on the new, empty sheet: nothing to preview yet.
    await until(
      () => sidebar.locator('#sheet').inputValue(),
      (v) => v === 'Sheet2',
    );
    await sidebar.locator('#preview[aria-busy="false"]').waitFor();
    const paste = (col: string, row: number, text: string) =>
      page.$eval(
        `#grid tr[data-row="${row}"] td[data-col="${col}"]`,
        (td, pasted) => {
          const data = new DataTransfer();
          data.setData('text/plain', pasted);
          td.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        },
        text,
      );
    await paste('A', 1, 'Customer\tSales\r\nAcme\t1,000\r\nBolt\t300\r\nCora\t100\r\n');
    await page.locator('#grid tr[data-row="2"] td[data-col="B"]', { hasText: '1000' }).waitFor();
    // It reads the sheet again by itself, and suggests the columns it had none of.
    await until(
      () => sidebar.locator('.preview-totals').textContent(),
      (t) => t === '3 customers · total value 1,400',
    );
    expect(await sidebar.locator('.preview-totals').textContent()).toBe('3 customers · total value 1,400');
    // Another paste while the sidebar shows this sheet: the preview follows by itself.
    await paste('A', 5, 'Dean\t2000');
    expect(
      await until(
        () => sidebar.locator('.preview-totals').textContent(),
        (t) => t === '4 customers · total value 3,400',
      ),
    ).toBe('4 customers · total value 3,400');
    await page.locator('body').screenshot({ path: path.join(SHOTS, 'playground-pasted.png') });
  });
});

describe('points per answer and tiers within groups', () => {
  /** Each sample customer's region (the first one on their orders) and how often each region is on an order, computed here without the engine. */
  function sampleRegions(): { byCustomer: Map<string, string>; counts: Map<string, number> } {
    const byCustomer = new Map<string, string>();
    const counts = new Map<string, number>();
    for (const [name, , , region] of sampleOrders().rows) {
      const id = typeof name === 'string' ? name.trim() : '';
      const r = String(region ?? '').trim();
      // The editor counts the column's rows; customers are the rows with a name.
      if (r) counts.set(r, (counts.get(r) ?? 0) + 1);
      if (!id) continue;
      if (!byCustomer.has(id) && r) byCustomer.set(id, r);
    }
    return { byCustomer, counts };
  }

  test('the points editor lists the answers, its points drive the preview, and they are saved with the settings', async () => {
    await page.request.post(`${playground.url}api/reset?locale=en_US`);
    await openPlayground();
    await sidebar.locator('#mode').selectOption('score');
    await sidebar.locator('#dim-column-0').selectOption('地区 Region');
    // Only the region counts: the other seeded dimensions weigh nothing.
    await sidebar.locator('#dim-weight-num-1').fill('0');
    await sidebar.locator('#dim-weight-num-2').fill('0');
    await sidebar.locator('#dim-points-0').check();
    const { byCustomer, counts } = sampleRegions();
    const expectedAnswers = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([r]) => r);
    const answers = () => sidebar.locator('#dim-answers-0 .points-row .answer').allTextContents();
    expect(await until(answers, (a) => a.length > 1)).toEqual([...expectedAnswers, 'Any other answer']);
    expect(await sidebar.locator('#dim-answers-0 .points-row .count').first().textContent()).toBe(`${counts.get(expectedAnswers[0])}×`);

    // One region 100 points, any other 0: that region's customers tie at the top, so all of them are A.
    const top = expectedAnswers[1];
    await sidebar.locator('#dim-answer-0-1').fill('100');
    await sidebar.locator('#dim-other-0').fill('0');
    const inTop = [...byCustomer.values()].filter((r) => r === top).length;
    expect(
      await until(
        () => previewCustomers('A'),
        (n) => n === inTop,
      ),
    ).toBe(inTop);
    expect(await sidebar.locator('#dim-answer-0-1').inputValue()).toBe('100');

    await sidebar.locator('#save').click();
    await until(
      async () => playground.fake().properties.document.size,
      (n) => n > 0,
    );
    const saved = JSON.parse([...playground.fake().properties.document.values()][0] as string);
    expect(saved.score.dimensions[0]).toMatchObject({ column: '地区 Region', points: { answers: { [top]: 100 }, other: 0 } });
    await page.locator('#sidebar').screenshot({ path: path.join(SHOTS, 'sidebar-points.png') });
  });

  test('the group-by picker shows the tiers of each group in the preview', async () => {
    // Still the region points of the previous test: within a region every customer scores the same.
    await sidebar.locator('#group-by').selectOption('地区 Region');
    await sidebar.locator('#preview[aria-busy="false"] #preview-groups').waitFor();
    const rows = await sidebar
      .locator('#preview-groups tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [tr.getAttribute('data-group'), ...Array.from(tr.querySelectorAll('td.customers')).map((td) => td.textContent)]),
      );
    const { byCustomer } = sampleRegions();
    const size = (region: string) => [...byCustomer.values()].filter((r) => r === region).length;
    expect(rows.map((r) => r[0]).sort()).toEqual([...new Set(byCustomer.values())].sort());
    // The region with 100 points: all A; every other region scores 0, and 0 is always the last tier.
    const top = [...sampleRegions().counts.entries()].sort((a, b) => b[1] - a[1])[1][0];
    for (const [region, ...tiers] of rows) {
      const expected = region === top ? [size(region!), 0, 0] : [0, 0, size(region!)];
      expect(tiers.map(Number)).toEqual(expected);
    }

    // ABC by value within each region: each region's A, B, C from its own customers' totals (Pareto 80/95).
    await sidebar.locator('#mode').selectOption('abc');
    await sidebar.locator('#preset').selectOption('pareto');
    const totals = new Map<string, number>();
    for (const [name, , amount] of sampleOrders().rows) {
      const id = typeof name === 'string' ? name.trim() : '';
      if (id && typeof amount === 'number') totals.set(id, (totals.get(id) ?? 0) + amount);
    }
    const expectedTiers = (region: string) => {
      const values = [...byCustomer].filter(([id, r]) => r === region && totals.has(id)).map(([id]) => Math.max(0, totals.get(id)!));
      const total = values.reduce((a, b) => a + b, 0);
      const tiers = [0, 0, 0];
      for (const v of values) {
        const above = values.filter((w) => w > v).reduce((a, b) => a + b, 0) / total;
        tiers[v <= 0 ? 2 : [0.8, 0.95].filter((c) => above >= c).length]++;
      }
      return tiers;
    };
    const abcRows = await until(
      () =>
        sidebar
          .locator('#preview[aria-busy="false"] #preview-groups tbody tr')
          .evaluateAll((trs) =>
            trs.map((tr) => [
              tr.getAttribute('data-group'),
              ...Array.from(tr.querySelectorAll('td.customers')).map((td) => Number(td.textContent)),
            ]),
          ),
      (r) => r.length > 0 && r.some((row) => row[2] !== 0),
    );
    for (const [region, ...tiers] of abcRows) expect(tiers).toEqual(expectedTiers(region as string));
    await page.locator('#sidebar').screenshot({ path: path.join(SHOTS, 'sidebar-groups.png') });
  });
});
