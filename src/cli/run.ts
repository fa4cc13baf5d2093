/**
 * The customer-tiers commands: read a table, build settings from the flags, run the same pipeline
 * as the add-on, write the result.
 */
import type { Cell, Lang, RowIssue } from '../engine/types';
import { asSentence, issueText } from '../i18n/issues';
import { dateFromSerialDay, parseDate } from '../engine/cells';
import { validateAbcOptions, type AbcMethod } from '../engine/abc';
import { columnHeader, runTiering, type DetailKey, type OutputKey, type SheetIssue, type TieringRun } from '../pipeline/runTiering';
import { defaultSettings, defaultTiers } from '../settings/settings';
import type { Settings } from '../settings/schema';
import { numberList, parseArgs, usageError, USAGE, type ParsedArgs } from './args';
import { checkOutput, CliError, findColumn, readTable, writeTable, type OutCell, type Table } from './io';

/** A problem with a row: the engine's (as data), or the file reader's own (ragged rows, merged cells...), as text. */
type CliIssue = RowIssue | { row: number; column?: string; text: string };

/** Where the CLI prints; tests and the bin shim pass process streams. */
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

const MAX_LISTED = 20;
/** Problems about a customer rather than a cell: reported, but they do not stop the command. */
const CUSTOMER_NOTES: ReadonlySet<string> = new Set(['rfm.incomplete', 'group.tooSmall']);
/** Floating-point sums such as 0.1 + 0.2 printed as 0.3. */
const tidy = <T>(x: T): T | number => (typeof x === 'number' ? Math.round(x * 1e6) / 1e6 : x);

/**
 * Turns engine issues (0-based data rows) into one message naming the file row and column.
 * Throws (exit 1) unless --skip-bad-rows, in which case the list goes to stderr as a warning.
 */
function reportIssues(issues: CliIssue[], table: Table, columnNames: Record<string, string>, args: ParsedArgs, io: Output): void {
  if (issues.length === 0) return;
  const sorted = [...issues].sort((a, b) => a.row - b.row);
  const lines = sorted.slice(0, MAX_LISTED).map((issue) => {
    const column = issue.column === undefined ? '' : `, column "${columnNames[issue.column] ?? issue.column}"`;
    const text = 'text' in issue ? issue.text : issueText(issue, 'en');
    return `  Row ${table.rowNumbers[issue.row]}${column}: ${asSentence(text, /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en')}`;
  });
  if (sorted.length > MAX_LISTED) lines.push(`  ... and ${sorted.length - MAX_LISTED} more.`);
  const rows = new Set(issues.map((i) => i.row)).size;
  if (args.flags.has('skip-bad-rows')) {
    io.err(`Warning: ${rows} row(s) left out:\n${lines.join('\n')}\n`);
    return;
  }
  throw new CliError(
    `${rows} row(s) cannot be read (row numbers as in the file, the header is row 1):\n${lines.join('\n')}\nFix them, or pass --skip-bad-rows to leave them out. Nothing was written.`,
  );
}

/**
 * The reader's problems (ragged rows, merged cells, formulas without a result) in the columns a
 * command uses, as issues keyed like `used`, and the rows they make unusable.
 */
function readProblems(table: Table, used: Record<string, number>): { issues: CliIssue[]; bad: Set<number> } {
  const keyOf = new Map(Object.entries(used).map(([key, index]) => [index, key]));
  const issues: CliIssue[] = [];
  for (const p of table.problems) {
    if (p.column === null) issues.push({ row: p.row, text: p.message });
    else if (keyOf.has(p.column)) issues.push({ row: p.row, column: keyOf.get(p.column), text: p.message });
  }
  return { issues, bad: new Set(issues.map((i) => i.row)) };
}

/** A column's cells; blank in rows the reader could not take, which are reported instead. */
const _column = (table: Table, index: number, bad: ReadonlySet<number> = new Set()): Cell[] =>
  table.rows.map((r, i) => (bad.has(i) ? null : (r[index] ?? null)));

/** The command found no value to work on: exit 1 rather than write an empty result. */
function nothingLeft(what: string, header: string, issues: CliIssue[]): CliError {
  const why = issues.length > 0 ? 'every row with a value was left out (see the list above)' : `column "${header}" has no values`;
  return new CliError(`Nothing to ${what}: ${why}. Nothing was written.`);
}

