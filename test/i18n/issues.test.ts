/**
 * The issue table: every code speaks both languages with the same placeholders, the engine's
 * English messages are the table's English, and the Chinese renders completely.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { issueTextTable, asSentence, issueText, isIssueCode, type IssueCode } from '../../src/i18n/issues';
import { parseAmount, parseAmountColumn, parseDate, parseDateColumn } from '../../src/engine/cells';
import { rollupOrders } from '../../src/engine/rollup';
import { weightedScore } from '../../src/engine/score';
import { rfmScores } from '../../src/engine/rfm';
import { valueGroups } from '../../src/engine/valueGroups';
import { tierChanges } from '../../src/engine/change';
import { validateAbcOptions } from '../../src/engine/abc';
import type { Cell, RowIssue } from '../../src/engine/types';

const codes = Object.keys(issueTextTable()) as IssueCode[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const CJK = /[\u4e00-\u9fff]/;

describe('the table', () => {
  it.each(codes)('%s has English and Chinese with the same placeholders', (code) => {
    const { en, zh } = issueTextTable()[code];
    expect(en.trim()).not.toBe('');
    expect(zh.trim()).not.toBe('');
    expect(placeholders(zh)).toEqual(placeholders(en));
    // Chinese in fact: not an English text copied over.
    expect(zh).toMatch(CJK);
  });

  it('every code is used by the source (no dead texts), counting the method terms built from the method name', () => {
    const root = path.resolve(__dirname, '../../src');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        // The renderer, the table and the list of codes name every code: leave them out, or no code could look unused.
        else if (entry.name.endsWith('.ts') && !/(i18n[\\/](issues|issueTexts)|engine[\\/]problems)\.ts$/.test(full)) files.push(full);
      }
    };
    walk(root);
    const source = files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    // `term.${method}` in abc.ts and for groups too small for their method
    const dynamic = new Set(['term.pareto', 'term.rank', 'term.threshold', 'term.rfm', 'term.computed']);
    const unused = codes.filter((code) => !dynamic.has(code) && !source.includes(`'${code}'`) && !source.includes(`msg('${code}')`));
    expect(unused).toEqual([]);
  });
});

describe('issueText', () => {
  it('fills placeholders, renders nested messages and lists in the same language', () => {
    const reason = { code: 'cell.notNumber' as const, params: { value: '"n/a"' } };
    expect(issueText({ code: 'rollup.amountUnreadable', params: { reason } }, 'en')).toBe(
      'The amount is not readable: "n/a" is not a number.',
    );
    expect(issueText({ code: 'rollup.amountUnreadable', params: { reason } }, 'zh')).toBe('无法读取金额："n/a" 不是数字。');
    const inputs = [{ code: 'term.recency' as const }, { code: 'term.monetary' as const }];
    expect(issueText({ code: 'rfm.incomplete', params: { inputs } }, 'en')).toMatch(/^No RFM code: recency, monetary is blank/);
    expect(issueText({ code: 'rfm.incomplete', params: { inputs } }, 'zh')).toMatch(/^无法生成 RFM 代码：最近消费时间、消费金额为空/);
  });

  it('shows a message without a known code as it is, and leaves a missing param visible', () => {
    expect(issueText({ message: 'Made by the CLI.' }, 'zh')).toBe('Made by the CLI.');
    expect(issueText({ code: 'no.such.code', message: 'kept' }, 'zh')).toBe('kept');
    expect(issueText({ code: 'cell.notNumber' }, 'en')).toBe('{value} is not a number');
    expect(isIssueCode('constructor')).toBe(false);
  });

  it('ends sentences in each language', () => {
    expect(asSentence('a', 'en')).toBe('a.');
    expect(asSentence('甲', 'zh')).toBe('甲。');
    expect(asSentence('done.', 'en')).toBe('done.');
  });
});

/** Cells that produce every kind of cell reason. */
const BAD_AMOUNTS: Cell[] = ['n/a', '#N/A', '1,2', '1,2,3.4.5', NaN, true, new Date(2024, 0, 1), '--5', '1e400', '%%5', ''];
const BAD_DATES: Cell[] = ['03/05/2024', '31/02/2024', 'soon', '2023-02-29', 20230229, -5, false, new Date(NaN), '#REF!', Infinity];

