/** What one run carries while it reads the table: the settings, the language, and the problems found. */
import type { Cell, Lang, RowIssue } from '../engine/types';
import { issueText, type IssueCode, type IssueDetail, type IssueParams } from '../i18n/issues';
import { findHeader } from '../settings/columns';
import { settingProblem, type SettingProblem } from '../settings/settings';
import type { Settings } from '../settings/schema';
import type { ColumnTable, SheetIssue, TieringTable } from './types';

/** The role of a column, as error messages name it. */
export const role = (code: IssueCode): IssueDetail => ({ code });

export class RunContext {
  readonly issues: SheetIssue[] = [];
  readonly errors: SettingProblem[] = [];
  /** Value groups' MGC from predicted value: [predicted value, growth gap] by customer id, or why none; once per run, also within groups. */
  declare mgcGaps?: Map<string, (number | undefined)[]> | IssueDetail;
  constructor(
    readonly table: TieringTable | ColumnTable,
    readonly settings: Settings,
    readonly firstDataRow: number,
    readonly lang: Lang,
  ) {}

  addIssues(issues: readonly RowIssue[], rowOf: (i: number) => number = (i) => i): void {
    for (const issue of issues) {
      const row = this.firstDataRow + rowOf(issue.row);
      const message = issueText(issue, this.lang);
      this.issues.push(
        issue.code
          ? { row, column: issue.column, message, code: issue.code, params: issue.params }
          : { row, column: issue.column, message },
      );
    }
  }

  error(path: string, code: IssueCode, params?: IssueParams): void {
    this.errors.push(settingProblem(path, code, params));
  }

  columnIndex(name: string, columnRole: IssueDetail, path = 'source'): number {
    const index = findHeader(this.table.headers, name);
    if (!name) this.error(path, 'settings.chooseColumn', { role: columnRole });
    else if (index < 0) {
      const headers = this.table.headers.filter(Boolean);
      this.error(path, 'settings.columnMissing', { role: columnRole, name, headers: headers.length ? headers : [{ code: 'term.empty' }] });
    }
    return index;
  }

  /** The header text of the column `name` picks ('' for none), as the sheet spells it. */
  header(name: string): string {
    const index = name ? findHeader(this.table.headers, name) : -1;
    return index >= 0 ? this.table.headers[index] : name;
  }

  /** How many data rows the table has. */
  get rowCount(): number {
    return 'rows' in this.table ? this.table.rows.length : this.table.rowCount;
  }

  /** The cells of one column, a row each. */
  cells(index: number): Cell[] {
    const { table } = this;
    return 'rows' in table ? table.rows.map((row) => row[index]) : (table.columns[index] ?? new Array<Cell>(table.rowCount).fill(null));
  }
}