/**
 * The one run the add-on and the sidebar make too: the command's flags become a Settings object
 * and the pipeline tiers the file, so the CLI cannot give other tiers, headers or messages. Rows
 * the file reader could not take are blanked in the columns used (and reported by the reader).
 */
function runPipeline(table: Table, settings: Settings, used: Record<string, number>, args: ParsedArgs, io: Output, lang: Lang): TieringRun {
  const { issues: problems, bad } = readProblems(table, used);
  const usedColumns = new Set(Object.values(used));
  const rows = table.rows.map((row, i) => (bad.has(i) ? row.map((c, j) => (usedColumns.has(j) ? null : c)) : row));
  // Tiers within groups: the group column is read as it is (a blank cell is a group of its own).
  if (args.options['group-column'] !== undefined)
    settings.groupBy = table.headers[findColumn(table.headers, args.options['group-column'], '--group-column')];
  // Header "row 0": an issue's row is then its data index + 1.
  const run = runTiering(settings, { headers: table.headers, rows }, { language: lang, headerRow: 0 });
  if (run.errors.length) throw usageError(run.errors.join('\n'));
  const fromRun = (issue: SheetIssue): CliIssue => ({ row: issue.row - 1, column: issue.column, text: issue.message });
  // Orders after --as-of are left out by design, and a customer the method cannot place (only
  // refunds or zero orders: no RFM code) has no unreadable cell: warnings, not bad rows.
  const later = run.issues.filter((i) => i.code === 'rollup.afterAsOf');
  const unplaced = run.issues.filter((i) => i.code !== undefined && CUSTOMER_NOTES.has(i.code));
  const issues = [...problems, ...run.issues.filter((i) => i.code !== 'rollup.afterAsOf' && !unplaced.includes(i)).map(fromRun)];
  const headers = Object.fromEntries(Object.entries(used).map(([key, index]) => [key, table.headers[index]]));
  reportIssues(issues, table, headers, args, io);
  if (unplaced.length > 0) {
    const listed = unplaced.slice(0, MAX_LISTED).map((i) => `  Row ${table.rowNumbers[i.row - 1]}: ${i.message}`);
    if (unplaced.length > MAX_LISTED) listed.push(`  ... and ${unplaced.length - MAX_LISTED} more.`);
    io.err(`Note: ${unplaced.length} customer(s) could not be placed:\n${listed.join('\n')}\n`);
  }
  if (later.length > 0) {
    const listed = later
      .slice(0, MAX_LISTED)
      .map((i) => table.rowNumbers[i.row - 1])
      .join(', ');
    const more = later.length > MAX_LISTED ? ` and ${later.length - MAX_LISTED} more` : '';
    io.err(`Warning: ${later.length} order(s) dated after --as-of ${settings.rfm.asOf} left out (rows ${listed}${more}).\n`);
  }
  if (run.customers.length === 0) {
    const what = settings.mode === 'rfm' ? 'score' : settings.mode === 'valueGroups' ? 'group' : 'tier';
    if (later.length > 0 && issues.length === 0)
      throw new CliError(`Nothing to ${what}: every order is dated after --as-of ${settings.rfm.asOf}. Nothing was written.`);
    throw nothingLeft(what, table.headers[used.value ?? used.amount], issues);
  }
  return run;
}

/** The input table with the run's output columns beside it (one row per file row). */
function beside(table: Table, run: TieringRun, lang: Lang): { headers: string[]; rows: OutCell[][] } {
  return {
    headers: [...table.headers, ...run.outputs.map((o) => columnHeader(o.key, lang))],
    rows: table.rows.map((row, i) => [...padRow(row, table.headers.length), ...run.outputs.map((o) => tidy(o.values[i]))]),
  };
}