function expectEnglishIsTableEnglish(issues: readonly RowIssue[]): void {
  expect(issues.length).toBeGreaterThan(0);
  for (const issue of issues) {
    expect(issue.code).toBeDefined();
    // Data only: the engine carries no text; both languages render from the code and params.
    expect('message' in issue).toBe(false);
    expect(issueText(issue, 'en')).not.toMatch(/\{\w+\}/);
    const zh = issueText(issue, 'zh');
    expect(zh).toMatch(CJK);
    expect(zh).not.toMatch(/\{\w+\}/);
  }
}

describe("the engine issues are the table's", () => {
  it('cells: every reason has a code whose English is the reason', () => {
    for (const cell of BAD_AMOUNTS) {
      const parsed = parseAmount(cell);
      if (parsed.kind === 'invalid') expect(issueText(parsed.issue, 'en')).not.toBe('');
    }
    for (const cell of BAD_DATES) {
      const parsed = parseDate(cell);
      expect(parsed.kind).toBe('invalid');
      if (parsed.kind === 'invalid') expect(issueText(parsed.issue, 'en')).not.toBe('');
    }
    const amounts = parseAmountColumn(BAD_AMOUNTS, 'Amount').issues;
    expect(new Set(amounts.map((i) => i.code)).size).toBeGreaterThanOrEqual(8);
    expectEnglishIsTableEnglish(amounts);
    expectEnglishIsTableEnglish(parseDateColumn(BAD_DATES, 'Date').issues);
  });

  it('roll-up, score, RFM, value groups and tier change', () => {
    const rolled = rollupOrders(['a', '', 'b', 'c', 'd'], ['2024-01-01', '2024-01-02', '', 'x', '2024-01-03'], [1, 2, 3, 4, null]);
    expect(rolled.issues.map((i) => i.code)).toEqual(['rollup.idBlank', 'rollup.dateBlank', 'rollup.dateUnreadable', 'rollup.amountBlank']);
    expectEnglishIsTableEnglish(rolled.issues);
    expectEnglishIsTableEnglish(
      weightedScore([
        { name: 'Sales', values: [1, null], weight: 1 },
        { name: 'Visits', values: [2, null], weight: 1 },
      ]).issues,
    );
    expectEnglishIsTableEnglish(rfmScores({ recencyDays: [1, null, 3], frequency: [1, 2, null], monetary: [1, 2, 3] }).issues);
    expectEnglishIsTableEnglish(valueGroups({ value: [10, null, 5], costToServe: [1, 2, null] }).issues);
    expectEnglishIsTableEnglish(tierChanges(['A', 'X', 'B'], ['B', 'A'], ['A', 'B', 'C']).issues);
  });

  it('ABC options: the failure carries the same text as code and params', () => {
    const cases = [
      { method: 'pareto' as const, cuts: [0.9, 0.8] },
      { method: 'threshold' as const, cuts: [10, 20] },
      { method: 'rank' as const, cuts: [1.5] },
      { method: 'rank' as const, cuts: [] },
      { method: 'computed' as const, cuts: [0.5] },
      { method: 'pareto' as const, cuts: [0.8], labels: ['A'] },
      { method: 'pareto' as const, cuts: [0.8], labels: ['A', ' a '] },
      { method: 'bogus' as never },
    ];
    for (const options of cases) {
      const checked = validateAbcOptions(options);
      expect(checked.ok).toBe(false);
      if (checked.ok) continue;
      expect(issueText(checked.issue, 'en')).not.toMatch(/\{\w+\}/);
      expect(issueText(checked.issue, 'zh')).toMatch(CJK);
    }
    const rising = validateAbcOptions({ method: 'pareto', cuts: [0.9, 0.8] });
    expect(!rising.ok && issueText(rising.issue, 'zh')).toBe('帕累托方法的分界点是累计比例，必须逐个增大：0.9, 0.8');
  });
});
