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
