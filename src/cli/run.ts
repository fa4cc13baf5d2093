/** The customer-tiers commands: read a table, run the engine, write the result. */
import type { Cell, Lang, RowIssue } from '../engine/types';
import { issueText } from '../i18n/issues';
import { dateFromSerialDay, parseAmountColumn, parseDate } from '../engine/cells';
import { abcTiers, validateAbcOptions, type AbcMethod } from '../engine/abc';
import { rollupOrders } from '../engine/rollup';
import { rfmScores, rfmSegments } from '../engine/rfm';
import { valueGroups } from '../engine/valueGroups';
import { localName, RFM_SEGMENT_NAMES, VALUE_GROUP_NAMES } from '../engine/labels';
import { numberList, parseArgs, usageError, USAGE, type ParsedArgs } from './args';
import { checkOutput, CliError, findColumn, readTable, writeTable, type OutCell, type Table } from './io';

/** A problem with a row: the engine's (as data), or the file reader's own (ragged rows, merged cells...), as text. */
type CliIssue = RowIssue | { row: number; column?: string; text: string };

/** Where the CLI prints; tests and the bin shim pass process streams. */
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

const HEADERS = {
  en: { tier: 'Tier', rank: 'Rank', share: 'Cumulative share', total: 'Total', firstOrder: 'First order', lastOrder: 'Last order', orders: 'Orders', recency: 'Recency (days)', rfm: 'RFM', segment: 'Segment', netValue: 'Net value', group: 'Value group' },
  zh: { tier: '等级', rank: '排名', share: '累计占比', total: '总额', firstOrder: '首次下单', lastOrder: '最近下单', orders: '订单数', recency: '距今天数', rfm: 'RFM', segment: '客户分群', netValue: '净值', group: '价值分组' },
};

const MAX_LISTED = 20;
/** Floating-point sums such as 0.1 + 0.2 printed as 0.3. */
const tidy = (x: number | null): number | null => (x === null ? null : Math.round(x * 1e6) / 1e6);

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
    return `  Row ${table.rowNumbers[issue.row]}${column}: ${text.replace(/([^.!?])$/, '$1.')}`;
  });
  if (sorted.length > MAX_LISTED) lines.push(`  ... and ${sorted.length - MAX_LISTED} more.`);
  const rows = new Set(issues.map((i) => i.row)).size;
  if (args.flags.has('skip-bad-rows')) {
    io.err(`Warning: ${rows} row(s) left out:\n${lines.join('\n')}\n`);
    return;
  }
  throw new CliError(`${rows} row(s) cannot be read (row numbers as in the file, the header is row 1):\n${lines.join('\n')}\nFix them, or pass --skip-bad-rows to leave them out. Nothing was written.`);
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
const column = (table: Table, index: number, bad: ReadonlySet<number> = new Set()): Cell[] =>
  table.rows.map((r, i) => (bad.has(i) ? null : r[index] ?? null));

/** The command found no value to work on: exit 1 rather than write an empty result. */
function nothingLeft(what: string, header: string, issues: CliIssue[]): CliError {
  const why = issues.length > 0 ? 'every row with a value was left out (see the list above)' : `column "${header}" has no values`;
  return new CliError(`Nothing to ${what}: ${why}. Nothing was written.`);
}


const isBlank = (cell: Cell) => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

