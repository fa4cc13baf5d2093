/** The settings edits the sidebar's sections make (src/sidebar/model.ts): pure, one per kind of change. */
import { applyPreset, crossCheck, defaultSettings, validateSettings } from '../../src/settings/settings';
import type { Settings } from '../../src/settings/schema';
import * as model from '../../src/sidebar/model';
import { DEFAULT_RFM_SEGMENT_RULES } from '../../src/engine/rfm';

/** Frozen all the way down: an edit that changed its input would throw (test modules are strict). */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) frozen(child);
    Object.freeze(value);
  }
  return value;
}

const customers = (): Settings => {
  const s = defaultSettings('Customers');
  s.source = { ...s.source, layout: 'customers', idColumn: 'Name', valueColumn: 'Sales', frequencyColumn: 'Orders', costColumn: 'Cost' };
  return s;
};

describe('no edit changes the settings it is given', () => {
  test('every transition on deeply frozen settings', () => {
    const s = frozen(customers());
    const score = frozen(model.setMode(customers(), 'score'));
    expect(() => [
      model.setMode(s, 'score'),
      model.choosePreset(s, 'creditRating'),
      model.setAbcMethod(s, 'threshold', [5000, 1000, 1]),
      model.setScoreTierMethod(score, 'threshold'),
      model.patch(s, 'rfm', { asOf: '2025-06-30' }),
      model.setCut(s, 0, 0.5),
      model.setCut(score, 1, 0.3),
      model.setTierColour(s, 0, '#000000'),
      model.setTierLabel(s, 1, 'Gold'),
      model.addDimension(score, ['Sales', 'Visits']),
      model.removeDimension(score, 0),
      model.setDimension(score, 0, { weight: 3 }),
      model.setLayout(score, 'orders'),
      model.editRules(s, (rules) => model.moveRule(rules, 0, 1)),
    ]).not.toThrow();
  });
});

describe('method', () => {
  test("switching to a weighted score seeds dimensions from the chosen columns once, and keeps the score's own cuts", () => {
    const score = model.setMode(customers(), 'score');
    expect(score.score.dimensions.map((d) => [d.column, d.direction])).toEqual([
      ['Sales', 'higher'],
      ['Orders', 'higher'],
      ['Cost', 'lower'],
    ]);
    expect(score.tiers).toHaveLength(score.score.cuts.length + 1);
    // Dimensions the user has are kept when coming back to the score.
    const edited = model.setDimension(score, 0, { weight: 5 });
    expect(model.setMode(model.setMode(edited, 'abc'), 'score').score.dimensions).toEqual(edited.score.dimensions);
    expect(crossCheck(model.setMode(score, 'abc'))).toEqual([]);
  });

  test('a score preset without dimensions gets seeded ones; other presets keep the columns', () => {
    const credit = model.choosePreset(customers(), 'creditRating');
    expect(credit.mode).toBe('score');
    expect(credit.score.dimensions.length).toBeGreaterThan(0);
    expect(credit.tiers.map((x) => x.label)).toEqual(['AAA', 'AA', 'A', 'B', 'C']);
    expect(model.choosePreset(customers(), 'pareto').source).toEqual(customers().source);
  });

  test("switching to thresholds starts from the preview's tier minimums when they make decreasing levels", () => {
    expect(model.setAbcMethod(customers(), 'threshold', [123456, 23456, 10]).abc).toEqual({ method: 'threshold', cuts: [120000, 23000] });
    // An empty tier (NaN), a count that does not match the tiers, or no preview: the method's own defaults.
    expect(model.setAbcMethod(customers(), 'threshold', [NaN, 100, 1]).abc.cuts).toEqual(model.defaultCuts('threshold'));
    expect(model.setAbcMethod(customers(), 'threshold', [500, 100]).abc.cuts).toEqual(model.defaultCuts('threshold'));
    expect(model.setAbcMethod(customers(), 'threshold').abc.cuts).toEqual(model.defaultCuts('threshold'));
    // Minimums mean nothing for shares.
    expect(model.setAbcMethod(customers(), 'rank', [123456, 23456, 10]).abc.cuts).toEqual(model.defaultCuts('rank'));
    expect(model.setAbcMethod(customers(), 'computed').tiers).toHaveLength(3);
  });

  test('cutting the score by thresholds resets its cuts and resizes the tiers to them', () => {
    const next = model.setScoreTierMethod(model.setMode(customers(), 'score'), 'threshold');
    expect(next.score.cuts).toEqual(model.defaultCuts('scoreThreshold'));
    expect(next.tiers).toHaveLength(5);
    expect(crossCheck(next)).toEqual([]);
  });

  test('patch changes the named fields of one part only', () => {
    const s = customers();
    const next = model.patch(s, 'valueGroups', { mvcShare: 0.1 });
    expect(next.valueGroups).toEqual({ ...s.valueGroups, mvcShare: 0.1 });
    expect(next.score).toBe(s.score);
    expect(model.patch(s, 'source', { dateColumn: 'Last order' }).source.dateColumn).toBe('Last order');
  });
});

