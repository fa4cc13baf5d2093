/** The command line's own words around the engine's messages, in English and Chinese (--lang). */
import type { LocalNames } from '../engine/labels';
import type { Lang } from '../engine/types';
import { localText } from '../i18n/fill';

const WORDS = {
  row: ['Row {row}', '第 {row} 行'],
  rowColumn: ['Row {row}, column "{column}"', '第 {row} 行，“{column}”列'],
  more: ['... and {count} more.', '……另有 {count} 条。'],
  leftOut: ['Warning: {count} row(s) left out:', '警告：已跳过 {count} 行：'],
  unreadable: [
    '{count} row(s) cannot be read (row numbers as in the file, the header is row 1):',
    '有 {count} 行无法读取（行号与文件一致，表头为第 1 行）：',
  ],
  fixThem: [
    'Fix them, or pass --skip-bad-rows to leave them out. Nothing was written.',
    '请修正这些行，或加上 --skip-bad-rows 跳过它们。未写出任何文件。',
  ],
  unplaced: ['Note: {count} customer(s) could not be placed:', '注意：有 {count} 位客户无法分级：'],
  wrote: ['Wrote {count} rows to {file}', '已写出 {count} 行到 {file}'],
} satisfies Record<string, LocalNames>;

export function cliSay(lang: Lang, key: keyof typeof WORDS, vars: Record<string, string | number> = {}): string {
  return localText(WORDS[key], lang, vars);
}
