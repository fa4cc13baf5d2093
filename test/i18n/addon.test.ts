import { defaultAction, say } from '../../src/i18n/addon';

describe('defaultAction', () => {
  it('gives value groups and RFM segments their own action, in both languages', () => {
    expect(defaultAction('en', 'BZ', 3, 4)).toMatch(/fees/);
    expect(defaultAction('zh', 'BZ', 3, 4)).toMatch(/服务费/);
    expect(defaultAction('en', "Can't Lose Them", 8, 11)).not.toBe(defaultAction('en', 'At Risk', 7, 11));
  });

  it('matches other tiers by position, even labels that are object property names', () => {
    expect(defaultAction('en', 'Gold', 0, 3)).toMatch(/dedicated account manager/);
    expect(defaultAction('en', 'constructor', 1, 3)).toMatch(/nurture/);
    expect(defaultAction('zh', 'toString', 2, 3)).toMatch(/标准化自动服务/);
  });
});

describe('say', () => {
  it('fills placeholders and keeps unknown ones visible', () => {
    expect(say('en', 'tierDone', { customers: 3, sheet: 'S', summary: 'T' })).toBe(
      'Tiered 3 customers on "S". The summary is on the sheet "T".',
    );
    expect(say('zh', 'noData', { sheet: '表' })).toContain('{row}');
  });
});
