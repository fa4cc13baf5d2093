/** Command-line arguments: `customer-tiers COMMAND FILE --option value ...`. */
import { CliError } from './io';

export type Command = 'tier' | 'rfm' | 'value-groups' | 'clv';

export interface ParsedArgs {
  command: Command | 'sql' | 'help';
  /** For `sql`: the command whose query is printed. */
  sqlOf?: Command;
  file?: string;
  options: Record<string, string>;
  flags: Set<string>;
}

const COMMON = ['out', 'sheet', 'lang', 'engine', 'group-column'];
const OPTIONS: Record<Command, string[]> = {
  tier: [...COMMON, 'value-column', 'id-column', 'method', 'cuts', 'labels'],
  rfm: [...COMMON, 'id-column', 'date-column', 'amount-column', 'as-of'],
  'value-groups': [
    ...COMMON,
    'value-column',
    'cost-column',
    'potential-column',
    'id-column',
    'mvc-share',
    'potential',
    'date-column',
    'horizon',
    'as-of',
  ],
  // One model on the whole base, in memory, with the issue's English column names (see NOT_FOR).
  clv: [
    'out',
    'sheet',
    'id-column',
    'date-column',
    'amount-column',
    'calibration-end',
    'horizon',
    'unit',
    'discount-rate',
    'margin',
    'params-out',
  ],
};
const REQUIRED: Record<Command, string[]> = {
  tier: ['value-column'],
  rfm: ['id-column', 'date-column', 'amount-column'],
  'value-groups': ['value-column'],
  clv: ['id-column', 'date-column', 'amount-column'],
};
/** Options a command takes no part of, and why (rather than "unknown option"). */
const NOT_FOR: Partial<Record<Command, Record<string, string>>> = {
  clv: {
    engine: 'clv runs in memory only: the model fit has no SQL form.',
    'group-column': 'clv fits one model on all customers; tiers within groups are for tier, rfm and value-groups.',
    lang: 'clv writes its columns under fixed English names (customer_id, p_alive, clv...).',
  },
};
const FLAGS = ['help', 'skip-bad-rows'];
/** `sql COMMAND` takes the command's column and method options, and names the table instead of a file. */
const SQL_OPTIONS = ['dialect', 'table'];
const FILE_ONLY = ['out', 'sheet', 'engine'];

export const USAGE = `Usage: customer-tiers COMMAND FILE [options]

Commands:
  tier FILE --value-column COL [--id-column COL] [--method pareto|rank|threshold|computed]
            [--cuts 0.8,0.95] [--labels A,B,C]
      ABC tiers by value. With --id-column, rows of the same customer are added up first and
      the output has one row per customer, best first; without it, every input row gets its tier.
  rfm ORDERS --id-column COL --date-column COL --amount-column COL [--as-of YYYY-MM-DD]
      Rolls an orders list up per customer: recency, frequency, monetary, their 1-5 scores,
      the RFM code and the segment.
  value-groups FILE --value-column COL [--cost-column COL] [--potential-column COL] [--id-column COL]
               [--mvc-share 0.2]
      MVC (most valuable), MGC (most growable), Maintain and BZ (below zero) per row. With
      --id-column, an orders list: value and cost are added up per customer (potential: the
      largest), and the output has one row per customer.
  value-groups ORDERS --id-column COL --date-column COL --value-column COL --potential predicted
               [--horizon 39] [--as-of YYYY-MM-DD] [--cost-column COL] [--mvc-share 0.2]
      MGC from predicted value instead of a potential column: growth gap = the customer's
      predicted value over the next --horizon weeks (BG/NBD and Gamma-Gamma, as in clv, 1%
      monthly discount) minus what they spent in the --horizon weeks up to --as-of (default: the
      last order); MGC = the top 20% of the rest by a gap above 0. Adds the predicted_value and
      growth_gap columns. Too few repeat customers to fit the models: no MGC, and a note says why.
  sql tier|rfm|value-groups --table PROJECT.DATASET.TABLE [--dialect bigquery|duckdb] [the command's options]
      Prints the same tiers as one SQL query (default BigQuery; DuckDB) that reads the table and
      returns what the command would write. Columns are used as named: give the exact column names.
  clv ORDERS --id-column COL --date-column COL --amount-column COL [--calibration-end YYYY-MM-DD]
      [--horizon 39] [--unit weeks|days] [--discount-rate 0.01] [--margin 1] [--params-out FILE]
      Predicted customer value (BG/NBD and Gamma-Gamma models): per customer frequency (repeat
      purchase days), recency, T, monetary (mean repeat purchase), p_alive, expected_purchases
      and expected_average_order over the horizon (in --unit; default 39 weeks or 273 days), and
      clv (discounted monthly by --discount-rate, times --margin). Orders after --calibration-end
      are left out of the fit and counted per customer in a holdout column. The fitted parameters
      go to standard error, and as JSON to --params-out.

Options:
  --out FILE        write CSV or XLSX (by the extension); default: CSV to standard output.
                    Never the input file; a read-only file is kept; replaced only on success
  --sheet NAME      the sheet to read from an XLSX file (default: the first)
  --engine duckdb   run the same tiers as SQL in DuckDB, straight on a CSV or Parquet file
                    (default: memory); plain numbers and YYYY-MM-DD or YYYYMMDD dates
  --lang en|zh      labels and headers in English (default) or Chinese
  --group-column COL  tier within each group of this column (region, sales rep): every method
                    runs on each group's customers alone; the output gets a Group column
                    (in SQL and --engine duckdb: PARTITION BY the group)
  --skip-bad-rows   leave out unreadable rows (listed on standard error) instead of stopping
  --help            this text

Input: CSV (comma, semicolon, tab, | or space separated; UTF-8, UTF-16 with BOM or GB18030) or XLSX.
Columns are named by their header text; case, spaces and punctuation do not matter, and a
unique part of a header is enough ("Amount" finds "金额 Amount").
Exit codes: 0 done, 1 bad input (nothing written), 2 bad command line or --out.`;