describe('tiers', () => {
  test("a cut goes to the active mode's list, kept as typed even when not a number (validation names it)", () => {
    const s = customers();
    expect(model.setCut(s, 1, 0.9).abc.cuts).toEqual([0.8, 0.9]);
    expect(model.setCut(s, 0, NaN).abc.cuts[0]).toBeNaN();
    const score = model.setMode(s, 'score');
    const cut = model.setCut(score, 0, 0.01);
    expect(cut.score.cuts[0]).toBe(0.01);
    expect(cut.abc).toBe(score.abc);
    // No such cut: the same settings, so nothing is redrawn.
    expect(model.setCut(s, 2, 0.5)).toBe(s);
    expect(model.setCut(s, -1, 0.5)).toBe(s);
  });

  test('a renamed tier takes its playbook action along; a colour is just set', () => {
    const s = { ...customers(), playbook: { B: 'Call quarterly' } };
    const gold = model.setTierLabel(s, 1, 'Gold');
    expect(gold.tiers.map((x) => x.label)).toEqual(['A', 'Gold', 'C']);
    expect(gold.playbook).toEqual({ Gold: 'Call quarterly' });
    expect(model.setTierLabel(gold, 1, 'B').playbook).toEqual({ B: 'Call quarterly' });
    expect(model.setTierColour(s, 2, '#123456').tiers[2]).toEqual({ label: 'C', colour: '#123456' });
    expect(model.setTierLabel(s, 5, 'X')).toBe(s);
    expect(model.setTierColour(s, 5, '#123456')).toBe(s);
  });
});

describe('dimensions', () => {
  test('a dimension names a sheet column, or a rolled-up figure of an orders list', () => {
    const s = customers();
    expect(model.dimensionColumns(s.source, ['Name', '', 'Sales'])).toEqual(['Name', 'Sales']);
    expect(model.dimensionColumns({ ...s.source, layout: 'orders' }, ['Name', 'Sales'])).toEqual([...model.ORDER_METRICS]);
  });

  test('adding takes the first column not used yet, then repeats the first; none without columns; at most 12', () => {
    const score = model.setMode(customers(), 'score');
    const added = model.addDimension(score, ['Sales', 'Visits', 'Orders']);
    expect(added.score.dimensions[added.score.dimensions.length - 1]).toEqual({ column: 'Visits', weight: 10, direction: 'higher' });
    const again = model.addDimension(added, ['Sales', 'Visits']).score.dimensions;
    expect(again[again.length - 1].column).toBe('Sales');
    expect(model.addDimension(score, [])).toBe(score);
    let many = score;
    for (let i = 0; i < 20; i++) many = model.addDimension(many, ['Sales']);
    expect(many.score.dimensions).toHaveLength(model.MAX_DIMENSIONS);
  });

  test('a dimension is changed or removed by its place; other places change nothing', () => {
    const score = model.setMode(customers(), 'score');
    const changed = model.setDimension(score, 1, { direction: 'lower', weight: 0 });
    expect(changed.score.dimensions[1]).toEqual({ column: 'Orders', weight: 0, direction: 'lower' });
    expect(changed.score.dimensions[0]).toBe(score.score.dimensions[0]);
    expect(model.removeDimension(score, 0).score.dimensions.map((d) => d.column)).toEqual(['Orders', 'Cost']);
    expect(model.setDimension(score, 9, { weight: 1 })).toBe(score);
    expect(model.removeDimension(score, 9)).toBe(score);
  });

  test('another layout seeds a score again (sheet columns against rolled-up figures); other modes keep their dimensions', () => {
    const score = model.setMode(customers(), 'score');
    expect(model.setLayout(score, 'orders').score.dimensions.map((d) => d.column)).toEqual(['Total', 'Orders', 'Recency days']);
    const abc = model.setLayout(customers(), 'orders');
    expect(abc.source.layout).toBe('orders');
    expect(abc.score.dimensions).toEqual(customers().score.dimensions);
  });
});