/** Customer id text of a cell ('' when blank), as the engine's order roll-up reads ids. */
function idText(cell: Cell): string {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return isBlank(cell) ? '' : String(cell).trim();
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
  if (!checked.ok) throw usageError(`${issueText(checked.issue, 'en')}.`);
  const valueIndex = findColumn(table.headers, options['value-column'], '--value-column');
  const idIndex = options['id-column'] === undefined ? -1 : findColumn(table.headers, options['id-column'], '--id-column');
  const valueHeader = table.headers[valueIndex];
  const used: Record<string, number> = idIndex >= 0 ? { value: valueIndex, id: idIndex } : { value: valueIndex };
  const { issues, bad } = readProblems(table, used);
  const valueCells = column(table, valueIndex, bad);
  const parsed = parseAmountColumn(valueCells, 'value');
  issues.push(...parsed.issues);

  // With an id column, add up each customer's rows first (an orders list becomes customers). As
  // in the engine's order roll-up, a blank or unreadable amount is an issue, never 0, and a row
  // that is blank in both columns is skipped.
  let ids: string[] | null = null;
  let values = parsed.values;
  if (idIndex >= 0) {
    const idCells = column(table, idIndex, bad);
    const totals = new Map<string, number>();
    table.rows.forEach((_, i) => {
      const id = idText(idCells[i]);
      const blankValue = isBlank(valueCells[i]);
      if (id === '' && blankValue) return;
      if (id === '') issues.push({ row: i, column: 'id', code: 'rollup.idBlank' });
      if (blankValue) issues.push({ row: i, column: 'value', code: 'rollup.amountBlank' });
      const v = parsed.values[i];
      if (id === '' || v === null) return;
      totals.set(id, (totals.get(id) ?? 0) + v);
    });
    ids = [...totals.keys()];
    values = [...totals.values()];
  }
  reportIssues(issues, table, { value: valueHeader, id: table.headers[idIndex] }, args, io);
  if (!values.some((v) => v !== null)) throw nothingLeft('tier', valueHeader, issues);

  const result = abcTiers(values, checked.value);
  const h = HEADERS[lang];
  const tierCells = (i: number): OutCell[] => {
    const t = result.tier[i];
    return [t === null ? null : result.labels[t], result.rank[i], tidy(result.cumulativeShare[i])];
  };
  if (ids) {
    const order = ids.map((_, i) => i).sort((a, b) => (result.rank[a] ?? Infinity) - (result.rank[b] ?? Infinity) || a - b);
    return {
      headers: [table.headers[idIndex], valueHeader, h.tier, h.rank, h.share],
      rows: order.map((i) => [ids![i], tidy(values[i]), ...tierCells(i)]),
    };
  }
  return {
    headers: [...table.headers, h.tier, h.rank, h.share],
    rows: table.rows.map((row, i) => [...padRow(row, table.headers.length), ...tierCells(i)]),
  };
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
  let asOf: number | undefined;
  if (options['as-of'] !== undefined) {
    const parsed = parseDate(options['as-of']);
    if (parsed.kind !== 'value' || !/^\d{4}-\d{2}-\d{2}$/.test(options['as-of'])) {
      throw usageError(`--as-of must be a date written YYYY-MM-DD, not "${options['as-of']}".`);
    }
    asOf = parsed.value;
  }
  const used = { id: idIndex, date: dateIndex, amount: amountIndex };
  const names = { id: table.headers[idIndex], date: table.headers[dateIndex], amount: table.headers[amountIndex] };
  const { issues: problems, bad } = readProblems(table, used);
  // Orders after --as-of would give negative recency: leave them out, and say so.
  const later: number[] = [];
  if (asOf !== undefined) {
    column(table, dateIndex, bad).forEach((cell, i) => {
      const d = parseDate(cell);
      if (d.kind === 'value' && d.value > asOf!) later.push(i);
    });
  }
  const skip = new Set([...bad, ...later]);
  const rolled = rollupOrders(column(table, idIndex, skip), column(table, dateIndex, skip), column(table, amountIndex, skip), { asOf });
  const issues = [...problems, ...rolled.issues];
  reportIssues(issues, table, names, args, io);
  if (later.length > 0) {
    const rows = later.slice(0, MAX_LISTED).map((i) => table.rowNumbers[i]).join(', ');
    const more = later.length > MAX_LISTED ? ` and ${later.length - MAX_LISTED} more` : '';
    io.err(`Warning: ${later.length} order(s) dated after --as-of ${options['as-of']} left out (rows ${rows}${more}).\n`);
  }
  const customers = rolled.customers;
  if (customers.length === 0) {
    if (later.length > 0 && issues.length === 0) throw new CliError(`Nothing to score: every order is dated after --as-of ${options['as-of']}. Nothing was written.`);
    throw nothingLeft('score', names.amount, issues);
  }

  const scores = rfmScores({
    recencyDays: customers.map((c) => c.recencyDays),
    frequency: customers.map((c) => (c.orders > 0 ? c.orders : null)),
    monetary: customers.map((c) => (c.orders > 0 ? c.total : null)),
  });
  const segments = rfmSegments(scores);
  const h = HEADERS[lang];
  const date = (s: number | null) => (s === null ? null : dateFromSerialDay(s));
  return {
    headers: [table.headers[idIndex], h.firstOrder, h.lastOrder, h.recency, h.orders, h.total, 'R', 'F', 'M', h.rfm, h.segment],
    rows: customers.map((c, i) => [
      c.id, date(c.firstOrder), date(c.lastOrder), c.recencyDays, c.orders, tidy(c.total),
      scores.r[i], scores.f[i], scores.m[i], scores.code[i],
      segments[i] === null ? null : localName(RFM_SEGMENT_NAMES, segments[i]!, lang),
    ]),
  };
}

