/**
 * Shared types of the pure tiering engine. Nothing in src/engine may touch Apps Script globals
 * (SpreadsheetApp, PropertiesService, ...) or Node built-ins: the same code runs in Apps Script,
 * in the sidebar (browser) and in Node (CLI, tests, benchmark).
 */

import type { IssueCode, IssueParams } from './problems';

/** What a spreadsheet cell can hold when it reaches a custom function or `getValues()`. */
export type Cell = string | number | boolean | Date | null | undefined;

/** How a customer's tier moved between two periods ('changed': moved between labels with no known order). */
export type TierChangeKind = 'upgrade' | 'downgrade' | 'same' | 'new' | 'lost' | 'changed';

/** The UI languages the add-on speaks. */
export type Lang = 'en' | 'zh';

/**
 * A problem with one input row, as data: `row` is the 0-based index into the input column, `code`
 * and `params` the problem (src/engine/problems.ts). The edges render it with
 * `issueText(issue, lang)` (src/i18n/issues.ts) in the user's language.
 */
export interface RowIssue {
  row: number;
  /** Which input the problem is in (argument or column name), when known. */
  column?: string;
  code: IssueCode;
  params?: IssueParams;
}

/**
 * Dates inside the engine are Sheets serial day numbers (days since 1899-12-30, the epoch Sheets
 * and Excel use), so that they compare, subtract and round-trip through cells without time zones.
 */
export type SerialDay = number;

/** A numeric input column after parsing: null where the cell was blank or unparseable. */
export type NumberColumn = ReadonlyArray<number | null>;