/** One row per customer: the id column, then the chosen per-customer columns. */
function perCustomer(
  run: TieringRun,
  idHeader: string,
  keys: readonly (OutputKey | DetailKey)[],
  lang: Lang,
  order?: readonly number[],
  valueHeader?: string,
): { headers: string[]; rows: OutCell[][] } {
  const { ids, columns } = run.perCustomer;
  // The group beside the tier, group or segment it was found in.
  if (columns.within) keys = keys.flatMap((k) => (k === 'tier' || k === 'group' || k === 'segment' ? [k, 'within'] : [k]));
  const date = (s: number | null) => (s === null ? null : dateFromSerialDay(s));
  const cell = (key: OutputKey | DetailKey, i: number): OutCell => {
    const v = columns[key]?.[i] ?? null;
    return key === 'firstOrder' || key === 'lastOrder' ? date(v as number | null) : tidy(v);
  };
  return {
    headers: [idHeader, ...keys.map((k) => (k === 'value' && valueHeader ? valueHeader : columnHeader(k, lang)))],
    rows: (order ?? ids.map((_, i) => i)).map((i) => [ids[i], ...keys.map((k) => cell(k, i))]),
  };
}

/** Settings for a command: the defaults, pointed at the file's columns. */
function settingsFor(mode: Settings['mode'], source: Partial<Settings['source']>): Settings {
  const settings = defaultSettings('(file)');
  settings.language = 'en';
  settings.mode = mode;
  settings.source = { ...settings.source, headerRow: 1, ...source };
  return settings;
}

async function tier(table: Table, args: ParsedArgs, io: Output, lang: Lang): Promise<{ headers: string[]; rows: OutCell[][] }> {
  const { options } = args;
  const method = (options.method ?? 'pareto') as AbcMethod;
  if (!['pareto', 'rank', 'threshold', 'computed'].includes(method)) {
    throw usageError(`--method must be pareto, rank, threshold or computed, not "${options.method}".`);
  }
  const cuts = options.cuts === undefined ? undefined : numberList(options.cuts, 'cuts');
  const labels = options.labels === undefined ? undefined : options.labels.split(',').map((l) => l.trim());
  // Bad cuts or labels are a command-line mistake: say so before reading any data.
  const checked = validateAbcOptions({ method, cuts, labels });
  if (!checked.ok) throw usageError(`${issueText(checked.issue, lang)}.`);
  const valueIndex = findColumn(table.headers, options['value-column'], '--value-column');
  const idIndex = options['id-column'] === undefined ? -1 : findColumn(table.headers, options['id-column'], '--id-column');
  // With an id column the file is an orders list: each customer's rows are added up first.
  const settings = settingsFor(
    'abc',
    idIndex >= 0
      ? { layout: 'orders', idColumn: table.headers[idIndex], valueColumn: table.headers[valueIndex] }
      : { layout: 'customers', valueColumn: table.headers[valueIndex] },
  );
  settings.abc = { method, cuts: [...checked.value.cuts] };
  settings.tiers = defaultTiers(checked.value.labels);
  const run = runPipeline(table, settings, idIndex >= 0 ? { value: valueIndex, id: idIndex } : { value: valueIndex }, args, io, lang);
  if (idIndex < 0) return beside(table, run, lang);
  const rank = run.perCustomer.columns.rank ?? [];
  const order = run.perCustomer.ids
    .map((_, i) => i)
    .sort((a, b) => ((rank[a] as number | null) ?? Infinity) - ((rank[b] as number | null) ?? Infinity) || a - b);
  return perCustomer(run, table.headers[idIndex], ['value', 'tier', 'rank', 'share'], lang, order, table.headers[valueIndex]);
}

/** A data row as output cells, as wide as the header. */
function padRow(row: Cell[], width: number): OutCell[] {
  const out: OutCell[] = [];
  for (let i = 0; i < width; i++) {
    const c = row[i];
    out.push(c === undefined || c === null ? null : typeof c === 'boolean' ? String(c).toUpperCase() : c);
  }
  return out;
}

