/** The sidebar's pure editing rules and its UI strings (the DOM itself is driven in playground.test.ts). */
import { settingText } from '../../src/i18n/issues';
import { UI_STRINGS, t, type UiKey } from '../../src/i18n/ui';
import { defaultSettings, applyPreset, crossCheck, validateSettings } from '../../src/settings/settings';
import * as model from '../../src/sidebar/model';
import { DEFAULT_RFM_SEGMENT_RULES } from '../../src/engine/rfm';

describe('UI strings', () => {
  test('Chinese has every English key, none left empty where English has text', () => {
    const keys = Object.keys(UI_STRINGS.en) as UiKey[];
    expect(Object.keys(UI_STRINGS.zh).sort()).toEqual(keys.slice().sort());
    for (const key of keys) if (UI_STRINGS.en[key]) expect(UI_STRINGS.zh[key]).not.toBe('');
  });

  test('placeholders are filled and unknown ones left visible', () => {
    expect(t('en', 'data.rows', { n: 12 })).toBe('12 data rows');
    expect(t('zh', 'data.rows', { n: 12 })).toBe('12 行数据');
    expect(t('en', 'data.rows')).toBe('{n} data rows');
  });

  test('both languages use the same placeholders for each key', () => {
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(UI_STRINGS.en) as UiKey[]) expect(names(UI_STRINGS.zh[key])).toEqual(names(UI_STRINGS.en[key]));
  });
});

describe('cuts as typed and shown', () => {
  test('shares show as percentages without float noise', () => {
    expect(model.cutToDisplay('pareto', 0.95)).toBe('95');
    expect(model.cutToDisplay('rank', 0.05)).toBe('5');
    expect(model.cutToDisplay('threshold', 500000)).toBe('500000');
    expect(model.cutToDisplay('pareto', NaN)).toBe('');
  });

  test('typed text is parsed with separators and % signs; junk becomes NaN so validation names it', () => {
    expect(model.displayToCut('pareto', '80')).toBeCloseTo(0.8);
    expect(model.displayToCut('rank', '12.5 %')).toBeCloseTo(0.125);
    expect(model.displayToCut('threshold', '1,000,000')).toBe(1_000_000);
    // An empty box is told apart from junk, so its error can say "empty".
    expect(model.displayToCut('threshold', '')).toBe(model.BLANK_CUT);
    expect(model.displayToCut('pareto', '  ')).toBe(model.BLANK_CUT);
    expect(model.displayToCut('threshold', '12abc')).toBeNaN();
  });
});

describe('adding and removing tiers keeps cuts and labels in step', () => {
  test('adding to Pareto 80/95 puts the new cut halfway to 100% and a new label D', () => {
    const next = model.addTier(defaultSettings('Sheet1'));
    expect(next.abc.cuts).toEqual([0.8, 0.95, 0.975]);
    expect(next.tiers.map((x) => x.label)).toEqual(['A', 'B', 'C', 'D']);
    expect(new Set(next.tiers.map((x) => x.colour)).size).toBe(4);
    expect(crossCheck(next)).toEqual([]);
  });

  test('adding to absolute thresholds halves the last one (they decrease)', () => {
    const next = model.addTier(applyPreset(defaultSettings(), 'thresholds'));
    expect(next.abc.cuts).toEqual([1_000_000, 500_000, 250_000]);
  });

  test('removing a middle tier removes its cut; the last tier takes the cut above it; 2 tiers stay', () => {
    const four = model.addTier(defaultSettings());
    const withoutB = model.removeTier(four, 1);
    expect(withoutB.tiers.map((x) => x.label)).toEqual(['A', 'C', 'D']);
    expect(withoutB.abc.cuts).toEqual([0.8, 0.975]);
    const withoutLast = model.removeTier(four, 3);
    expect(withoutLast.abc.cuts).toEqual([0.8, 0.95]);
    const two = model.removeTier(defaultSettings(), 0);
    expect(two.tiers).toHaveLength(2);
    expect(model.removeTier(two, 0)).toBe(two);
  });

  test('the input settings are not changed', () => {
    const original = defaultSettings();
    const copy = JSON.parse(JSON.stringify(original));
    model.addTier(original);
    model.removeTier(original, 0);
    expect(original).toEqual(copy);
  });

  test('weighted score tiers edit score.cuts, not abc.cuts', () => {
    const score = { ...defaultSettings(), mode: 'score' as const };
    const next = model.addTier(score);
    expect(next.score.cuts).toHaveLength(3);
    expect(next.abc.cuts).toEqual(score.abc.cuts);
  });
});

