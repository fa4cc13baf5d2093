/**
 * What differs between the SQL dialects the generator writes: quoting, casts and date arithmetic.
 * Everything else in src/sql is plain SQL both accept (CTEs, CASE, window functions with explicit
 * ROWS frames).
 */

export type Dialect = 'bigquery' | 'duckdb';
export const DIALECTS: readonly Dialect[] = ['bigquery', 'duckdb'];

export interface DialectOps {
  /** A column name as an identifier. */
  id(name: string): string;
  /** A table reference ("project.dataset.table", "schema.table", "table"). */
  table(ref: string): string;
  /** A string literal. */
  str(text: string): string;
  /** A floating-point literal (DuckDB would read 0.8 as a DECIMAL). */
  num(x: number): string;
  /** A date literal from YYYY-MM-DD. */
  date(iso: string): string;
  /** A cell read as a number: NULL when blank or not a number. */
  toNumber(expr: string): string;
  /** A cell read as a date: NULL when blank or not a date. */
  toDate(expr: string): string;
  /** A cell as trimmed text. */
  toText(expr: string): string;
  /** Whole days from date `from` to date `to`. */
  daysBetween(from: string, to: string): string;
  /** A sum added up in the order of `order` (BigQuery has no ordered SUM: there it is a plain SUM). */
  orderedSum(expr: string, order: string): string;
  /** The first non-null value of `expr` in the order of `order` (an aggregate). */
  firstOf(expr: string, order: string): string;
  /** `*` of a relation without some columns. */
  allBut(alias: string, columns: readonly string[]): string;
  double: string;
  text: string;
}

const escapeBackslashed = (text: string) => text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n');

const bigquery: DialectOps = {
  id: (name) => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``,
  // One pair of backticks around the whole path is how the BigQuery console writes it.
  table: (ref) => `\`${ref.replace(/`/g, '')}\``,
  str: (text) => `'${escapeBackslashed(text)}'`,
  num: (x) =>
    Number.isInteger(x) && Math.abs(x) < 1e15 ? `${x}.0` : Number.isFinite(x) ? String(x) : `CAST('${x > 0 ? '' : '-'}inf' AS FLOAT64)`,
  date: (iso) => `DATE '${iso}'`,
  toNumber: (e) => `SAFE_CAST(${e} AS FLOAT64)`,
  // A DATE, a TIMESTAMP (its UTC day), YYYY-MM-DD text or YYYYMMDD (as CDNOW exports write it).
  toDate: (e) => `COALESCE(SAFE_CAST(LEFT(CAST(${e} AS STRING), 10) AS DATE), SAFE.PARSE_DATE('%Y%m%d', CAST(${e} AS STRING)))`,
  toText: (e) => `TRIM(CAST(${e} AS STRING))`,
  daysBetween: (from, to) => `DATE_DIFF(${to}, ${from}, DAY)`,
  orderedSum: (expr) => `SUM(${expr})`,
  firstOf: (expr, order) => `ARRAY_AGG(${expr} IGNORE NULLS ORDER BY ${order} LIMIT 1)[SAFE_OFFSET(0)]`,
  allBut: (alias, columns) => `${alias}.* EXCEPT (${columns.join(', ')})`,
  double: 'FLOAT64',
  text: 'STRING',
};

const duckdb: DialectOps = {
  id: (name) => `"${name.replace(/"/g, '""')}"`,
  table: (ref) =>
    ref
      .split('.')
      .map((part) => `"${part.replace(/"/g, '""')}"`)
      .join('.'),
  str: (text) => `'${text.replace(/'/g, "''")}'`,
  // From text: DuckDB reads 0.8 as a DECIMAL, and a long decimal would then be divided, not parsed.
  num: (x) => `CAST('${String(x)}' AS DOUBLE)`,
  date: (iso) => `DATE '${iso}'`,
  toNumber: (e) => `TRY_CAST(${e} AS DOUBLE)`,
  toDate: (e) => `COALESCE(TRY_CAST(LEFT(CAST(${e} AS VARCHAR), 10) AS DATE), CAST(TRY_STRPTIME(CAST(${e} AS VARCHAR), '%Y%m%d') AS DATE))`,
  toText: (e) => `TRIM(CAST(${e} AS VARCHAR))`,
  daysBetween: (from, to) => `date_diff('day', ${from}, ${to})`,
  orderedSum: (expr, order) => `SUM(${expr} ORDER BY ${order})`,
  firstOf: (expr, order) => `arg_min(${expr}, ${order}) FILTER (WHERE ${expr} IS NOT NULL)`,
  allBut: (alias, columns) => `${alias}.* EXCLUDE (${columns.join(', ')})`,
  double: 'DOUBLE',
  text: 'VARCHAR',
};

export const DIALECT_OPS: Record<Dialect, DialectOps> = { bigquery, duckdb };
