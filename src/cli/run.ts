/**
 * The customer-tiers commands: read a table, build settings from the flags, run the same pipeline
 * as the add-on, write the result.
 */
import type { Cell, Lang, RowIssue } from '../engine/types';
import { asSentence, issueText } from '../i18n/issues';
import { parseDate } from '../engine/cells';
import { runTiering, type SheetIssue, type TieringRun } from '../pipeline/runTiering';
import type { Settings } from '../settings/schema';
import { parseArgs, usageError, USAGE, type Command, type ParsedArgs } from './args';
import { headerFinder, outCell, planCommand, planOutput, tidy, type Plan } from './plan';
import { SqlUnsupported, tieringSql } from '../sql/tiers';
import { cliSay } from './words';
import {
  checkOutput,
  CliError,
  type CliTable,
  findColumn,
  readTable,
  replaceFile,
  writeBytes,
  writeTable,
  type OutCell,
  type OutputTarget,
  type Table,
} from './io';
import { clvRollup, fitClv, predictClv, type TimeUnit } from '../engine/clv';

/** A problem with a row: the engine's (as data), or the file reader's own (ragged rows, merged cells...), as text. */
type CliIssue = RowIssue | { row: number; column?: string; text: string };

/** Where the CLI prints; tests and the bin shim pass process streams. */
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

const MAX_LISTED = 20;
/** A Gamma-Gamma p above this says order values hardly vary within a customer (CDNOW's is 6.25). */
const DEGENERATE_P = 1000;
/** Problems about a customer rather than a cell: reported, but they do not stop the command. */
const CUSTOMER_NOTES: ReadonlySet<string> = new Set(['rfm.incomplete', 'rfm.noPurchase', 'group.tooSmall']);

/**
 * Turns engine issues (0-based data rows) into one message naming the file row and column.
 * Throws (exit 1) unless --skip-bad-rows, in which case the list goes to stderr as a warning.
 */
