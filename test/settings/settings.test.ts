import { issueText, settingText } from '../../src/i18n/issues';
import { defaultSettings, applyPreset, validateSettings, loadSettings, serialiseSettings, PRESET_IDS } from '../../src/settings/settings';
import { SETTINGS_VERSION } from '../../src/settings/schema';

/** Validation as the add-on's alerts list it: `path: text`. */
const texts = (input: unknown, lang: 'en' | 'zh') => {
  const r = validateSettings(input);
  return r.ok ? { ok: true } : { ok: false, errors: r.problems.map((p) => settingText(p, lang)) };
};

describe('settings', () => {
  it('defaults are valid and round-trip through storage unchanged', () => {
    const settings = defaultSettings('Orders');
    expect(validateSettings(settings)).toEqual({ ok: true, settings });
    expect(loadSettings(serialiseSettings(settings))).toEqual({ settings, messages: [], damaged: false });
  });

  it('every preset gives settings that validate (score presets once a dimension is chosen)', () => {
    for (const preset of PRESET_IDS) {
      const s = applyPreset(defaultSettings('Sheet1'), preset);
      if (s.mode === 'score') s.score.dimensions = [{ column: 'Revenue', weight: 1, direction: 'higher' }];
      expect(validateSettings(s)).toMatchObject({ ok: true });
    }
    expect(applyPreset(defaultSettings(), 'keyCustomers').abc).toEqual({ method: 'rank', cuts: [0.05, 0.2] });
  });

  it('rejects bad settings with messages naming the setting', () => {
    const s = defaultSettings('Sheet1') as any;
    s.tiers[0].colour = 'green';
    s.valueGroups.mvcShare = 1.5;
    const result = validateSettings(s);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.problems.map((p) => settingText(p, 'en')).join('\n');
    expect(text).toMatch(/tiers\.0\.colour: a colour must look like #RRGGBB/);
    expect(text).toMatch(/valueGroups\.mvcShare: must be less than 1/);
  });

  it('rejects cuts and labels that disagree, and duplicate labels', () => {
    const s = defaultSettings('Sheet1');
    s.abc.cuts = [0.5, 0.8, 0.95];
    expect(texts(s, 'en')).toEqual({ ok: false, errors: [expect.stringMatching(/3 cuts make 4 tiers, but 3 tier labels/)] });
    const d = defaultSettings('Sheet1');
    d.tiers[1].label = 'a';
    expect(texts(d, 'en')).toEqual({ ok: false, errors: [expect.stringMatching(/"a" is used twice/)] });
  });

  it('checks the playbook and points tables entry by entry, naming the entry, and refuses one answer listed twice', () => {
    const s = defaultSettings('Sheet1') as any;
    s.playbook = { A: 'Call weekly', B: 'x'.repeat(501), C: 7 };
    s.score.dimensions = [{ column: 'Credit', weight: 1, direction: 'higher', points: { answers: { AAA: 100, ' aaa': 90, BB: 'lots' } } }];
    expect(texts(s, 'en')).toEqual({
      ok: false,
      errors: [
        'score.dimensions.0.points.answers. aaa: this answer is listed twice (answers match ignoring case and spaces): keep one line',
        'score.dimensions.0.points.answers.BB: this value is not valid here',
        'playbook.B: an action is 500 characters at most',
        'playbook.C: this value is not valid here',
      ],
    });
    expect(texts({ ...s, playbook: ['Call'] }, 'zh')).toMatchObject({
      ok: false,
      errors: expect.arrayContaining(['playbook: 此处的值无效']),
    });
    s.playbook = { A: 'Call weekly' };
    s.score.dimensions[0].points.answers = { AAA: 100, 行业龙头: 90 };
    expect(validateSettings(s)).toEqual({ ok: true, settings: s });
  });

  it('loads corrupt JSON as defaults with a message, never throwing', () => {
    const loaded = loadSettings('{not json', 'Sheet1');
    expect(loaded.settings).toEqual(defaultSettings('Sheet1'));
    expect(issueText(loaded.messages[0], 'en')).toMatch(/could not be read/);
    expect(issueText(loadSettings('[1,2]').messages[0], 'en')).toMatch(/not in the expected form/);
  });

  it('repairs an older or partly invalid setting section by section', () => {
    const stored = { ...defaultSettings('Customers'), version: 0, mode: 'score', tiers: 'oops' } as any;
    stored.abc = { method: 'rank', cuts: [0.1, 0.3] };
    const { settings, messages } = loadSettings(JSON.stringify(stored));
    expect(settings.version).toBe(SETTINGS_VERSION);
    expect(settings.source.sheetName).toBe('Customers');
    expect(settings.abc).toEqual({ method: 'rank', cuts: [0.1, 0.3] });
    expect(settings.mode).toBe('score');
    expect(settings.tiers.map((t) => t.label)).toEqual(['A', 'B', 'C']);
    const text = messages.map((m) => issueText(m, 'en')).join(' ');
    expect(text).toMatch(/another version \(0\)/);
    expect(text).toMatch(/reset to their defaults: tiers/);
  });
});

describe('cuts', () => {
  it('are checked by the engine rules: shares in (0,1] and increasing, thresholds decreasing', () => {
    const s = defaultSettings('Sheet1');
    s.abc.cuts = [0.8, 2];
    expect(texts(s, 'en')).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^abc\.cuts: Cut 2 \(2\) must be a share between 0 and 1/)],
    });
    s.abc.cuts = [0.95, 0.8];
    expect(texts(s, 'en')).toEqual({ ok: false, errors: [expect.stringMatching(/^abc\.cuts: .*must increase/)] });
    s.abc = { method: 'threshold', cuts: [500_000, 1_000_000] };
    expect(texts(s, 'en')).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^abc\.cuts: Threshold cuts must go from the highest amount down/)],
    });
    s.abc = { method: 'threshold', cuts: [1_000_000, 500_000] };
    expect(validateSettings(s).ok).toBe(true);
  });
});
