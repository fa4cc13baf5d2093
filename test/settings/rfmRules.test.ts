/**
 * The user's RFM segment rules in the settings: the schema checks each rule's shape, crossCheck
 * that the ordered list gives every score combination a segment, and old settings without rules
 * keep loading as they are.
 */
import { issueText, settingText } from '../../src/i18n/issues';

/** Validation as the sidebar's general area lists it. */
const texts = (input: unknown, lang: 'en' | 'zh') => {
  const r = validateSettings(input);
  return r.ok ? { ok: true } : { ok: false, errors: r.problems.map((p) => settingText(p, lang)) };
};
import { activeRfmRules, defaultSettings, loadSettings, serialiseSettings, validateSettings } from '../../src/settings/settings';
import { DEFAULT_RFM_SEGMENT_RULES, type RfmSegmentRule } from '../../src/engine/rfm';
import type { Settings } from '../../src/settings/schema';

function rfmSettings(rules?: unknown): Settings {
  const s = defaultSettings('Orders');
  s.mode = 'rfm';
  if (rules !== undefined) (s.rfm as Record<string, unknown>).rules = rules;
  return s;
}

const CATCH_ALL: RfmSegmentRule = { segment: 'Others', r: [1, 5], f: [1, 5], m: [1, 5] };
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x));

describe('rule coverage (crossCheck)', () => {
  it('the defaults pass, given explicitly, empty or absent', () => {
    expect(validateSettings(rfmSettings()).ok).toBe(true);
    expect(validateSettings(rfmSettings([])).ok).toBe(true);
    expect(validateSettings(rfmSettings(copy(DEFAULT_RFM_SEGMENT_RULES))).ok).toBe(true);
    expect(activeRfmRules(rfmSettings([]))).toBe(DEFAULT_RFM_SEGMENT_RULES);
  });

  it('a user list ending with a catch-all passes', () => {
    const rules: RfmSegmentRule[] = [
      { segment: 'Champions', r: [4, 5], f: [4, 5], m: [4, 5] },
      { segment: 'Lost', r: [1, 1], f: [1, 2], m: [1, 5] },
      CATCH_ALL,
    ];
    const result = validateSettings(rfmSettings(rules));
    expect(result).toEqual({ ok: true, settings: expect.objectContaining({ rfm: { asOf: '', rules } }) });
  });

  it('a gap is reported at rfm.rules with the first uncovered codes and their number, in English and Chinese', () => {
    // Only m = 2..5 is covered, so the 25 codes ending in 1 are not; in R, F, M order the first are 111, 121, 131, 141, 151.
    const rules: RfmSegmentRule[] = [{ segment: 'Champions', r: [1, 5], f: [1, 5], m: [2, 5] }];
    expect(texts(rfmSettings(rules), 'en')).toEqual({
      ok: false,
      errors: [
        'rfm.rules: scores 111, 121, 131, 141, 151, … match no rule (25 of the 125 score combinations); widen a rule or end the list with a catch-all such as Others 1–5 / 1–5 / 1–5.',
      ],
    });
    expect(texts(rfmSettings(rules), 'zh')).toEqual({
      ok: false,
      errors: [
        'rfm.rules: 得分组合 111、121、131、141、151、… 不符合任何规则（125 种组合中有 25 种）；请放宽某条规则，或在列表末尾加一条全覆盖规则，如“其他客户 1–5 / 1–5 / 1–5”。',
      ],
    });
  });

  it('a gap of a few codes names them all, without an ellipsis', () => {
    // r = 1 with m = 1 is covered only for f = 1..2 (At Risk): 131, 141 and 151 are left.
    const rules: RfmSegmentRule[] = [
      { segment: 'Lost', r: [1, 1], f: [1, 5], m: [2, 5] },
      { segment: 'At Risk', r: [1, 1], f: [1, 2], m: [1, 1] },
      { segment: 'Others', r: [2, 5], f: [1, 5], m: [1, 5] },
    ];
    expect(texts(rfmSettings(rules), 'en')).toEqual({
      ok: false,
      errors: [
        'rfm.rules: scores 131, 141, 151 match no rule (3 of the 125 score combinations); widen a rule or end the list with a catch-all such as Others 1–5 / 1–5 / 1–5.',
      ],
    });
  });

  it('the built-in list without its catch-all leaves gaps: the catch-all is needed', () => {
    const rules = copy(DEFAULT_RFM_SEGMENT_RULES).filter((r) => r.segment !== 'Others');
    // 215: r 2 is outside Champions, Potential Loyalist (r 3..5), Promising, New Customers; f 1 outside Loyal,
    // Can't Lose, At Risk, Need Attention; m 5 outside About To Sleep (m 1..4); r 2 is not Lost.
    expect(texts(rfmSettings(rules), 'en')).toEqual({ ok: false, errors: [expect.stringMatching(/^rfm\.rules: scores 215, /)] });
  });

  it('is checked in RFM mode only, so a stored gap never blocks an ABC run', () => {
    const s = rfmSettings([{ segment: 'Champions', r: [5, 5], f: [5, 5], m: [5, 5] }]);
    expect(validateSettings(s).ok).toBe(false);
    s.mode = 'abc';
    expect(validateSettings(s).ok).toBe(true);
  });
});