function reportIssues(issues: CliIssue[], table: Table, columnNames: Record<string, string>, args: ParsedArgs, io: Output): void {
  if (issues.length === 0) return;
  const sorted = [...issues].sort((a, b) => a.row - b.row);
  const lang = args.options.lang === 'zh' ? 'zh' : 'en';
  const lines = sorted.slice(0, MAX_LISTED).map((issue) => {
    const row = table.rowNumbers[issue.row];
    const where =
      issue.column === undefined
        ? cliSay(lang, 'row', { row })
        : cliSay(lang, 'rowColumn', { row, column: columnNames[issue.column] ?? issue.column });
    const text = 'text' in issue ? issue.text : issueText(issue, lang);
    return `  ${where}${lang === 'zh' ? '：' : ': '}${asSentence(text, lang)}`;
  });
  if (sorted.length > MAX_LISTED) lines.push(`  ${cliSay(lang, 'more', { count: sorted.length - MAX_LISTED })}`);
  const rows = new Set(issues.map((i) => i.row)).size;
  if (args.flags.has('skip-bad-rows')) {
    io.err(`${cliSay(lang, 'leftOut', { count: rows })}\n${lines.join('\n')}\n`);
    return;
  }
  throw new CliError(`${cliSay(lang, 'unreadable', { count: rows })}\n${lines.join('\n')}\n${cliSay(lang, 'fixThem')}`);
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

/** The command found no value to work on: exit 1 rather than write an empty result. */
function nothingLeft(what: string, header: string, issues: CliIssue[], lang: Lang = 'en'): CliError {
  return new CliError(
    issues.length > 0 ? cliSay(lang, 'nothingLeftRows', { what }) : cliSay(lang, 'nothingLeftColumn', { what, column: header }),
  );
}

/**
 * The one run the add-on and the sidebar make too: the command's flags become a Settings object
 * and the pipeline tiers the file, so the CLI cannot give other tiers, headers or messages. Rows
 * the file reader could not take are blanked in the columns used (and reported by the reader).
 */
function runPipeline(table: Table, settings: Settings, used: Record<string, number>, args: ParsedArgs, io: Output, lang: Lang): TieringRun {
  const { issues: problems, bad } = readProblems(table, used);
  const usedColumns = new Set(Object.values(used));
  const columns = bad.size
    ? table.columns.map((cells, j) => (usedColumns.has(j) ? cells.map((c, i) => (bad.has(i) ? null : c)) : cells))
    : table.columns;
  // Header "row 0": an issue's row is then its data index + 1.
  const run = runTiering(settings, { headers: table.headers, columns, rowCount: table.rowCount }, { language: lang, headerRow: 0 });
  if (run.errors.length) throw usageError(run.errors.join('\n'));
  const fromRun = (issue: SheetIssue): CliIssue => ({ row: issue.row - 1, column: issue.column, text: issue.message });
  // Orders after --as-of are left out by design, and a customer the method cannot place (only
  // refunds or zero orders: no RFM code) has no unreadable cell: warnings, not bad rows.
  const later = run.issues.filter((i) => i.code === 'rollup.afterAsOf');
  const unplaced = run.issues.filter((i) => i.code !== undefined && CUSTOMER_NOTES.has(i.code));
  // Value groups without MGC (the model could not be fitted, column MGC): about the run, not a row.
  const notes = run.issues.filter((i) => i.column === 'MGC');
  for (const note of notes) io.err(`${cliSay(lang, 'noMgc', { reason: asSentence(note.message, lang) })}\n`);
  // A row the reader could not take is blank to the run: it is reported once, by the reader.
  const fromRows = run.issues.filter(
    (i) => i.code !== 'rollup.afterAsOf' && !unplaced.includes(i) && !notes.includes(i) && !bad.has(i.row - 1),
  );
  const issues = [...problems, ...fromRows.map(fromRun)];
  const headers = Object.fromEntries(Object.entries(used).map(([key, index]) => [key, table.headers[index]]));
  const what = cliSay(lang, settings.mode === 'rfm' ? 'whatScore' : settings.mode === 'valueGroups' ? 'whatGroup' : 'what');
  // A value column with no value at all is one mistake (the wrong column?), not a list of blank rows.
  if (
    run.customers.length === 0 &&
    problems.length === 0 &&
    fromRows.length > 0 &&
    fromRows.every((i) => i.code === 'abc.noValue' || i.code === 'valueGroups.noValue')
  )
    throw nothingLeft(what, table.headers[used.value ?? used.amount], [], lang);
  reportIssues(issues, table, headers, args, io);
  if (unplaced.length > 0) {
    const colon = lang === 'zh' ? '：' : ': ';
    const listed = unplaced
      .slice(0, MAX_LISTED)
      .map((i) => `  ${cliSay(lang, 'row', { row: table.rowNumbers[i.row - 1] })}${colon}${i.message}`);
    if (unplaced.length > MAX_LISTED) listed.push(`  ${cliSay(lang, 'more', { count: unplaced.length - MAX_LISTED })}`);
    io.err(`${cliSay(lang, 'unplaced', { count: unplaced.length })}\n${listed.join('\n')}\n`);
  }
  if (later.length > 0) {
    const listed = later
      .slice(0, MAX_LISTED)
      .map((i) => table.rowNumbers[i.row - 1])
      .join(', ');
    const more = later.length > MAX_LISTED ? cliSay(lang, 'andMore', { count: later.length - MAX_LISTED }) : '';
    io.err(`${cliSay(lang, 'laterOrders', { count: later.length, asOf: settings.rfm.asOf, rows: listed + more })}\n`);
  }
  const top = run.summary[0];
  if (settings.mode === 'abc' && settings.abc.method === 'threshold' && run.customers.length > 0 && top?.customers === 0) {
    const cut = settings.abc.cuts[0].toLocaleString('en-US');
    io.err(`${cliSay(lang, 'noTopTier', { label: top.label, cut })}\n`);
  }
  if (run.customers.length === 0) {
    if (later.length > 0 && issues.length === 0) throw new CliError(cliSay(lang, 'allAfterAsOf', { what, asOf: settings.rfm.asOf }));
    throw nothingLeft(what, table.headers[used.value ?? used.amount], issues, lang);
  }
  return run;
}

/** The in-memory engine: the pipeline's run, shaped as the plan says. */
function present(table: Table, run: TieringRun, plan: Plan, lang: Lang): CliTable {
  const { kept: keptAt, headers, formats, fills } = planOutput(plan, table.headers, lang);
  const { ids, columns } = run.perCustomer;
  if (!plan.perCustomer) {
    const kept = keptAt.map((j) => table.columns[j]);
    const rows: OutCell[][] = new Array(table.rowCount);
    for (let i = 0; i < table.rowCount; i++) {
      rows[i] = [...kept.map((cells) => plainOut(cells[i])), ...plan.keys.map((k) => outCell(k, columns[k]?.[i] ?? null))];
    }
    return { headers, rows, formats, fills };
  }
  let order = ids.map((_, i) => i);
  if (plan.byRank) {
    const rank = columns.rank ?? [];
    order = order.sort((a, b) => ((rank[a] as number | null) ?? Infinity) - ((rank[b] as number | null) ?? Infinity) || a - b);
  }
  return { headers, formats, fills, rows: order.map((i) => [ids[i], ...plan.keys.map((k) => outCell(k, columns[k]?.[i] ?? null))]) };
}

/** An input cell as an output cell. */
const plainOut = (c: Cell): OutCell => (c === undefined || c === null ? null : typeof c === 'boolean' ? String(c).toUpperCase() : c);

/** Reads the file into memory and runs the add-on's pipeline on it. */
async function inMemory(args: ParsedArgs, io: Output, lang: Lang): Promise<CliTable> {
  const table = await readTable(args.file!, args.options.sheet);
  for (const note of table.notes) io.err(`${note}\n`);
  const plan = planCommand(args.command as Command, headerFinder(table.headers, args.options), args.options, lang);
  const used = Object.fromEntries(Object.entries(plan.used).map(([role, header]) => [role, table.headers.indexOf(header)]));
  const run = runPipeline(table, plan.settings, used, args, io, lang);
  return present(table, run, plan, lang);
}

/** `sql COMMAND`: the command's query, for the table named; columns are taken as named (there is no file to look in). */
function printSql(args: ParsedArgs, lang: Lang): string {
  const { options } = args;
  const plan = planCommand(args.sqlOf!, (option) => options[option], options, lang);
  const dialect = options.dialect === 'duckdb' ? 'duckdb' : 'bigquery';
  try {
    return tieringSql(plan.settings, { dialect, table: options.table, lang });
  } catch (err) {
    if (err instanceof SqlUnsupported) throw new CliError(err.message, 2);
    throw err;
  }
}

/** A positive number option, or a usage error naming it. */
function numberOption(args: ParsedArgs, option: string, fallback: number, ok: (v: number) => boolean, rule: string): number {
  const text = args.options[option];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !ok(value)) throw usageError(`--${option} must be ${rule}, not "${text}".`);
  return value;
}

