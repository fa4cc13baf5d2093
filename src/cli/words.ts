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
  nothingLeftRows: [
    'Nothing to {what}: every row with a value was left out (see the list above). Nothing was written.',
    '没有可{what}的客户：所有有值的行都被跳过了（见上方列表）。未写出任何文件。',
  ],
  nothingLeftColumn: [
    'Nothing to {what}: column "{column}" has no values. Nothing was written.',
    '没有可{what}的客户：“{column}”列没有任何值。未写出任何文件。',
  ],
  allAfterAsOf: [
    'Nothing to {what}: every order is dated after --as-of {asOf}. Nothing was written.',
    '没有可{what}的客户：所有订单都晚于 --as-of {asOf}。未写出任何文件。',
  ],
  laterOrders: [
    'Warning: {count} order(s) dated after --as-of {asOf} left out (rows {rows}).',
    '警告：已跳过 {count} 笔晚于 --as-of {asOf} 的订单（行号 {rows}）。',
  ],
  noTopTier: [
    "Note: no customer reached the top tier ({label}: {cut} or more); threshold cuts are amounts in your values' units (--cuts).",
    '注意：没有客户达到最高等级（{label}：{cut} 及以上）；阈值分界是与您的数据同单位的金额（--cuts）。',
  ],
  andMore: [' and {count} more', '，另有 {count} 行'],
  noMgc: ['Note: no MGC group: {reason}', '注意：没有 MGC 分组：{reason}'],
  what: ['tier', '分级'],
  whatScore: ['score', '评分'],
  whatGroup: ['group', '分组'],
  whatPredict: ['predict', '预测'],
} satisfies Record<string, LocalNames>;

export function cliSay(lang: Lang, key: keyof typeof WORDS, vars: Record<string, string | number> = {}): string {
  return localText(WORDS[key], lang, vars);
}
