/**
 * Problems in the user's words: the one function that turns a problem (a code and its params,
 * src/engine/problems.ts) into text, in English or Chinese, from the table of each language
 * (issueTexts.ts). Everything else carries problems as data; only the edges (alerts,
 * summary, sidebar, custom-function notes, CLI) call this.
 */
import { fill } from './fill';
import { nameIn } from '../engine/labels';
import type { Lang } from '../engine/types';
import type { IssueCode, IssueDetail, IssueParam, IssueParams } from '../engine/problems';
import { ISSUE_TEXTS } from './issueTexts';

export { IssueError, type IssueCode, type IssueDetail, type IssueParam, type IssueParams } from '../engine/problems';

/** Whether `x` is a known code (own keys of the table, so "constructor" is not one). */
export function isIssueCode(x: unknown): x is IssueCode {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(ISSUE_TEXTS, x);
}

/** Both languages' template of every code, for tests and tools (built on call: no load-time work in the bundle). */
export function issueTextTable(): Readonly<Record<IssueCode, { en: string; zh: string }>> {
  const codes = Object.keys(ISSUE_TEXTS) as IssueCode[];
  return Object.fromEntries(codes.map((code) => [code, { en: ISSUE_TEXTS[code][0], zh: ISSUE_TEXTS[code][1] }])) as Record<
    IssueCode,
    { en: string; zh: string }
  >;
}

function renderParam(value: IssueParam, lang: Lang): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((v) => renderParam(v, lang)).join(lang === 'zh' ? '、' : ', ');
  return issueText(value as IssueDetail, lang);
}

/**
 * The text of a message in `lang`: the code's template with its params filled in (nested
 * messages in the same language). Something without a known code, such as a RowIssue made
 * outside the engine, shows its `message` unchanged; a missing param stays as `{name}`.
 */
export function issueText(issue: { code?: string; params?: IssueParams; message?: string }, lang: Lang): string {
  if (!isIssueCode(issue.code)) return issue.message ?? String(issue.code ?? '');
  const template = nameIn(ISSUE_TEXTS[issue.code], lang);
  const params = issue.params ?? {};
  return fill(template, (name) => (Object.prototype.hasOwnProperty.call(params, name) ? renderParam(params[name], lang) : undefined));
}

/** `text` ending as a sentence: a full stop ('.' or '。') added unless it already ends in one. */
export function asSentence(text: string, lang: Lang): string {
  return /[.!?。！？]$/.test(text) ? text : text + (lang === 'zh' ? '。' : '.');
}

/** A settings problem as one line, `path: text` (the sidebar shows the text beside the setting of that path instead). */
export function settingText(problem: IssueDetail & { path: string }, lang: Lang): string {
  return `${problem.path}: ${settingProblemText(problem, lang)}`;
}

/** A settings problem's text alone, as a sentence (for beside the setting it names). */
export function settingProblemText(problem: IssueDetail, lang: Lang): string {
  const text = issueText(problem, lang);
  // ABC option texts are written without a final stop, to be quoted inside other sentences.
  return problem.code.startsWith('abc.') ? asSentence(text, lang) : text;
}
