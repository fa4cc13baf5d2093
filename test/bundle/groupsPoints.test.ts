/** Points tables and groups through the built dist/Code.js custom functions, as Sheets calls them. */
import { createFakeGas } from '../../harness/fakeGas';
import { loadBundle, invoke } from '../../harness/loadBundle';
import { settingText } from '../../src/i18n/issues';
import type { SettingProblem } from '../../src/settings/settings';

const fake = createFakeGas({ authMode: 'CUSTOM_FUNCTION' });
const ctx = loadBundle(fake);
const call = (name: string, ...args: unknown[]) => invoke(fake, ctx, name, ...args) as unknown[][];
const col = (...xs: unknown[]) => xs.map((x) => [x]);
const firsts = (out: unknown[][]) => out.map((r) => r[0]);

describe('TIER_SCORE with a points table', () => {
  const dims = [
    ['AAA', 10],
    [' bbb', 30],
    ['C', 20],
    ['', 40],
  ];
  it('scores a text column by answer/points pairs (* for other answers)', () => {
    const table = [
      ['AAA', 100],
      ['BBB', 70],
      ['*', 0],
    ];
    const out = firsts(call('TIER_SCORE', dims, [[1, 0]], '', '', table));
    expect(out.slice(0, 3)).toEqual([100, 70, 0]);
    expect(out[3]).toMatch(/^⚠ No score/); // a blank answer is no answer
    // Equal weight on the numeric column (percentile ranks 0, 2/3, 1/3, 1); the blank answer leaves the number alone.
    expect(firsts(call('TIER_SCORE', dims, [[1, 1]], '', '', table))).toEqual([50, 68.33, 16.67, 100]);
  });

  it('takes one table with the column number, and names a column it does not have', () => {
    const out = firsts(
      call('TIER_SCORE', dims, [[1, 0]], '', '', [
        [1, 'aaa', 10],
        [1, 'C', 5],
      ]),
    );
    // bbb is not listed and there is no * row: the row has no weighted indicator left, and names the answer.
    expect(out.slice(0, 3)).toEqual([100, '⚠ "bbb" has no points: scored without it', 0]);
    expect(() => call('TIER_SCORE', dims, [[1, 0]], '', '', [[3, 'aaa', 10]])).toThrow(/points names column 3; use 1 to 2/);
    // The range may start with its header row; text for points further down is still named.
    const withHeader = [
      ['Answer', 'Points'],
      ['AAA', 100],
      ['*', 0],
    ];
    expect(call('TIER_SCORE', dims, [[1, 0]], '', '', withHeader)).toEqual(call('TIER_SCORE', dims, [[1, 0]], '', '', withHeader.slice(1)));
    expect(() =>
      call('TIER_SCORE', dims, [[1, 0]], '', '', [
        ['AAA', 1],
        ['BBB', 'lots'],
      ]),
    ).toThrow(/"lots" is not a number/);
    // An answer on two lines is refused: which one should count?
    expect(() =>
      call('TIER_SCORE', dims, [[1, 0]], '', '', [
        ['AAA', 1],
        [' aaa', 2],
      ]),
    ).toThrow(/points lists " aaa" twice \(answers match ignoring case and spaces\); keep one line/);
  });

  it("shows the example in TIER_SCORE's autocomplete text", () => {
    const code = require('node:fs').readFileSync(require('node:path').join(__dirname, '../../dist/Code.js'), 'utf8') as string;
    const doc = code.slice(code.lastIndexOf('/**', code.indexOf('function TIER_SCORE(')), code.indexOf('function TIER_SCORE('));
    expect(doc).toMatch(/@param \{.*\} points .*\{"AAA",100;"AA",80/);
    expect(doc).toMatch(/@param \{.*\} groups/);
  });
});

describe('points tables in the saved settings', () => {
  it('are saved with the settings, and refused with a message naming them when they pass the 9 KB property limit', () => {
    const { defaultSettings } = require('../../src/settings/settings') as typeof import('../../src/settings/settings');
    const menuFake = createFakeGas({
      sheets: {
        Customers: [
          ['Customer', 'Credit'],
          ['a', 'AAA'],
        ],
      },
    });
    const menuCtx = loadBundle(menuFake);
    const s = defaultSettings('Customers');
    s.mode = 'score';
    s.score = { ...s.score, tierMethod: 'rank', cuts: [0.05, 0.2] };
    s.score.dimensions = [{ column: 'Credit', weight: 1, direction: 'higher', points: { answers: { AAA: 100, 信用良好: 50 }, other: 0 } }];
    expect(invoke(menuFake, menuCtx, 'sidebarSaveSettings', s)).toMatchObject({ ok: true });
    const stored = JSON.parse([...menuFake.properties.document.values()][0] as string);
    expect(stored.score.dimensions[0].points).toEqual({ answers: { AAA: 100, 信用良好: 50 }, other: 0 });
    for (let i = 0; i < 400; i++) s.score.dimensions[0].points!.answers[`行业客户答案${i}`] = i;
    const refused = invoke(menuFake, menuCtx, 'sidebarSaveSettings', s) as { ok: boolean; problems: SettingProblem[] };
    expect(refused).toMatchObject({ ok: false, problems: [{ code: 'settings.tooLarge' }] });
    expect(settingText(refused.problems[0], 'en')).toMatch(
      /the settings take 1\d\.\d KB .* at most 9 KB; shorten the playbook actions or the points tables/,
    );
    expect(settingText(refused.problems[0], 'zh')).toMatch(/请缩短分级策略中的行动说明或评分表/);
    expect(menuFake.properties.document.size).toBe(1); // the earlier settings stay
  });
});

describe('the groups argument', () => {
  const values = [100, 5, 80, 60, 3, 40, 1, 2];
  const groups = ['North', 'South', ' north', 'South', 'SOUTH', 'North', 'South', 'North'];
  const rowsOf = (name: string) => groups.map((g, i) => (g.trim().toLowerCase() === name ? i : -1)).filter((i) => i >= 0);

  it.each([
    ['ABC_TIER', (v: unknown[][], g?: unknown[][]) => call('ABC_TIER', v, 'rank', '', '', g)],
    ['CUSTOMER_VALUE_GROUP', (v: unknown[][], g?: unknown[][]) => call('CUSTOMER_VALUE_GROUP', v, '', '', '', '', g)],
    ['TIER_SCORE', (v: unknown[][], g?: unknown[][]) => call('TIER_SCORE', v, 1, '', '', '', g)],
  ])('%s tiers each group as if it were the whole range', (_name, run) => {
    const whole = firsts(run(col(...values), col(...groups)));
    for (const name of ['north', 'south']) {
      const rows = rowsOf(name);
      const alone = firsts(run(col(...rows.map((r) => values[r]))));
      expect(rows.map((r) => whole[r])).toEqual(alone);
    }
    // Not the same as across everyone: the groups matter.
    expect(whole).not.toEqual(firsts(run(col(...values))));
  });

  it('RFM_SEGMENT and RFM_SCORE: a group too small for quintiles says so instead of a score', () => {
    const n = 8;
    const r = col(...Array.from({ length: n }, (_, i) => i * 3));
    const f = col(...Array.from({ length: n }, (_, i) => n - i));
    const m = col(...Array.from({ length: n }, (_, i) => 100 * (n - i)));
    const g = col(...['A', 'A', 'A', 'A', 'A', 'B', 'B', 'B']);
    const seg = firsts(call('RFM_SEGMENT', r, f, m, '', '', g));
    expect(seg.slice(0, 5).every((s) => typeof s === 'string' && !s.startsWith('⚠'))).toBe(true);
    expect(seg.slice(5)).toEqual(Array(3).fill('⚠ group "B" has 3 customers, too few for RFM quintiles (at least 5)'));
    const scores = call('RFM_SCORE', r, f, m, '', g);
    expect(scores.slice(0, 5)).toEqual(call('RFM_SCORE', r.slice(0, 5), f.slice(0, 5), m.slice(0, 5)));
    expect(String(scores[7][0])).toMatch(/^⚠ group "B"/);
    const zh = firsts(call('RFM_SEGMENT', r, f, m, '', 'zh', g));
    expect(zh[7]).toBe('⚠ 分组“B”只有 3 位客户，RFM 五分位评分至少需要 5 位');
  });

  it('gives computed ABC in a group of fewer than 3 customers a note, not a curve with no shape', () => {
    const values = col(90, 50, 20, 10, 5, 40, 1);
    const g = col('N', 'N', 'N', 'N', 'N', 'S', 'S');
    const tiers = firsts(call('ABC_TIER', values, 'computed', '', '', g));
    expect(tiers.slice(0, 5)).toEqual(firsts(call('ABC_TIER', values.slice(0, 5), 'computed')));
    expect(tiers.slice(5)).toEqual(Array(2).fill('⚠ group "S" has 2 customers, too few for computed ABC (at least 3)'));
  });

  it('refuses a groups column of another height', () => {
    expect(() => call('ABC_TIER', col(1, 2, 3), '', '', '', col('a', 'b'))).toThrow(/groups has 2 rows but values has 3/);
  });
});