describe('switching method', () => {
  test('a new ABC method takes its own default cuts and the matching number of tiers', () => {
    const s = defaultSettings();
    s.abc.method = 'threshold';
    const next = model.conformToMethod(s, true);
    expect(next.abc.cuts).toEqual([1_000_000, 500_000]);
    expect(crossCheck(next)).toEqual([]);
  });

  test('computed ABC always has 3 tiers', () => {
    const s = model.addTier(defaultSettings());
    s.abc.method = 'computed';
    expect(model.conformToMethod(s, true).tiers).toHaveLength(3);
  });

  test("changing mode keeps that mode's own cuts and resizes the labels to them", () => {
    const credit = applyPreset(defaultSettings(), 'creditRating');
    credit.mode = 'abc';
    const next = model.conformToMethod(credit, false);
    expect(next.abc.cuts).toEqual([0.8, 0.95]);
    expect(next.tiers.map((x) => x.label)).toEqual(['AAA', 'AA', 'A']);
  });

  test('thresholds from tier minimums are rounded to 2 significant digits and must decrease', () => {
    expect(model.thresholdsFromTierMinimums([123456, 23456, 10])).toEqual([120000, 23000]);
    expect(model.thresholdsFromTierMinimums([100, 100, 5])).toBeNull();
    expect(model.thresholdsFromTierMinimums([NaN, 10, 1])).toBeNull();
  });
});

describe('weights and dimensions', () => {
  test('shares are weights over their sum', () => {
    const dims = [
      { column: 'a', weight: 30, direction: 'higher' as const },
      { column: 'b', weight: 10, direction: 'lower' as const },
      { column: 'c', weight: 0, direction: 'higher' as const },
    ];
    expect(model.weightShares(dims)).toEqual([0.75, 0.25, 0]);
    expect(model.weightShares([{ column: 'a', weight: 0, direction: 'higher' }])).toEqual([0]);
  });

  test('seeded dimensions use the chosen columns, cost counting against the customer', () => {
    const src = { ...defaultSettings().source, valueColumn: 'Sales', costColumn: 'Cost' };
    expect(model.seedDimensions(src)).toEqual([
      { column: 'Sales', weight: 50, direction: 'higher' },
      { column: 'Cost', weight: 10, direction: 'lower' },
    ]);
    expect(model.seedDimensions({ ...src, layout: 'orders' }).map((d) => d.column)).toEqual(['Total', 'Orders', 'Recency days']);
  });
});

describe('errors find their field', () => {
  const fields = ['source', 'source.valueColumn', 'tiers', 'abc.cuts', 'score.dimensions', 'score.dimensions.0.weight'];
  const at = (path: string) => ({ path, text: 'x' });
  test('the most specific field whose path prefixes the error path', () => {
    expect(model.errorTarget(at('abc.cuts.1'), fields)).toBe('abc.cuts');
    expect(model.errorTarget(at('score.dimensions.0.weight'), fields)).toBe('score.dimensions.0.weight');
    expect(model.errorTarget(at('score.dimensions.1.weight'), fields)).toBe('score.dimensions');
    expect(model.errorTarget(at('source'), fields)).toBe('source');
    // "source.value" must not match "source.valueColumn" (prefix by path segment, not by text).
    expect(model.errorTarget(at('source.value'), fields)).toBe('source');
    expect(model.errorTarget(at(''), fields)).toBeNull();
  });
});

describe('errors in Chinese still find their field', () => {
  const fields = ['source', 'tiers', 'abc.cuts', 'score.dimensions'];
  test('settings problems are data: a path that targets a field, and a text in the UI language', () => {
    const tooMany = defaultSettings('Customers');
    tooMany.abc.cuts = [0.5, 0.8, 0.95];
    const falling = defaultSettings('Customers');
    falling.abc.cuts = [0.95, 0.8];
    const score = applyPreset(defaultSettings('Customers'), 'creditRating');
    const problems = [tooMany, falling, score].flatMap((s) => crossCheck(s));
    expect(problems).toHaveLength(3);
    const errors = model.fieldErrors(problems, 'zh');
    for (const error of errors) expect(error.text).toMatch(/^[^a-z]*[\u4e00-\u9fff]/);
    expect(errors.map((e) => model.errorTarget(e, fields))).toEqual(['tiers', 'abc.cuts', 'score.dimensions']);
  });

  test("in the general area the path reads as the setting's name in the UI language", () => {
    expect(model.readableError({ path: 'source', text: '请选择价值列。' }, 'zh')).toBe('数据：请选择价值列。');
    expect(model.readableError({ path: 'source', text: 'choose the value column.' }, 'en')).toBe('Data: choose the value column.');
    expect(model.readableError({ path: 'score.dimensions.0.weight', text: '权重不能为负数' }, 'zh')).toBe(
      `${t('zh', 'score.dimensions')}：权重不能为负数`,
    );
    expect(model.readableError({ path: 'tiers.0.label', text: 'must not be empty' }, 'en')).toBe('Tiers: must not be empty');
    // Unknown paths are kept; errors without a path stay as they are.
    expect(model.readableError({ path: 'settings', text: 'this value is not valid here' }, 'en')).toBe(
      'settings: this value is not valid here',
    );
    expect(model.readableError({ path: '', text: '出错了' }, 'zh')).toBe('出错了');
  });

  test('local validation in Chinese', () => {
    const s = defaultSettings('Customers');
    s.tiers[2].label = 'A';
    expect(model.validateForSave(s, 'zh')).toEqual({
      ok: false,
      errors: [{ path: 'tiers', text: '等级名称“a”重复使用；每个等级都需要不同的名称。' }],
    });
  });
});