describe('rule shape (schema)', () => {
  const rule = (patch: Record<string, unknown>) => [{ ...CATCH_ALL, ...patch }];
  const errors = (rules: unknown, lang: 'en' | 'zh' = 'en') => {
    const result = validateSettings(rfmSettings(rules));
    return result.ok ? [] : result.problems.map((p) => settingText(p, lang));
  };

  it('scores are whole numbers from 1 to 5', () => {
    expect(errors(rule({ r: [0, 5] }))).toEqual(['rfm.rules.0.r.0: an RFM score is a whole number from 1 to 5']);
    expect(errors(rule({ m: [1, 6] }))).toEqual(['rfm.rules.0.m.1: an RFM score is a whole number from 1 to 5']);
    expect(errors(rule({ f: [1.5, 5] }))).toEqual(['rfm.rules.0.f.0: an RFM score is a whole number from 1 to 5']);
    expect(errors(rule({ f: ['1', 5] }), 'zh')).toEqual(['rfm.rules.0.f.0: RFM 得分必须是 1 到 5 的整数']);
  });

  it('a range is [low, high] with low <= high', () => {
    expect(errors(rule({ r: [4, 2] }))).toEqual(['rfm.rules.0.r: the low score must not be above the high score']);
    expect(errors(rule({ r: [3] }))).toEqual(['rfm.rules.0.r: a score range is two scores, low and high']);
    expect(errors(rule({ r: [1, 3, 5] }))).toEqual(['rfm.rules.0.r: a score range is two scores, low and high']);
    expect(errors(rule({ r: [3, 3] }))).toEqual(expect.arrayContaining([expect.stringMatching(/^rfm\.rules: scores/)]));
  });

  it('the segment is one of the known keys', () => {
    expect(errors(rule({ segment: 'VIP' }))).toEqual([
      expect.stringMatching(/^rfm\.rules\.0\.segment: unknown segment; use one of Champions, /),
    ]);
    expect(errors(rule({ segment: '其他客户' }), 'zh')).toEqual([expect.stringMatching(/^rfm\.rules\.0\.segment: 未知的客户细分/)]);
  });

  it('at most 30 rules', () => {
    expect(errors(Array.from({ length: 31 }, () => CATCH_ALL))).toEqual(['rfm.rules: at most 30 segment rules']);
  });
});

describe('loading stored rules', () => {
  it('settings saved before rules existed load unchanged, with no message', () => {
    const old = rfmSettings();
    old.rfm = { asOf: '2025-06-30' };
    const stored = serialiseSettings(old);
    expect(stored).not.toContain('rules');
    const loaded = loadSettings(stored, 'Orders');
    expect(loaded).toEqual({ settings: old, messages: [], damaged: false });
    expect('rules' in loaded.settings.rfm).toBe(false);
  });

  it('a user list round-trips', () => {
    const s = rfmSettings([{ segment: 'Champions', r: [4, 5], f: [4, 5], m: [4, 5] }, CATCH_ALL]);
    expect(loadSettings(serialiseSettings(s), 'Orders')).toEqual({ settings: s, messages: [], damaged: false });
  });

  it('a stored list with a gap goes back to the built-in rules, keeping the as-of date, and says so', () => {
    const s = rfmSettings([{ segment: 'Champions', r: [5, 5], f: [5, 5], m: [5, 5] }]);
    s.rfm.asOf = '2025-06-30';
    const { settings, messages } = loadSettings(serialiseSettings(s), 'Orders');
    expect(settings.rfm).toEqual({ asOf: '2025-06-30' });
    expect(settings.tiers).toEqual(s.tiers);
    expect(messages.map((m) => issueText(m, 'en'))).toEqual([
      'These settings were invalid and were reset to their defaults: rfm.rules. Please check them and save again.',
    ]);
  });
});
