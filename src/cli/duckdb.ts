/**
 * `--engine duckdb`: the same command run as SQL by DuckDB, straight on the CSV or Parquet file
 * (src/sql writes the query from the same settings as the in-memory engine, so the output is the
 * same). DuckDB is a native package: it is loaded only here, and only when asked for.
 */
import * as fs from 'node:fs';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { Lang } from '../engine/types';
import type { DetailKey, OutputKey } from '../pipeline/types';
import { DIALECT_OPS } from '../sql/dialect';
import { checkSqlCanTier, customerValuesSql, tieringSql, type SqlOptions } from '../sql/tiers';
import { computedCuts } from '../engine/abc';
import { groupTooSmall } from '../engine/groups';
import { placementMethod } from '../settings/settings';
import { issueText } from '../i18n/issues';
import type { Command, ParsedArgs } from './args';
import { CliError, type CliTable, detectDelimiter, fsMessage, isWhitespaceSeparated, type OutCell } from './io';
import { headerFinder, outCell, planCommand, planOutput, type Plan } from './plan';

const d = DIALECT_OPS.duckdb;
/** Days from the Sheets epoch (1899-12-30) to the Unix epoch, which DuckDB counts dates from. */
const UNIX_EPOCH_SERIAL = 25569;
const MAX_LISTED = 20;

/** The query's column for each output key. */
const SQL_COLUMN: Record<OutputKey | DetailKey, string> = {
  value: 'value',
  tier: 'tier',
  rank: 'tier_rank',
  share: 'cumulative_share',
  score: 'score',
  exactScore: 'score',
  group: 'value_group',
  netValue: 'net_value',
  rfm: 'rfm',
  segment: 'segment',
  r: 'r',
  f: 'f',
  m: 'm',
  orders: 'orders',
  firstOrder: 'first_order',
  lastOrder: 'last_order',
  recencyDays: 'recency_days',
  change: 'change',
  // Predicted value has no SQL form (see tieringSql); named for completeness.
  pAlive: 'p_alive',
  expectedPurchases: 'expected_purchases',
  expectedAverageOrder: 'expected_average_order',
  predictedValue: 'clv',
  growthGap: 'growth_gap',
  within: 'customer_group',
};

/** A DuckDB value as the in-memory engine holds it: numbers, text, dates as serial days. */
function plain(v: DuckDBValue): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object' && 'days' in v) return (v as { days: number }).days + UNIX_EPOCH_SERIAL;
  return String(v);
}

/** The file as a relation DuckDB reads: Parquet, or CSV with every cell as text (cells are read as the SQL says). */
function inputRelation(file: string): { relation: string; csv: boolean } {
  let head: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    head = Buffer.alloc(64 * 1024);
    head = head.subarray(0, fs.readSync(fd, head, 0, head.length, 0));
    fs.closeSync(fd);
  } catch (err) {
    throw new CliError(fsMessage(err, file, 'read'));
  }
  const path = d.str(file);
  if (head.subarray(0, 4).toString('latin1') === 'PAR1') return { relation: `read_parquet(${path})`, csv: false };
  if (head[0] === 0x50 && head[1] === 0x4b) {
    throw new CliError(`--engine duckdb reads CSV and Parquet files; ${file} is a workbook. Leave out --engine duckdb to read it.`, 2);
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new CliError(`--engine duckdb reads UTF-8 CSV; ${file} is UTF-16. Leave out --engine duckdb to read it.`, 2);
  }
  // The first complete lines decide the format, as for the in-memory reader.
  let text = head.toString('utf8').replace(/^\ufeff/, '');
  if (head.length === 64 * 1024) text = text.slice(0, Math.max(0, text.lastIndexOf('\n')));
  if (isWhitespaceSeparated(text)) {
    // Runs of spaces (the CDNOW layout): each line read whole and split.
    const headers = text.trim().split(/\r?\n/, 1)[0].trim().split(/\s+/);
    const fields = headers.map((h, i) => `p[${i + 1}] AS ${d.id(h)}`).join(', ');
    const lines = `read_csv(${path}, columns = {'line': 'VARCHAR'}, header = false, delim = '\u0001', quote = '', escape = '', skip = 1)`;
    return {
      relation: `(SELECT ${fields} FROM (SELECT regexp_split_to_array(trim(line), '\\s+') AS p FROM ${lines} WHERE trim(line) <> ''))`,
      csv: true,
    };
  }
  const delim = d.str(detectDelimiter(text));
  return {
    relation: `read_csv(${path}, header = true, all_varchar = true, delim = ${delim}, quote = '"', escape = '"', null_padding = true)`,
    csv: true,
  };
}

async function rows(conn: DuckDBConnection, sql: string): Promise<Record<string, DuckDBValue>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjects();
}

/**
 * Cells the query would read as blank though they hold something: the rows they are on (file
 * rows, header = 1), as the in-memory engine reports them, or stops on them.
 */
async function unreadableRows(conn: DuckDBConnection, plan: Plan): Promise<{ rows: number[]; count: number }> {
  const { settings, used } = plan;
  const orders = settings.source.layout === 'orders';
  const text = (h: string) => `NULLIF(TRIM(CAST(${d.id(h)} AS VARCHAR)), '')`;
  const checks: string[] = [];
  for (const [role, header] of Object.entries(used)) {
    // Ids and groups are text: any cell reads.
    if (role === 'id' || role === 'group') continue;
    const read = role === 'date' ? d.toDate(text(header)) : d.toNumber(text(header));
    const finite = role === 'date' ? `${read} IS NULL` : `(${read} IS NULL OR NOT ABS(${read}) <= 1e300)`;
    checks.push(`(${text(header)} IS NOT NULL AND ${finite})`);
  }
  if (orders) {
    // A row of an orders list with some of id, amount and date but not all is unusable too.
    const parts = Object.entries(used)
      .filter(([role]) => ['id', 'value', 'amount', 'date'].includes(role))
      .map(([, h]) => text(h));
    checks.push(`(${parts.map((p) => `${p} IS NULL`).join(' OR ')}) AND NOT (${parts.map((p) => `${p} IS NULL`).join(' AND ')})`);
  }
  const where = checks.join(' OR ');
  const found = await rows(
    conn,
    `SELECT rowid + 2 AS line, COUNT(*) OVER () AS n FROM input WHERE ${where} ORDER BY rowid LIMIT ${MAX_LISTED}`,
  );
  return { rows: found.map((r) => Number(r.line)), count: found.length ? Number(found[0].n) : 0 };
}

