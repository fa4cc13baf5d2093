/**
 * runTiering in RFM mode follows the user's segment rules: an edited range or a new order moves
 * a customer to another segment, in the Segment column and in the summary counts.
 */
import { settingText } from '../../src/i18n/issues';
import { runTiering, type TieringTable } from '../../src/pipeline/runTiering';
import { defaultSettings } from '../../src/settings/settings';
import { DEFAULT_RFM_SEGMENT_RULES, type RfmSegmentRule } from '../../src/engine/rfm';
import type { Settings } from '../../src/settings/schema';

/**
 * Ten customers c1..c10: c10 bought last (0 days before as-of), most often and most; c1 first
 * (9 days), once, least. With the rfm package's quantile bins the extremes of each column land in
 * the outer bins, so c10 scores 555 and c1 111 whatever the bins in between.
 */
function tenCustomers(): { settings: Settings; table: TieringTable } {
  const settings = defaultSettings('Customers');
  settings.mode = 'rfm';
  settings.source = {
    ...settings.source,
    idColumn: 'Customer',
    valueColumn: 'Revenue',
    dateColumn: 'Last purchase',
    frequencyColumn: 'Orders',
  };
  settings.rfm.asOf = '2025-01-10';
  const rows = Array.from({ length: 10 }, (_, k) => {
    const i = k + 1;
    return [`c${i}`, 100 * i, `2025-01-${String(i).padStart(2, '0')}`, i];
  });
  return { settings, table: { headers: ['Customer', 'Revenue', 'Last purchase', 'Orders'], rows } };
}

const copy = (): RfmSegmentRule[] => JSON.parse(JSON.stringify(DEFAULT_RFM_SEGMENT_RULES));

function segmentOf(run: ReturnType<typeof runTiering>, id: string): string | undefined {
  return run.customers.find((c) => c.id === id)?.label;
}

function count(run: ReturnType<typeof runTiering>, label: string): number {
  return run.summary.find((row) => row.label === label)?.customers ?? -1;
}

describe('RFM segment rules in a run', () => {
  it('the built-in rules: c10 (555) is a Champion, c1 (111) is Lost', () => {
    const { settings, table } = tenCustomers();
    const run = runTiering(settings, table);
    expect(run.errors).toEqual([]);
    expect(run.outputs.find((o) => o.key === 'rfm')!.values[9]).toBe('555');
    expect(run.outputs.find((o) => o.key === 'rfm')!.values[0]).toBe('111');
    expect(segmentOf(run, 'c10')).toBe('Champions');
    expect(segmentOf(run, 'c1')).toBe('Lost');
  });

  it('a widened range moves a customer: About To Sleep from r 1 takes 111 before Lost does', () => {
    const { settings, table } = tenCustomers();
    const before = runTiering(settings, table);
    const rules = copy();
    rules.find((r) => r.segment === 'About To Sleep')!.r = [1, 3];
    settings.rfm.rules = rules;
    const after = runTiering(settings, table);
    expect(after.errors).toEqual([]);
    expect(segmentOf(after, 'c1')).toBe('About To Sleep');
    // The Segment column and the summary follow, in the run's language too.
    expect(after.outputs.find((o) => o.key === 'segment')!.values[0]).toBe('About To Sleep');
    expect(runTiering(settings, table, { language: 'zh' }).outputs.find((o) => o.key === 'segment')!.values[0]).toBe('即将沉睡客户');
    expect(count(after, 'About To Sleep')).toBe(count(before, 'About To Sleep') + 1);
    expect(count(after, 'Lost')).toBe(count(before, 'Lost') - 1);
  });

  it('order matters: Potential Loyalist moved above Champions takes 555', () => {
    const { settings, table } = tenCustomers();
    const rules = copy();
    [rules[0], rules[1]] = [rules[1], rules[0]];
    expect(rules[0].segment).toBe('Potential Loyalist');
    settings.rfm.rules = rules;
    expect(segmentOf(runTiering(settings, table), 'c10')).toBe('Potential Loyalist');
  });

  it('rules that leave a gap stop the run with the coverage error, nothing computed', () => {
    const { settings, table } = tenCustomers();
    settings.rfm.rules = copy().filter((r) => r.segment !== 'Others');
    const run = runTiering(settings, table, { language: 'zh' });
    expect(run.errors.map((e) => settingText(e, 'zh'))).toEqual([expect.stringMatching(/^rfm\.rules: 得分组合 215、/)]);
    expect(run.customers).toEqual([]);
  });
});