async function groups(table: Table, args: ParsedArgs, io: Output, lang: Lang): Promise<{ headers: string[]; rows: OutCell[][] }> {
  const { options } = args;
  const index = (option: string) => (options[option] === undefined ? -1 : findColumn(table.headers, options[option], `--${option}`));
  const valueIndex = index('value-column');
  const costIndex = index('cost-column');
  const potentialIndex = index('potential-column');
  let mvcShare: number | undefined;
  if (options['mvc-share'] !== undefined) {
    mvcShare = numberList(options['mvc-share'], 'mvc-share')[0];
    if (!(mvcShare > 0 && mvcShare < 1)) throw usageError(`--mvc-share must be between 0 and 1 (e.g. 0.2 for 20%), not ${options['mvc-share']}.`);
  }
  const used: Record<string, number> = { value: valueIndex };
  if (costIndex >= 0) used.costToServe = costIndex;
  if (potentialIndex >= 0) used.potential = potentialIndex;
  const { issues: problems, bad } = readProblems(table, used);
  const value = parseAmountColumn(column(table, valueIndex, bad), 'value');
  const cost = costIndex < 0 ? undefined : parseAmountColumn(column(table, costIndex, bad), 'costToServe');
  const potential = potentialIndex < 0 ? undefined : parseAmountColumn(column(table, potentialIndex, bad), 'potential');
  const names = { value: table.headers[valueIndex], costToServe: table.headers[costIndex], potential: table.headers[potentialIndex] };
  const issues = [...problems, ...value.issues, ...(cost?.issues ?? []), ...(potential?.issues ?? [])];
  reportIssues(issues, table, names, args, io);
  if (!value.values.some((v) => v !== null)) throw nothingLeft('group', names.value, issues);

  const result = valueGroups({ value: value.values, costToServe: cost?.values, potential: potential?.values }, { mvcShare });
  const h = HEADERS[lang];
  return {
    headers: [...table.headers, h.netValue, h.group],
    rows: table.rows.map((row, i) => {
      const g = result.group[i];
      return [...padRow(row, table.headers.length), tidy(result.netValue[i]), g === null ? null : localName(VALUE_GROUP_NAMES, g, lang)];
    }),
  };
}

/** Runs the CLI on argv (without node and the script name) and returns the exit code. */
export async function run(argv: readonly string[], io: Output): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.command === 'help') {
      io.out(USAGE + '\n');
      return 0;
    }
    const lang: Lang = args.options.lang === 'zh' ? 'zh' : 'en';
    // --out is checked before the input is read, so a mistake there costs nothing and writes nothing.
    const target = args.options.out === undefined ? undefined : checkOutput(args.options.out, args.file);
    const table = await readTable(args.file!, args.options.sheet);
    for (const note of table.notes) io.err(note + '\n');
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