async function rfm(table: Table, args: ParsedArgs, io: Output, lang: Lang): Promise<{ headers: string[]; rows: OutCell[][] }> {
  const { options } = args;
  const idIndex = findColumn(table.headers, options['id-column'], '--id-column');
  const dateIndex = findColumn(table.headers, options['date-column'], '--date-column');
  const amountIndex = findColumn(table.headers, options['amount-column'], '--amount-column');
  if (options['as-of'] !== undefined) {
    const parsed = parseDate(options['as-of']);
    if (parsed.kind !== 'value' || !/^\d{4}-\d{2}-\d{2}$/.test(options['as-of'])) {
      throw usageError(`--as-of must be a date written YYYY-MM-DD, not "${options['as-of']}".`);
    }
  }
  const settings = settingsFor('rfm', {
    layout: 'orders',
    idColumn: table.headers[idIndex],
    dateColumn: table.headers[dateIndex],
    valueColumn: table.headers[amountIndex],
  });
  settings.rfm = { asOf: options['as-of'] ?? '' };
  const run = runPipeline(table, settings, { id: idIndex, date: dateIndex, amount: amountIndex }, args, io, lang);
  return perCustomer(
    run,
    table.headers[idIndex],
    ['firstOrder', 'lastOrder', 'recencyDays', 'orders', 'value', 'r', 'f', 'm', 'rfm', 'segment'],
    lang,
  );
}

async function groups(table: Table, args: ParsedArgs, io: Output, lang: Lang): Promise<{ headers: string[]; rows: OutCell[][] }> {
  const { options } = args;
  const index = (option: string) => (options[option] === undefined ? -1 : findColumn(table.headers, options[option], `--${option}`));
  const valueIndex = index('value-column');
  const costIndex = index('cost-column');
  const potentialIndex = index('potential-column');
  const idIndex = index('id-column');
  // With an id column the file is an orders list: value and cost are summed per customer, potential is its largest.
  const settings = settingsFor('valueGroups', {
    layout: idIndex >= 0 ? 'orders' : 'customers',
    idColumn: idIndex >= 0 ? table.headers[idIndex] : '',
    valueColumn: table.headers[valueIndex],
    costColumn: costIndex >= 0 ? table.headers[costIndex] : '',
    potentialColumn: potentialIndex >= 0 ? table.headers[potentialIndex] : '',
  });
  if (options['mvc-share'] !== undefined) {
    const mvcShare = numberList(options['mvc-share'], 'mvc-share')[0];
    if (!(mvcShare > 0 && mvcShare < 1))
      throw usageError(`--mvc-share must be between 0 and 1 (e.g. 0.2 for 20%), not ${options['mvc-share']}.`);
    settings.valueGroups = { ...settings.valueGroups, mvcShare };
  }
  const used: Record<string, number> = { value: valueIndex };
  if (costIndex >= 0) used.costToServe = costIndex;
  if (potentialIndex >= 0) used.potential = potentialIndex;
  if (idIndex >= 0) used.id = idIndex;
  const run = runPipeline(table, settings, used, args, io, lang);
  if (idIndex >= 0)
    return perCustomer(run, table.headers[idIndex], ['value', 'orders', 'netValue', 'group'], lang, undefined, table.headers[valueIndex]);
  const out = beside(table, run, lang);
  // The net value (value minus cost to serve) before the group, as the CLI has always shown it.
  const net = run.perCustomer.columns.netValue ?? [];
  return {
    headers: [...table.headers, columnHeader('netValue', lang), ...out.headers.slice(table.headers.length)],
    rows: out.rows.map((row, i) => [...row.slice(0, table.headers.length), tidy(net[i] ?? null), ...row.slice(table.headers.length)]),
  };
}

/** Runs the CLI on argv (without node and the script name) and returns the exit code. */
export async function run(argv: readonly string[], io: Output): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.command === 'help') {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const lang: Lang = args.options.lang === 'zh' ? 'zh' : 'en';
    // --out is checked before the input is read, so a mistake there costs nothing and writes nothing.
    const target = args.options.out === undefined ? undefined : checkOutput(args.options.out, args.file);
    const table = await readTable(args.file!, args.options.sheet);
    for (const note of table.notes) io.err(`${note}\n`);
    const command = args.command === 'tier' ? tier : args.command === 'rfm' ? rfm : groups;
    const result = await command(table, args, io, lang);
    await writeTable(target, result.headers, result.rows, io.out);
    if (target !== undefined) io.err(`Wrote ${result.rows.length} rows to ${target.given}\n`);
    return 0;
  } catch (err) {
    if (err instanceof CliError) {
      io.err(`customer-tiers: ${err.message}\n`);
      return err.exitCode;
    }
    io.err(`customer-tiers: unexpected error: ${(err as Error).stack ?? err}\n`);
    return 3;
  }
}