/** Groups too small for the method got no tiers (as in memory): says so once per group, in the engine's words. */
function noteSmallGroups(
  plan: Plan,
  rows: readonly DuckDBValue[][],
  groupAt: number,
  io: { err: (text: string) => void },
  lang: Lang,
): void {
  const method = placementMethod(plan.settings);
  const sizes = new Map<string, number>();
  // One row per customer (an orders list rolled up, or a customers table): a group's rows are its customers.
  for (const row of rows) sizes.set(String(row[groupAt]), (sizes.get(String(row[groupAt])) ?? 0) + 1);
  const notes = [...sizes].flatMap(([group, count]) => {
    const tooSmall = groupTooSmall(group, count, method);
    return tooSmall ? [`  ${issueText(tooSmall, lang)}`] : [];
  });
  if (notes.length) io.err(`Note: ${notes.length} group(s) could not be placed:\n${notes.join('\n')}\n`);
}

/** Runs a tier, rfm or value-groups command with DuckDB and returns the table the in-memory engine would write. */
export async function duckDbCommand(args: ParsedArgs, io: { err: (text: string) => void }, lang: Lang): Promise<CliTable> {
  if (args.options.sheet !== undefined) throw new CliError('--sheet applies to XLSX files, which --engine duckdb does not read.', 2);
  const { relation } = inputRelation(args.file!);
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    try {
      await conn.run(`CREATE TEMP TABLE input AS SELECT * FROM ${relation}`);
    } catch (err) {
      throw new CliError(`${args.file}: DuckDB cannot read it: ${(err as Error).message.split('\n')[0]}`);
    }
    const headers = (await rows(conn, 'DESCRIBE input')).map((r) => String(r.column_name));
    const plan = planCommand(args.command as Command, headerFinder(headers, args.options), args.options, lang);
    checkSqlCanTier(plan.settings);
    const bad = await unreadableRows(conn, plan);
    if (bad.count > 0) {
      const listed = `rows ${bad.rows.join(', ')}${bad.count > bad.rows.length ? ` and ${bad.count - bad.rows.length} more` : ''}`;
      if (!args.flags.has('skip-bad-rows')) {
        throw new CliError(
          `${bad.count} row(s) cannot be read (${listed}; the header is row 1): a blank or unreadable value in a column used. Fix them, or pass --skip-bad-rows to leave them out. Nothing was written.`,
        );
      }
      io.err(`Warning: ${bad.count} row(s) left out (${listed}).\n`);
    }
    const options: SqlOptions = { dialect: 'duckdb', from: '(SELECT *, rowid AS ct_file_row FROM input)', lang, rowOrder: 'ct_file_row' };
    const { settings } = plan;
    if (settings.mode === 'abc' && settings.abc.method === 'computed') {
      // Computed ABC in two queries: the values, largest first; the limits found by the engine's own code; then the tiers.
      const columns = (await conn.runAndReadAll(customerValuesSql(settings, options))).getColumns();
      const cutsOf = (values: readonly DuckDBValue[]) => computedCuts(Float64Array.from(values, (v) => Number(v))).cuts;
      if (!settings.groupBy) options.computedCuts = cutsOf(columns[0] ?? []);
      else {
        // Within groups: each group's limits from its own values (they come key first, largest first).
        const [keys = [], values = []] = columns;
        const byGroup = new Map<string, DuckDBValue[]>();
        keys.forEach((key, i) => {
          const list = byGroup.get(String(key)) ?? byGroup.set(String(key), []).get(String(key))!;
          list.push(values[i]);
        });
        options.computedCuts = new Map([...byGroup].map(([key, list]) => [key, cutsOf(list)]));
      }
    }
    const sql = tieringSql(settings, options);
    const result = await conn.runAndReadAll(sql);
    const names = result.columnNames();
    const index = new Map(names.map((n, i) => [n, i]));
    const out: OutCell[][] = [];
    const keyColumns = plan.keys.map((k) => ({ key: k, at: index.get(SQL_COLUMN[k])! }));
    const output = planOutput(plan, headers, lang);
    const inputColumns = plan.perCustomer ? [index.get('customer_id')!] : output.kept.map((j) => index.get(headers[j])!);
    for (const row of result.getRows()) {
      const cells: OutCell[] = inputColumns.map((at) => plain(row[at]));
      for (const { key, at } of keyColumns) cells.push(outCell(key, plain(row[at])));
      out.push(cells);
    }
    if (settings.groupBy) noteSmallGroups(plan, result.getRows(), index.get(SQL_COLUMN.within)!, io, lang);
    // As in memory: a run that placed no one writes nothing.
    const label = plan.keys.findIndex((k) => k === 'tier' || k === 'group' || k === 'segment') + inputColumns.length;
    if (out.every((r) => r[label] === null)) {
      throw new CliError('Nothing to work on: no row has a readable value. Nothing was written.');
    }
    return { headers: output.headers, rows: out, formats: output.formats, fills: output.fills };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
