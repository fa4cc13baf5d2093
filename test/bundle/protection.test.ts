/** Safe sharing: the add-on's columns and sheets carry warning-only protection, one each across reruns, gone with the columns. */
import { createFakeGas, getSheet, spreadsheetSnapshot, type FakeGas } from '../../harness/fakeGas';
import { loadBundle, invoke, type BundleContext } from '../../harness/loadBundle';
import { defaultSettings } from '../../src/settings/settings';

function customerSheet(n: number): unknown[][] {
  const rows: unknown[][] = [['Customer', 'Revenue']];
  for (let i = 0; i < n; i++) rows.push([`C${i}`, ((i * 7919) % 1000) + 1]);
  return rows;
}

function start(): { fake: FakeGas; ctx: BundleContext } {
  const fake = createFakeGas({ sheets: { Customers: customerSheet(20) } });
  const ctx = loadBundle(fake);
  invoke(fake, ctx, 'onOpen', {});
  return { fake, ctx };
}

function tier(fake: FakeGas, ctx: BundleContext, mode: 'abc' | 'valueGroups') {
  const s = defaultSettings('Customers');
  s.source.idColumn = 'Customer';
  s.source.valueColumn = 'Revenue';
  s.mode = mode;
  expect(invoke(fake, ctx, 'sidebarSaveSettings', s)).toMatchObject({ ok: true });
  invoke(fake, ctx, 'tierCustomersNow');
}

/** Every protection of the spreadsheet, as "sheet range description warning-only". */
const protections = (fake: FakeGas) =>
  fake.spreadsheet
    .getSheets()
    .flatMap((sheet) =>
      ['SHEET', 'RANGE'].flatMap((type) =>
        sheet
          .getProtections(type)
          .map(
            (p) =>
              `${sheet.getName()} ${type === 'SHEET' ? 'sheet' : p.getRange().getA1Notation()} ${p.getDescription()} ${p.isWarningOnly()}`,
          ),
      ),
    );

describe('warning-only protection', () => {
  const { fake, ctx } = start();
  tier(fake, ctx, 'abc');
  const first = protections(fake);

  it("covers the add-on's columns from the header down and its sheets, asking before an edit without locking anyone out", () => {
    const header = getSheet(fake, 'Customers').getRange(1, 1, 1, 5).getValues()[0];
    expect(header.slice(2)).toEqual(['Tier', 'Rank', 'Cumulative share']);
    expect(first.filter((p) => p.startsWith('Customers '))).toEqual([
      'Customers C1:C1000 Customer Tiers true',
      'Customers D1:D1000 Customer Tiers true',
      'Customers E1:E1000 Customer Tiers true',
    ]);
    expect(first.filter((p) => p.includes(' sheet '))).toEqual([
      'Customer Tiers record sheet Customer Tiers true',
      'Customer list sheet Customer Tiers true',
      'Tier summary sheet Customer Tiers true',
    ]);
  });

  it('keeps one of each across reruns', () => {
    const before = spreadsheetSnapshot(fake.spreadsheet);
    tier(fake, ctx, 'abc');
    expect(protections(fake)).toEqual(first);
    expect(spreadsheetSnapshot(fake.spreadsheet)).toEqual(before);
  });

  it("removes the protection with the columns a mode no longer writes, and leaves the user's own", () => {
    getSheet(fake, 'Customers').getRange('A1:A5').protect().setDescription('Mine');
    tier(fake, ctx, 'valueGroups');
    const now = protections(fake).filter((p) => p.startsWith('Customers '));
    expect(now).toEqual(['Customers A1:A5 Mine false', 'Customers C1:C1000 Customer Tiers true']);
  });

  it('goes with a column the user deletes; the next run protects the column it writes', () => {
    getSheet(fake, 'Customers').deleteColumn(3);
    expect(protections(fake).filter((p) => p.includes('C1:C1000'))).toEqual([]);
    tier(fake, ctx, 'valueGroups');
    expect(protections(fake).filter((p) => p.endsWith('Customer Tiers true') && p.startsWith('Customers '))).toHaveLength(1);
  });
});