describe('segment rules through the settings', () => {
  test('an edit is stored; the built-in list again is stored as none', () => {
    const s = { ...customers(), mode: 'rfm' as const };
    const moved = model.editRules(s, (rules) => model.moveRule(rules, 0, 1));
    expect(moved.rfm.rules?.map((r) => r.segment).slice(0, 2)).toEqual(['Potential Loyalist', 'Champions']);
    const back = model.editRules(moved, () => DEFAULT_RFM_SEGMENT_RULES.slice());
    expect('rules' in back.rfm).toBe(false);
  });
});

describe('validation before saving', () => {
  test('a cut or share that is not a number is named in the UI language, by the path of its field', () => {
    const cut = model.setCut(customers(), 1, NaN);
    expect(model.validateForSave(cut, 'en')).toEqual({
      ok: false,
      errors: [{ path: 'abc.cuts.1', text: 'Type a number for the cut after tier 2.' }],
    });
    const zh = model.validateForSave(cut, 'zh');
    expect(!zh.ok && model.errorTarget(zh.errors[0], ['abc.cuts'])).toBe('abc.cuts');
    expect(!zh.ok && zh.errors[0].text).toMatch(/[\u4e00-\u9fff]/);
    const score = model.setCut(model.setMode(customers(), 'score'), 0, NaN);
    const scoreResult = model.validateForSave(score, 'en');
    expect(!scoreResult.ok && scoreResult.errors[0].path).toBe('score.cuts.0');
    const vg = model.patch({ ...customers(), mode: 'valueGroups' }, 'valueGroups', { mgcShare: NaN });
    expect(model.validateForSave(vg, 'en')).toEqual({
      ok: false,
      errors: [{ path: 'valueGroups.mgcShare', text: 'Type a percentage between 1 and 99.' }],
    });
  });

  test('otherwise it is validateSettings', () => {
    expect(model.validateForSave(customers(), 'en')).toEqual(validateSettings(customers()));
    const credit = applyPreset(customers(), 'creditRating');
    const checked = validateSettings(credit);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(model.validateForSave(credit, 'en')).toEqual({ ok: false, errors: model.fieldErrors(checked.problems, 'en') });
  });
});

describe('cut errors in the units the sidebar shows', () => {
  const pareto = (cuts: number[]) => {
    const s = model.choosePreset(customers(), 'pareto');
    return { ...s, abc: { ...s.abc, cuts }, tiers: model.resizeTiers(s.tiers, cuts.length + 1) };
  };

  test('an empty cut says empty, never "(null)"; junk says to type a number', () => {
    const blank = model.setCut(customers(), 0, model.displayToCut('pareto', ''));
    expect(model.cutErrors(blank, 'en')).toEqual([{ path: 'abc.cuts.0', text: 'The cut after tier 1 is empty: type a number.' }]);
    expect(model.cutErrors(blank, 'zh')[0].text).toBe('第 1 级的分界点为空：请填写数字。');
    expect(model.cutErrors(model.setCut(customers(), 1, NaN), 'en')[0].text).toBe('Type a number for the cut after tier 2.');
    const checked = model.validateForSave(blank, 'en');
    expect(!checked.ok && checked.errors.map((e) => e.text).join()).not.toMatch(/null/);
  });

  test('shares are explained in percent, on the box that breaks the order', () => {
    // 80, 99, 97.5: the third no longer reaches past the second.
    expect(model.cutErrors(pareto([0.8, 0.99, 0.975]), 'en')).toEqual([
      {
        path: 'abc.cuts.2',
        text: 'The cut after tier 3 (97.5%) must be above the one before it (99%): each tier reaches further.',
      },
    ]);
    expect(model.cutErrors(pareto([0.8, 1.2]), 'en')).toEqual([
      { path: 'abc.cuts.1', text: 'The cut after tier 2 (120%) must be above 0% and at most 100%.' },
    ]);
    expect(model.cutErrors(pareto([0.8, 0.95]), 'en')).toEqual([]);
  });

  test('amounts must fall, shown with separators; modes without cuts have none', () => {
    const thresholds = model.setCut(model.setAbcMethod(customers(), 'threshold'), 1, 2_000_000);
    expect(model.cutErrors(thresholds, 'en')).toEqual([
      {
        path: 'abc.cuts.1',
        text: 'The cut after tier 2 (2,000,000) must be below the one before it (1,000,000): levels go from the highest down.',
      },
    ]);
    expect(model.cutErrors({ ...customers(), mode: 'rfm' }, 'en')).toEqual([]);
  });

  test("the rules are the engine's: what they accept, crossCheck accepts", () => {
    for (const cuts of [
      [0.5, 0.9],
      [0.8, 0.95, 0.99],
      [0.1, 1],
    ])
      expect([model.cutErrors(pareto(cuts), 'en'), crossCheck(pareto(cuts))]).toEqual([[], []]);
    for (const cuts of [
      [0.9, 0.5],
      [0, 0.5],
      [0.5, 0.5],
    ]) {
      expect(model.cutErrors(pareto(cuts), 'en')).toHaveLength(1);
      expect(crossCheck(pareto(cuts))).toHaveLength(1);
    }
  });
});

