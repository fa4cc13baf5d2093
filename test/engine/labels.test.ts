import {
  tierDisplayName,
  VALUE_GROUP_NAMES,
  VALUE_GROUP_DESCRIPTIONS,
  RFM_SEGMENT_NAMES,
  TIER_CHANGE_NAMES,
  localName,
  parseLang,
} from '../../src/engine/labels';

describe('tierDisplayName', () => {
  test('default tiers get a description in both languages', () => {
    expect(tierDisplayName('A', 'en')).toBe('A (key customers)');
    expect(tierDisplayName('A', 'zh')).toBe('A 类（关键客户）');
    expect(tierDisplayName('B', 'zh')).toBe('B 类（主要客户）');
    expect(tierDisplayName('C', 'zh')).toBe('C 类（普通客户）');
  });

  test('custom labels, and A/B/C of a non-3-tier scheme, pass through', () => {
    expect(tierDisplayName('Gold', 'zh')).toBe('Gold');
    expect(tierDisplayName('D', 'en')).toBe('D');
    expect(tierDisplayName('C', 'en', 5)).toBe('C');
    expect(tierDisplayName('A', 'en', 3)).toBe('A (key customers)');
  });
});

describe('name tables', () => {
  test('every entry has distinct, non-empty English and Chinese names', () => {
    for (const table of [VALUE_GROUP_NAMES, VALUE_GROUP_DESCRIPTIONS, RFM_SEGMENT_NAMES, TIER_CHANGE_NAMES]) {
      const entries = Object.values(table);
      for (const [en, zh] of entries) {
        expect(en.trim()).not.toBe('');
        expect(zh).toMatch(/[\u4e00-\u9fff]/); // really Chinese
      }
      expect(new Set(entries.map((e) => e[0])).size).toBe(entries.length);
      expect(new Set(entries.map((e) => e[1])).size).toBe(entries.length);
    }
  });

  test('key vocabulary', () => {
    expect(VALUE_GROUP_NAMES.MVC).toEqual(['MVC', '最有价值客户']);
    expect(VALUE_GROUP_NAMES.MGC[1]).toBe('最具增长潜力客户');
    expect(VALUE_GROUP_NAMES.BZ[1]).toBe('负值客户');
    expect(Object.keys(RFM_SEGMENT_NAMES)).toHaveLength(11);
    expect(Object.values(TIER_CHANGE_NAMES).map((n) => n[1])).toEqual(['升级', '降级', '不变', '新客户', '流失', '已变化']);
  });

  test('localName picks the language and never returns undefined', () => {
    expect(localName(TIER_CHANGE_NAMES, 'upgrade', 'en')).toBe('Upgrade');
    expect(localName(TIER_CHANGE_NAMES, 'lost', 'zh')).toBe('流失');
    expect(localName(RFM_SEGMENT_NAMES, "Can't Lose Them", 'en')).toBe("Can't Lose Them");
    expect(localName(TIER_CHANGE_NAMES, 'bogus' as never, 'zh')).toBe('bogus');
  });
});

describe('parseLang', () => {
  test.each(['zh', 'zh-CN', 'zh_TW', 'ZH-Hans', ' zh ', '中文', 'Chinese'])('%p is zh', (x) => {
    expect(parseLang(x)).toBe('zh');
  });
  test.each(['en', 'en-US', 'fr', '', 'zhx', 'czh', undefined, null, 42, {}])('%p is en', (x) => {
    expect(parseLang(x)).toBe('en');
  });
});