/** Rounds to 4 decimals for the parameter lines on standard error. */
const four = (v: number) => Number(v.toFixed(4));

/**
 * Predicted customer value: the orders rolled up per customer (BTYD conventions), BG/NBD and
 * Gamma-Gamma fitted on the calibration period, one row per customer with the predictions.
 */
async function clv(args: ParsedArgs, io: Output, paramsOut: OutputTarget | undefined): Promise<CliTable> {
  const { options } = args;
  const table = await readTable(args.file!, options.sheet);
  for (const note of table.notes) io.err(`${note}\n`);
  const idIndex = findColumn(table.headers, options['id-column'], '--id-column');
  const dateIndex = findColumn(table.headers, options['date-column'], '--date-column');
  const amountIndex = findColumn(table.headers, options['amount-column'], '--amount-column');
  const unit = (options.unit ?? 'weeks') as TimeUnit;
  if (unit !== 'weeks' && unit !== 'days') throw usageError(`--unit must be weeks or days, not "${options.unit}".`);
  const horizon = numberOption(args, 'horizon', unit === 'weeks' ? 39 : 273, (v) => v > 0 && v <= 1e5, `a positive number of ${unit}`);
  const discountRate = numberOption(args, 'discount-rate', 0.01, (v) => v >= 0 && v < 1, 'a monthly rate from 0 to 1, e.g. 0.01');
  const margin = numberOption(args, 'margin', 1, (v) => v > 0 && v <= 1, 'a share above 0 and at most 1, e.g. 0.3');
  let asOf: number | undefined;
  if (options['calibration-end'] !== undefined) {
    const parsed = parseDate(options['calibration-end']);
    if (parsed.kind !== 'value' || !/^\d{4}-\d{2}-\d{2}$/.test(options['calibration-end']))
      throw usageError(`--calibration-end must be a date written YYYY-MM-DD, not "${options['calibration-end']}".`);
    asOf = parsed.value;
  }
  const { issues: problems, bad } = readProblems(table, { id: idIndex, date: dateIndex, amount: amountIndex });
  // Cells the reader could not take are blank here; they are reported with the issues.
  const cells = (index: number) => table.columns[index].map((c, i) => (bad.has(i) ? null : c));
  const rolled = clvRollup(cells(idIndex), cells(dateIndex), cells(amountIndex), { asOf, unit });
  const headers = { id: table.headers[idIndex], date: table.headers[dateIndex], amount: table.headers[amountIndex] };
  reportIssues([...problems, ...rolled.issues], table, headers, args, io);
  if (rolled.customers.length === 0) throw nothingLeft(cliSay('en', 'whatPredict'), headers.amount, rolled.issues);
  const model = fitClv(rolled.customers);
  if ('code' in model) throw new CliError(`${asSentence(issueText(model, 'en'), 'en')} Nothing was written.`);
  const { bgnbd: bg, gammagamma: gg } = model;
  const repeat = rolled.customers.filter((c) => c.x > 0).length;
  io.err(
    `BG/NBD: r ${four(bg.r)}, alpha ${four(bg.alpha)}, a ${four(bg.a)}, b ${four(bg.b)}, log-likelihood ${bg.ll.toFixed(2)} ` +
      `(${rolled.customers.length} customers, ${model.uniqueRows} distinct histories, time in ${unit})\n` +
      `Gamma-Gamma: p ${four(gg.p)}, q ${four(gg.q)}, gamma ${four(gg.gamma)}, log-likelihood ${gg.ll.toFixed(2)} (${repeat} repeat customers)\n`,
  );
  for (const warning of model.warnings) io.err(`Warning: ${asSentence(issueText(warning, 'en'), 'en')}\n`);
  // p is the shape of one customer's order values: a huge p means they barely vary around the
  // customer's own average, and the spend model then just returns that average.
  if (gg.p > DEGENERATE_P) {
    io.err(
      `Note: the spend model's p is very large (${four(gg.p)}): each customer's orders barely vary around their own average, so the expected average order is about that average.\n`,
    );
  }
  const unplaced = rolled.customers.filter((c) => !c.bought);
  if (unplaced.length > 0) {
    const ids = unplaced.slice(0, MAX_LISTED).map((c) => c.id);
    io.err(
      `Note: ${unplaced.length} customer(s) without a purchase (only refunds) have no prediction: ${ids.join(', ')}${unplaced.length > MAX_LISTED ? ' ...' : ''}\n`,
    );
  }
  if (paramsOut) {
    const json = JSON.stringify({ bgnbd: bg, gammagamma: gg, unit, uniqueRows: model.uniqueRows }, null, 2);
    await replaceFile(paramsOut, (fd) => writeBytes(fd, Buffer.from(`${json}\n`, 'utf8')));
    io.err(`Wrote the parameters to ${paramsOut.given}\n`);
  }
  const keys = ['p_alive', 'expected_purchases', 'expected_average_order', 'clv'] as const;
  return {
    headers: ['customer_id', 'frequency', 'recency', 'T', 'monetary', ...keys, ...(asOf === undefined ? [] : ['holdout_purchases'])],
    rows: rolled.customers.map((c) => {
      const p = predictClv(model, c, { horizon, unit, discountRate, margin });
      const predicted = p ? [p.pAlive, p.expectedPurchases, p.expectedAverageOrder, p.clv] : keys.map(() => null);
      const row: OutCell[] = [c.id, c.x, c.tx, c.T, c.monetary, ...predicted].map(tidy);
      return asOf === undefined ? row : [...row, c.holdout];
    }),
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
    if (args.command === 'sql') {
      io.out(printSql(args, lang));
      return 0;
    }
    // --out is checked before the input is read, so a mistake there costs nothing and writes nothing.
    const target = args.options.out === undefined ? undefined : checkOutput(args.options.out, args.file);
    const paramsOut =
      args.options['params-out'] === undefined ? undefined : checkOutput(args.options['params-out'], args.file, '--params-out');
    if (paramsOut && target && paramsOut.file === target.file) throw usageError('--params-out and --out must be different files.');
    // DuckDB is loaded only when asked for: the in-memory engine needs no native package.
    const result =
      args.command === 'clv'
        ? await clv(args, io, paramsOut)
        : args.options.engine === 'duckdb'
          ? await (await import('./duckdb')).duckDbCommand(args, io, lang)
          : await inMemory(args, io, lang);
    await writeTable(target, result, io.out);
    if (target !== undefined) io.err(`${cliSay(lang, 'wrote', { count: result.rows.length, file: target.given })}\n`);
    return 0;
  } catch (err) {
    if (err instanceof CliError) {
      io.err(`customer-tiers: ${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof SqlUnsupported) {
      io.err(`customer-tiers: ${err.message}\n`);
      return 2;
    }
    io.err(`customer-tiers: unexpected error: ${(err as Error).stack ?? err}\n`);
    return 3;
  }
}