describe('weights', () => {
  const score = () => model.setMode(customers(), 'score');

  test('a weight box reads numbers; empty or junk is no weight, and named on its box', () => {
    expect(model.displayToWeight(' 40 ')).toBe(40);
    expect(model.displayToWeight('2,5')).toBe(2.5);
    expect(model.displayToWeight('')).toBeNaN();
    const bad = model.setDimension(score(), 1, { weight: NaN });
    expect(model.weightErrors(bad, 'en')).toEqual([{ path: 'score.dimensions.1.weight', text: 'Type a weight from 0 to 1000.' }]);
    expect(model.weightErrors(model.setDimension(score(), 0, { weight: 1001 }), 'en')).toHaveLength(1);
    const checked = model.validateForSave(bad, 'en');
    expect(!checked.ok && checked.errors[0].path).toBe('score.dimensions.1.weight');
  });

  test('adding a dimension keeps the typed weights as they are', () => {
    const typed = model.setDimension(model.setDimension(score(), 0, { weight: 37 }), 1, { weight: 250 });
    const added = model.addDimension(typed, ['Name', 'Sales', 'Orders', 'Cost', 'Region']);
    expect(added.score.dimensions.map((d) => d.weight)).toEqual([...typed.score.dimensions.map((d) => d.weight), 10]);
  });
});

describe('column names in the pickers', () => {
  const headers = ['Customer', '2024-01-01', '2024', '', 'Sales 2024', '1,250.5'];

  test('dates and numbers in the header row show as their column letter', () => {
    expect(model.columnLabel('2024-01-01', headers, 'en')).toBe('Column B (2024-01-01)');
    expect(model.columnLabel('2024', headers, 'en')).toBe('Column C (2024)');
    expect(model.columnLabel('1,250.5', headers, 'zh')).toBe('第 F 列（1,250.5）');
    expect(model.columnLabel('Customer', headers, 'en')).toBe('Customer');
    expect(model.columnLabel('Sales 2024', headers, 'en')).toBe('Sales 2024');
    expect(model.columnLetter(28)).toBe('AB');
  });
});

describe('absolute thresholds from the data', () => {
  test('the values at the top 20% and 50% of customers, rounded down to 2 significant digits', () => {
    expect(model.thresholdsFromValues([500, 200, 100, 80, 50, 30, 20, 10, 5, 5])).toEqual([200, 50]);
    expect(model.thresholdsFromValues([123_456, 98_765, 45_678, 12_345, 6_789])).toEqual([120_000, 45_000]);
    expect(model.thresholdsFromValues([0.37, 0.2, 0.1, 0.05])).toEqual([0.37, 0.2]);
    // Blanks, zeros and refunds count for nobody; nothing left or no falling levels: none.
    expect(model.thresholdsFromValues([0, -5, NaN])).toBeNull();
    expect(model.thresholdsFromValues([7, 7, 7, 7])).toBeNull();
  });

  test('the preset takes them when the preview has values, its defaults otherwise', () => {
    const derived = model.choosePreset(customers(), 'thresholds', [500, 200, 100, 80, 50, 30, 20, 10, 5, 5]);
    expect(derived.abc).toEqual({ method: 'threshold', cuts: [200, 50] });
    expect(validateSettings(derived).ok).toBe(true);
    expect(model.choosePreset(customers(), 'thresholds').abc.cuts).toEqual(model.defaultCuts('threshold'));
    expect(model.choosePreset(customers(), 'pareto', [500, 200]).abc.cuts).toEqual(model.defaultCuts('pareto'));
  });
});