describe('playbook editing', () => {
  const groupOrder = ['最有价值客户', '最具增长潜力客户', '维持客户', '负值客户'];
  const groupKeys = ['MVC', 'MGC', 'Maintain', 'BZ'];

  test('rows follow the run: keys for storage, labels as shown, the user text by key first, then by label', () => {
    const entries = model.playbookEntries(groupOrder, groupKeys, { MGC: 'Grow them', 维持客户: 'by label', Maintain: 'by key' }, 'zh');
    expect(entries.map((e) => e.key)).toEqual(groupKeys);
    expect(entries.map((e) => e.label)).toEqual(groupOrder);
    // The summary sheet reads key before label; the sidebar must show what the sheet will say.
    expect(entries.map((e) => e.text)).toEqual(['', 'Grow them', 'by key', '']);
    expect(model.playbookEntries(groupOrder, groupKeys, { 最有价值客户: 'old style' }, 'zh')[0].text).toBe('old style');
  });

  test('tiers without a named default are suggested by their place: the middle ones alike, top and last differ', () => {
    const [a, b, c, d] = model.playbookEntries(['A', 'B', 'C', 'D'], ['A', 'B', 'C', 'D'], {}, 'en').map((e) => e.suggestion);
    expect(b).toBe(c);
    expect(new Set([a, b, d]).size).toBe(3);
    // A value group keeps its own suggestion wherever it stands.
    const mvcFirst = model.playbookEntries(['MVC', 'x'], ['MVC', 'x'], {}, 'en')[0].suggestion;
    const mvcMiddle = model.playbookEntries(['x', 'MVC', 'y'], ['x', 'MVC', 'y'], {}, 'en')[1].suggestion;
    expect(mvcMiddle).toBe(mvcFirst);
    expect(mvcFirst).not.toBe(a);
    // Chinese suggestions for Chinese users.
    expect(model.playbookEntries(['A', 'B'], ['A', 'B'], {}, 'zh')[0].suggestion).toMatch(/[\u4e00-\u9fff]/);
  });

  test('a tier named like an Object method has no action until the user gives it one', () => {
    expect(model.playbookEntries(['constructor', 'toString'], ['constructor', 'toString'], {}, 'en').map((e) => e.text)).toEqual(['', '']);
  });

  test('only non-blank actions are stored, trimmed; blanking one removes it; the input is not changed', () => {
    const before = { A: 'Visit monthly' };
    const added = model.setPlaybookAction(before, 'B', '  Call quarterly \n');
    expect(added).toEqual({ A: 'Visit monthly', B: 'Call quarterly' });
    expect(before).toEqual({ A: 'Visit monthly' });
    expect(model.setPlaybookAction(added, 'A', '   ')).toEqual({ B: 'Call quarterly' });
    expect(model.setPlaybookAction({}, 'C', '')).toEqual({});
    // Any label is a plain key, even one that means something to JavaScript objects.
    const odd = model.setPlaybookAction({}, '__proto__', 'x');
    expect(Object.keys(odd)).toEqual(['__proto__']);
    expect(JSON.parse(JSON.stringify(odd))).toEqual(JSON.parse('{"__proto__":"x"}'));
  });

  test("renaming a tier moves its action, never over another tier's action", () => {
    expect(model.renamePlaybookKey({ A: 'a', B: 'b' }, 'B', 'Gold')).toEqual({ A: 'a', Gold: 'b' });
    // The order of keys stays, so saved settings do not churn.
    expect(Object.keys(model.renamePlaybookKey({ A: 'a', B: 'b', C: 'c' }, 'B', 'Gold'))).toEqual(['A', 'Gold', 'C']);
    expect(model.renamePlaybookKey({ A: 'a', B: 'b' }, 'B', 'A')).toEqual({ A: 'a', B: 'b' });
    expect(model.renamePlaybookKey({ A: 'a' }, 'B', 'Gold')).toEqual({ A: 'a' });
    // Typing through an empty label keeps the action with the tier.
    const emptied = model.renamePlaybookKey({ B: 'b' }, 'B', '');
    expect(model.renamePlaybookKey(emptied, '', 'G')).toEqual({ G: 'b' });
  });

  test('an edited playbook passes the validation the sidebar runs before saving, unchanged', () => {
    const playbook = model.setPlaybookAction(model.setPlaybookAction({}, 'A', 'Visit monthly'), 'Loyal Customers', 'Invite to the beta');
    const checked = validateSettings({ ...defaultSettings('Orders'), playbook });
    expect(checked.ok && checked.settings.playbook).toEqual({ A: 'Visit monthly', 'Loyal Customers': 'Invite to the beta' });
  });
});