const usageError = (message: string) => new CliError(`${message}\n\n${USAGE}`, 2);

/** Parses argv (without node and the script). Throws CliError (exit 2) on anything unknown. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const options: Record<string, string> = {};
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq > 0 ? eq : undefined);
    if (FLAGS.includes(name)) {
      if (eq > 0) throw usageError(`--${name} takes no value.`);
      flags.add(name);
      continue;
    }
    const value: string | undefined = eq > 0 ? arg.slice(eq + 1) : argv[i + 1];
    if (eq < 0) {
      if (value === undefined || value.startsWith('--')) throw usageError(`--${name} needs a value.`);
      i++;
    }
    options[name] = value;
  }
  if (flags.has('help') || positional.length === 0) return { command: 'help', options, flags };

  if (positional[0] === 'sql') return parseSql(positional, options, flags);
  const command = positional[0] as Command;
  if (!(command in OPTIONS)) throw usageError(`Unknown command "${positional[0]}".`);
  for (const name of Object.keys(options)) {
    const why = NOT_FOR[command]?.[name];
    if (why) throw usageError(`--${name} does not apply to ${command}: ${why}`);
    if (!OPTIONS[command].includes(name)) throw usageError(`Unknown option --${name} for ${command}.`);
  }
  if (positional.length < 2) throw usageError(`${command} needs an input file.`);
  if (positional.length > 2) throw usageError(`Unexpected argument "${positional[2]}": give one input file.`);
  for (const name of REQUIRED[command]) {
    if (!options[name]) throw usageError(`${command} needs --${name}.`);
  }
  if (options.lang !== undefined && options.lang !== 'en' && options.lang !== 'zh') {
    throw usageError(`--lang must be en or zh, not "${options.lang}".`);
  }
  if (options.engine !== undefined && options.engine !== 'memory' && options.engine !== 'duckdb') {
    throw usageError(`--engine must be memory or duckdb, not "${options.engine}".`);
  }
  return { command, file: positional[1], options, flags };
}

function parseSql(positional: string[], options: Record<string, string>, flags: Set<string>): ParsedArgs {
  const of = positional[1] as Command;
  if (of === 'clv') throw usageError('clv has no SQL form: the predicted-value model is fitted in memory (customer-tiers clv FILE ...).');
  if (!(of in OPTIONS))
    throw usageError(`sql needs a command: sql tier, sql rfm or sql value-groups${positional[1] ? `, not "${positional[1]}"` : ''}.`);
  if (positional.length > 2) throw usageError(`Unexpected argument "${positional[2]}": sql reads a table (--table), not a file.`);
  const allowed = [...OPTIONS[of].filter((o) => !FILE_ONLY.includes(o)), ...SQL_OPTIONS];
  for (const name of Object.keys(options)) {
    if (!allowed.includes(name)) throw usageError(`Unknown option --${name} for sql ${of}.`);
  }
  for (const name of [...REQUIRED[of], 'table']) {
    if (!options[name]) throw usageError(`sql ${of} needs --${name}.`);
  }
  if (options.dialect !== undefined && options.dialect !== 'bigquery' && options.dialect !== 'duckdb') {
    throw usageError(`--dialect must be bigquery or duckdb, not "${options.dialect}".`);
  }
  if (flags.has('skip-bad-rows')) throw usageError('--skip-bad-rows applies to files; the query leaves unreadable cells out by itself.');
  if (options.lang !== undefined && options.lang !== 'en' && options.lang !== 'zh') {
    throw usageError(`--lang must be en or zh, not "${options.lang}".`);
  }
  return { command: 'sql', sqlOf: of, options, flags };
}

/** A comma-separated list of numbers ("0.8,0.95"), or a usage error naming the option. */
export function numberList(text: string, option: string): number[] {
  const parts = text.split(',').map((p) => p.trim());
  const numbers = parts.map(Number);
  const bad = parts.findIndex((p, i) => p === '' || !Number.isFinite(numbers[i]));
  if (bad >= 0) throw usageError(`--${option}: "${parts[bad]}" is not a number; write numbers separated by commas, e.g. 0.8,0.95.`);
  return numbers;
}

export { usageError };