describe('RFM segment rules editing', () => {
  const rfm = () => {
    const s = defaultSettings('Orders');
    s.mode = 'rfm';
    return s;
  };
  const frozenDefaults = JSON.stringify(DEFAULT_RFM_SEGMENT_RULES);

  test('without a list of their own the user edits a copy of the built-in rules', () => {
    const rules = model.editableRules({ asOf: '' });
    expect(rules).toEqual(DEFAULT_RFM_SEGMENT_RULES);
    rules[0].r[0] = 1;
    expect(JSON.stringify(DEFAULT_RFM_SEGMENT_RULES)).toBe(frozenDefaults);
    expect(model.editableRules({ asOf: '', rules: [] })).toEqual(DEFAULT_RFM_SEGMENT_RULES);
    const own = [
      { segment: 'Others' as const, r: [1, 5] as [number, number], f: [1, 5] as [number, number], m: [1, 5] as [number, number] },
    ];
    expect(model.editableRules({ asOf: '', rules: own })).toEqual(own);
  });

  test('raising a low end past the high end moves the high end along, and the other way round; scores stay 1..5', () => {
    const rules = model.editableRules({ asOf: '' });
    // About To Sleep is rule 9 (index 8): r 2–3.
    expect(rules[8].segment).toBe('About To Sleep');
    expect(model.setRuleBound(rules, 8, 'r', 'lo', 4)[8].r).toEqual([4, 4]);
    expect(model.setRuleBound(rules, 8, 'r', 'hi', 1)[8].r).toEqual([1, 1]);
    expect(model.setRuleBound(rules, 8, 'r', 'lo', 1)[8].r).toEqual([1, 3]);
    expect(model.setRuleBound(rules, 8, 'm', 'hi', 9)[8].m).toEqual([1, 5]);
    expect(model.setRuleBound(rules, 8, 'f', 'lo', 0)[8].f).toEqual([1, 3]);
    // The list given is not changed, and nonsense leaves the rules as they were.
    expect(rules[8].r).toEqual([2, 3]);
    expect(model.setRuleBound(rules, 99, 'r', 'lo', 3)).toEqual(rules);
    expect(model.setRuleBound(rules, 8, 'r', 'lo', NaN)).toEqual(rules);
  });

  test('moving a rule swaps it with its neighbour; the ends stay put', () => {
    const rules = model.editableRules({ asOf: '' });
    const names = (list: { segment: string }[]) => list.map((r) => r.segment);
    const down = model.moveRule(rules, 0, 1);
    expect(names(down).slice(0, 3)).toEqual(['Potential Loyalist', 'Champions', 'Loyal Customers']);
    expect(names(model.moveRule(down, 1, -1))).toEqual(names(rules));
    expect(model.moveRule(rules, 0, -1)).toEqual(rules);
    expect(model.moveRule(rules, rules.length - 1, 1)).toEqual(rules);
  });

  test('the built-in list is stored as no list; an edit is stored; putting it back removes it again', () => {
    const s = rfm();
    s.rfm.asOf = '2025-06-30';
    const edited = model.setRuleBound(model.editableRules(s.rfm), 9, 'f', 'lo', 2);
    const withEdit = model.withRules(s.rfm, edited);
    expect(withEdit).toEqual({ asOf: '2025-06-30', rules: edited });
    const back = model.withRules(withEdit, model.setRuleBound(edited, 9, 'f', 'lo', 1));
    expect(back).toEqual({ asOf: '2025-06-30' });
    expect('rules' in back).toBe(false);
    // A reordered list is an edit too.
    expect(model.rulesAreDefault(model.moveRule(edited, 0, 1))).toBe(false);
    expect(model.rulesAreDefault(DEFAULT_RFM_SEGMENT_RULES)).toBe(true);
  });

  test("edits give settings that validate until a gap appears, and the gap is named in the sidebar's words", () => {
    const s = rfm();
    // Lost from f 2 up: the f 1 customers with r 1 fall through to Others, still covered.
    let rules = model.setRuleBound(model.editableRules(s.rfm), 9, 'f', 'lo', 2);
    s.rfm = model.withRules(s.rfm, rules);
    expect(validateSettings(s).ok).toBe(true);
    // Others from r 2 up: codes 111..115 now match nothing.
    rules = model.setRuleBound(rules, 10, 'r', 'lo', 2);
    s.rfm = model.withRules(s.rfm, rules);
    const result = model.validateForSave(s, 'en');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(model.errorTarget(result.errors[0], ['rfm.asOf', 'rfm.rules'])).toBe('rfm.rules');
    expect(result.errors[0].text).toMatch(/^scores 111, 112, 113, 114, 115 match no rule/);
    expect(model.readableError(result.errors[0], 'en')).toMatch(/^Segment rules: scores 111/);
    const zh = model.validateForSave(s, 'zh');
    expect(!zh.ok && model.readableError(zh.errors[0], 'zh')).toMatch(/^细分规则：得分组合 111、/);
  });
  test('a rule can give any of the 11 segments; an unknown segment or index changes nothing', () => {
    const rules = model.editableRules({ asOf: '' });
    expect(model.RULE_SEGMENTS).toHaveLength(11);
    expect(new Set(model.RULE_SEGMENTS)).toEqual(new Set(DEFAULT_RFM_SEGMENT_RULES.map((r) => r.segment)));
    // Lost (index 9) relabelled: same ranges, new segment; the list given is untouched.
    const relabelled = model.setRuleSegment(rules, 9, 'At Risk');
    expect(relabelled[9]).toEqual({ segment: 'At Risk', r: [1, 1], f: [1, 5], m: [1, 5] });
    expect(rules[9].segment).toBe('Lost');
    expect(model.setRuleSegment(rules, 9, 'Gold')).toEqual(rules);
    expect(model.setRuleSegment(rules, 11, 'Lost')).toEqual(rules);
  });

  test('adding appends a catch-all Others rule, up to 30 rules', () => {
    const rules = model.editableRules({ asOf: '' });
    const added = model.addRule(rules);
    expect(added).toHaveLength(rules.length + 1);
    expect(added.slice(0, -1)).toEqual(rules);
    expect(added[added.length - 1]).toEqual({ segment: 'Others', r: [1, 5], f: [1, 5], m: [1, 5] });
    let many = rules;
    for (let i = 0; i < 40; i++) many = model.addRule(many);
    expect(many).toHaveLength(model.MAX_RULES);
    // 30 is also what the schema accepts: a full list still validates.
    const s = rfm();
    s.rfm = model.withRules(s.rfm, many);
    expect(validateSettings(s).ok).toBe(true);
  });

  test('deleting a rule removes only it; the last rule cannot go', () => {
    const rules = model.editableRules({ asOf: '' });
    const withoutChampions = model.removeRule(rules, 0);
    expect(withoutChampions).toEqual(rules.slice(1));
    expect(model.removeRule(rules, -1)).toEqual(rules);
    expect(model.removeRule(rules, rules.length)).toEqual(rules);
    let one = rules;
    while (one.length > 1) one = model.removeRule(one, 0);
    expect(one).toEqual([rules[rules.length - 1]]);
    expect(model.removeRule(one, 0)).toEqual(one);
  });

  test('deleting the catch-all opens a gap that adding a rule closes again', () => {
    const s = rfm();
    const withoutOthers = model.removeRule(model.editableRules(s.rfm), 10);
    s.rfm = model.withRules(s.rfm, withoutOthers);
    const gap = validateSettings(s);
    expect(gap.ok).toBe(false);
    // Without Others, 215 (R 2, F 1, M 5) matches none of the 10 rules left: Loyal Customers needs
    // F 2+, About To Sleep M 4 or less, Lost R 1, and the rest R 3+ or F 2+.
    expect(!gap.ok && settingText(gap.problems[0], 'en')).toMatch(/^rfm\.rules: scores 215\b/);
    s.rfm = model.withRules(s.rfm, model.addRule(withoutOthers));
    // Appending Others at the end brings back exactly the built-in list, stored as no list.
    expect(s.rfm).toEqual({ asOf: '' });
    expect(validateSettings(s).ok).toBe(true);
  });
});
