/**
 * Every message about a bad row or a bad setting, in English and Chinese, keyed by a code. The
 * engine, the pipeline and the settings check build their English `message` from this table and
 * keep the code and its params beside it, so any caller can show the same problem in the user's
 * language with {@link issueText} and the two languages can never say different things.
 *
 * Pure: no Apps Script or Node globals (the engine imports it).
 */
import type { Lang } from '../engine/types';

/** A message as data: which text, and the values that fill its `{placeholders}`. */
export interface IssueDetail {
  code: IssueCode;
  params?: IssueParams;
}

/**
 * A placeholder's value: text or a number as it is, another message (rendered in the same
 * language, e.g. the reason a cell is unreadable inside "The amount is not readable: ..."), or a
 * list of those (joined with ", " in English and "、" in Chinese).
 */
export type IssueParam = string | number | IssueDetail | ReadonlyArray<string | number | IssueDetail>;
export type IssueParams = Readonly<Record<string, IssueParam>>;

/**
 * The texts. Conventions: cell reasons (`cell.*`) and ABC option messages (`abc.*`) have no final
 * full stop, because they are quoted inside other sentences; `term.*` are words used as params.
 */
const ISSUE_TEXTS = {
  // ---- Cells (src/engine/cells.ts): why a cell cannot be read as an amount or a date.
  'cell.sheetError': {
    en: 'the cell shows the error #{error}; fix the formula that produces it',
    zh: '单元格显示错误 #{error}，请修正产生该错误的公式',
  },
  'cell.notNumber': { en: '{value} is not a number', zh: '{value} 不是数字' },
  'cell.badSeparators': {
    en: '{value} is not a number: check its thousands and decimal separators',
    zh: '{value} 不是数字：请检查千位分隔符和小数点',
  },
  'cell.ambiguousDecimal': {
    en: '{value} is ambiguous: use a dot for decimals (e.g. {example}) and commas only between thousands',
    zh: '{value} 有歧义：小数请用小数点（如 {example}），逗号只用作千位分隔符',
  },
  'cell.unusableNumber': { en: '{value} is not a usable number', zh: '{value} 不是可用的数字' },
  'cell.booleanNotNumber': { en: '{value} is a true/false value, not a number', zh: '{value} 是逻辑值（真/假），不是数字' },
  'cell.dateNotAmount': { en: 'a date is not an amount; put amounts in this column', zh: '日期不是金额，此列应填写金额' },
  'cell.twoMinus': { en: '{value} is not a number: it has two minus signs', zh: '{value} 不是数字：含有两个负号' },
  'cell.tooLarge': { en: '{value} is too far from zero: amounts must lie within ±1e300', zh: '{value} 数值过大：金额须在 ±1e300 以内' },
  'cell.invalidDate': { en: 'the date is not valid', zh: '日期无效' },
  'cell.booleanNotDate': { en: '{value} is a true/false value, not a date', zh: '{value} 是逻辑值（真/假），不是日期' },
  'cell.notDate': { en: '{value} is not a date', zh: '{value} 不是日期' },
  'cell.notRealDateYmd': {
    en: '{value} is not a real calendar date (read as YYYYMMDD)',
    zh: '{value} 不是真实存在的日期（按 YYYYMMDD 读取）',
  },
  'cell.serialOutOfRange': {
    en: '{value} is not a date: use a date cell or YYYY-MM-DD text',
    zh: '{value} 不是日期：请使用日期格式的单元格，或填写 YYYY-MM-DD 格式的文本',
  },
  'cell.notRealDate': { en: '{value} is not a real calendar date', zh: '{value} 不是真实存在的日期' },
  'cell.ambiguousDate': {
    en: '{value} is ambiguous (day and month order); write dates as YYYY-MM-DD, e.g. {example}',
    zh: '{value} 有歧义（无法确定日和月的顺序），请按 YYYY-MM-DD 格式填写日期，如 {example}',
  },
  'cell.notRealDateUseIso': {
    en: '{value} is not a real calendar date; write dates as YYYY-MM-DD, e.g. {example}',
    zh: '{value} 不是真实存在的日期，请按 YYYY-MM-DD 格式填写日期，如 {example}',
  },
  'cell.notDateUseIso': {
    en: '{value} is not a date; write dates as YYYY-MM-DD, e.g. {example}',
    zh: '{value} 不是日期，请按 YYYY-MM-DD 格式填写日期，如 {example}',
  },

  // ---- Custom functions (src/addon/customFunctions.ts): which argument an unreadable cell is in
  'cell.inArgument': { en: '{argument}: {reason}', zh: '参数 {argument}：{reason}' },

  // ---- Order roll-up (src/engine/rollup.ts)
  'rollup.idBlank': { en: 'The customer id is blank: fill it in or delete the row.', zh: '客户编号为空：请填写，或删除此行。' },
  'rollup.idUnreadable': { en: 'The customer id is not readable.', zh: '无法读取客户编号。' },
  'rollup.dateBlank': { en: 'The order date is blank: fill it in or delete the row.', zh: '订单日期为空：请填写，或删除此行。' },
  'rollup.dateUnreadable': { en: 'The order date is not readable: {reason}.', zh: '无法读取订单日期：{reason}。' },
  'rollup.amountBlank': { en: 'The amount is blank: fill it in or delete the row.', zh: '金额为空：请填写，或删除此行。' },
  'rollup.amountUnreadable': { en: 'The amount is not readable: {reason}.', zh: '无法读取金额：{reason}。' },
  'rollup.afterAsOf': {
    en: 'The order date {date} is after the as-of date {asOf}: left out. Use a later as-of date to count it.',
    zh: '订单日期 {date} 晚于截止日期 {asOf}：未计入。如需计入，请使用更晚的截止日期。',
  },

  // ---- Weighted score, RFM, value groups, tier change
  'score.allBlank': {
    en: 'No score: every weighted indicator is blank ({dimensions}). Fill at least one, or leave the row out.',
    zh: '无法计算得分：所有有权重的指标均为空（{dimensions}）。请至少填写一项，或不计入此行。',
  },
  'rfm.incomplete': {
    en: 'No RFM code: {inputs} is blank or not a number. Fill it in to score this customer.',
    zh: '无法生成 RFM 代码：{inputs}为空或不是数字。请填写后再为此客户评分。',
  },
  'rfm.afterAsOf': {
    en: 'No recency: the last order ({date}) is after the as-of date {asOf}. Use a later as-of date.',
    zh: '无法计算最近消费时间：最近一次订单（{date}）晚于截止日期 {asOf}。请使用更晚的截止日期。',
  },
  'valueGroups.noValue': {
    en: 'No value group: the value is blank or not a number. Fill it in to group this customer.',
    zh: '无法分组：价值为空或不是数字。请填写后再为此客户分组。',
  },
  'valueGroups.costBlank': { en: 'Cost to serve is blank or not a number: counted as 0.', zh: '服务成本为空或不是数字：按 0 计算。' },
  'change.lengthMismatch': {
    en: 'The previous and current tier columns differ in length ({previous} and {current} rows); missing cells count as blank',
    zh: '上期与本期等级列的行数不同（分别为 {previous} 行和 {current} 行），缺少的单元格按空白处理',
  },
  'change.unknownTier': { en: 'Unknown tier "{label}": expected one of {expected}', zh: '未知等级“{label}”：应为 {expected} 之一' },
  'change.customerUnknownTier': { en: 'Customer "{id}": {reason}', zh: '客户“{id}”：{reason}' },
  'change.previousTierUnknown': {
    en: 'No tier change: the last snapshot\'s tier "{label}" is not one of the current tiers ({expected}).',
    zh: '无法判断等级变化：上次快照中的等级“{label}”不在当前等级（{expected}）之中。',
  },

  // ---- ABC options (src/engine/abc.ts validateAbcOptions)
  'abc.optionsNotObject': { en: 'ABC options must be an object with method, cuts and labels', zh: 'ABC 选项必须包含方法、分界点和等级名称' },
  'abc.unknownMethod': { en: 'Unknown ABC method {method}: use one of {methods}', zh: '未知的 ABC 方法 {method}：请使用 {methods} 之一' },
  'abc.computedNoCuts': { en: 'Computed ABC finds its own limits: leave the cuts empty', zh: '自动计算 ABC 会自行确定分界点：请不要填写分界点' },
  'abc.cutsEmpty': { en: 'Cuts for the {method} method must be a non-empty list of numbers', zh: '{method}方法的分界点必须是非空的数字列表' },
  'abc.cutNotNumber': { en: 'Cut {n} ({value}) is not a number', zh: '第 {n} 个分界点（{value}）不是数字' },
  'abc.cutMissing': { en: 'Cut {n} is empty: type a number', zh: '第 {n} 个分界点为空：请输入数字' },
  'abc.cutNotShare': {
    en: 'Cut {n} ({value}) must be a share between 0 and 1, e.g. 0.8 for 80%',
    zh: '第 {n} 个分界点（{value}）必须是 0 到 1 之间的比例，如 0.8 表示 80%',
  },
  'abc.cutsNotIncreasing': {
    en: 'Cuts for the {method} method must increase (cumulative shares): {cuts}',
    zh: '{method}方法的分界点是累计比例，必须逐个增大：{cuts}',
  },
  'abc.thresholdsNotDecreasing': {
    en: 'Threshold cuts must go from the highest amount down: {cuts}',
    zh: '金额阈值必须从最高金额依次递减：{cuts}',
  },
  'abc.labelsNotList': { en: 'Tier labels must be a list of names', zh: '等级名称必须是名称列表' },
  'abc.labelCountComputed': {
    en: 'Expected {count} tier labels (computed ABC always makes 3 tiers), got {got}',
    zh: '需要 {count} 个等级名称（自动计算 ABC 总是分为 3 级），但设置了 {got} 个',
  },
  'abc.labelCount': {
    en: 'Expected {count} tier labels (one more than the {cuts} cuts), got {got}',
    zh: '需要 {count} 个等级名称（比 {cuts} 个分界点多一个），但设置了 {got} 个',
  },
  'abc.labelEmpty': { en: 'Tier label {n} is empty: give every tier a name', zh: '第 {n} 个等级名称为空：请为每个等级命名' },
  'abc.labelTwice': { en: 'Tier label "{label}" is used twice: tier names must differ', zh: '等级名称“{label}”重复使用：各等级名称必须不同' },

  // ---- Settings cross-checks (src/settings/settings.ts) and the run's column checks (src/pipeline)
  'settings.tierCountMismatch': {
    en: '{cuts} cuts make {tiers} tiers, but {labels} tier labels are set; add or remove a label or a cut.',
    zh: '{cuts} 个分界点应分为 {tiers} 级，但设置了 {labels} 个等级名称；请增删等级名称或分界点。',
  },
  'settings.computedThreeTiers': {
    en: 'the computed method always makes 3 tiers (A, B, C); set 3 tier labels.',
    zh: '自动计算方法总是分为 3 级（A、B、C），请设置 3 个等级名称。',
  },
  'settings.duplicateLabel': {
    en: 'the label "{label}" is used twice; each tier needs its own label.',
    zh: '等级名称“{label}”重复使用；每个等级都需要不同的名称。',
  },
  'settings.noDimensions': {
    en: 'the weighted score needs at least one dimension (column with a weight).',
    zh: '加权评分至少需要一个指标（带权重的列）。',
  },
  'settings.allWeightsZero': {
    en: 'every weight is 0; give at least one dimension a weight above 0.',
    zh: '所有权重均为 0；请至少为一个指标设置大于 0 的权重。',
  },
  'settings.asOfNotDate': {
    en: '"{value}" is not a date; use YYYY-MM-DD or leave it empty.',
    zh: '“{value}”不是日期；请使用 YYYY-MM-DD 格式，或留空。',
  },
  'settings.rfmRulesGap': {
    en: 'scores {codes} match no rule ({count} of the 125 score combinations); widen a rule or end the list with a catch-all such as Others 1–5 / 1–5 / 1–5.',
    zh: '得分组合 {codes} 不符合任何规则（125 种组合中有 {count} 种）；请放宽某条规则，或在列表末尾加一条全覆盖规则，如“其他客户 1–5 / 1–5 / 1–5”。',
  },
  'settings.chooseColumn': { en: 'choose the {role} column.', zh: '请选择{role}列。' },
  'settings.columnMissing': {
    en: 'the {role} column "{name}" is not in the header row ({headers}); pick one of those or check the header row number.',
    zh: '表头行中没有{role}列“{name}”（表头为：{headers}）；请从中选择，或检查表头所在行号。',
  },
  'settings.notOrderMetric': {
    en: '"{name}" is neither a column of the sheet nor a per-customer figure of an orders list; pick a column, or use Total, Orders, Average order or Recency days.',
    zh: '“{name}”既不是工作表中的列，也不是订单列表可汇总出的客户指标；请选择一列，或使用 Total（消费总额）、Orders（订单数）、Average order（平均订单金额）或 Recency days（距上次下单天数）。',
  },
  'settings.tooLarge': {
    en: 'the settings take {size} KB and Google Sheets keeps at most 9 KB; shorten the playbook actions.',
    zh: '设置占用 {size} KB，而 Google 表格最多只能保存 9 KB；请缩短分级策略中的行动说明。',
  },
  'settings.unreadable': {
    en: 'The saved settings could not be read and were replaced by the defaults. Please check them and save again.',
    zh: '无法读取已保存的设置，已恢复为默认设置。请检查后重新保存。',
  },
  'settings.wrongShape': {
    en: 'The saved settings were not in the expected form and were replaced by the defaults.',
    zh: '已保存的设置格式不正确，已恢复为默认设置。',
  },
  'settings.otherVersion': {
    en: 'The saved settings came from another version ({from}) and were updated to version {to}.',
    zh: '已保存的设置来自其他版本（{from}），已更新为版本 {to}。',
  },
  'settings.reset': {
    en: 'These settings were invalid and were reset to their defaults: {sections}. Please check them and save again.',
    zh: '以下设置无效，已恢复为默认值：{sections}。请检查后重新保存。',
  },

  // ---- The settings schema's own messages (src/settings/schema.ts)
  'schema.colour': { en: 'a colour must look like #RRGGBB', zh: '颜色格式应为 #RRGGBB' },
  'schema.notEmpty': { en: 'must not be empty', zh: '不能为空' },
  'schema.tooLong': { en: 'is too long (100 characters at most)', zh: '太长了（最多 100 个字符）' },
  'schema.moreThan0': { en: 'must be more than 0', zh: '必须大于 0' },
  'schema.lessThan1': { en: 'must be less than 1', zh: '必须小于 1' },
  'schema.weightNegative': { en: 'a weight cannot be negative', zh: '权重不能为负数' },
  'schema.weightTooLarge': { en: 'a weight above 1000 is surely a typo', zh: '权重超过 1000，可能是输入错误' },
  'schema.headerRowMin': { en: 'the header row must be 1 or more', zh: '表头行号必须大于或等于 1' },
  'schema.headerRowMax': { en: 'the header row must be within the first 1000 rows', zh: '表头必须位于前 1000 行之内' },
  'schema.maxTiers': { en: 'at most 10 tiers', zh: '最多 10 个等级' },
  'schema.minTiers': { en: 'at least 2 tiers', zh: '至少 2 个等级' },
  'schema.maxDimensions': { en: 'at most 12 dimensions', zh: '最多 12 个指标' },
  'schema.dateFormat': { en: 'use the date format YYYY-MM-DD', zh: '请使用 YYYY-MM-DD 日期格式' },
  'schema.rfmScore': { en: 'an RFM score is a whole number from 1 to 5', zh: 'RFM 得分必须是 1 到 5 的整数' },
  'schema.rfmRange': { en: 'a score range is two scores, low and high', zh: '得分范围应为两个得分（下限和上限）' },
  'schema.rfmRangeOrder': { en: 'the low score must not be above the high score', zh: '下限不能高于上限' },
  'schema.rfmSegment': {
    en: 'unknown segment; use one of Champions, Loyal Customers, Potential Loyalist, New Customers, Promising, Need Attention, About To Sleep, At Risk, Can\'t Lose Them, Lost, Others',
    zh: '未知的客户细分；请使用 Champions、Loyal Customers、Potential Loyalist、New Customers、Promising、Need Attention、About To Sleep、At Risk、Can\'t Lose Them、Lost、Others 之一',
  },
  'schema.maxRfmRules': { en: 'at most 30 segment rules', zh: '最多 30 条细分规则' },
  'schema.actionTooLong': { en: 'an action is 500 characters at most', zh: '行动说明最多 500 个字符' },

  // ---- Words used as params
  'term.recency': { en: 'recency', zh: '最近消费时间' },
  'term.frequency': { en: 'frequency', zh: '消费频率' },
  'term.monetary': { en: 'monetary', zh: '消费金额' },
  'term.pareto': { en: 'pareto', zh: '帕累托' },
  'term.rank': { en: 'rank', zh: '排名' },
  'term.threshold': { en: 'threshold', zh: '阈值' },
  'term.empty': { en: 'empty', zh: '空' },
  'term.none': { en: 'none', zh: '无' },
  'term.role.customer': { en: 'customer', zh: '客户' },
  'term.role.orderDate': { en: 'order date', zh: '订单日期' },
  'term.role.amount': { en: 'amount', zh: '金额' },
  'term.role.value': { en: 'value', zh: '价值' },
  'term.role.lastPurchase': { en: 'last purchase date', zh: '最近购买日期' },
  'term.role.purchaseCount': { en: 'purchase count', zh: '购买次数' },
  'term.role.dimension': { en: 'score dimension', zh: '评分指标' },
  'term.role.cost': { en: 'cost to serve', zh: '服务成本' },
  'term.role.potential': { en: 'potential value', zh: '潜在价值' },
} satisfies Record<string, { en: string; zh: string }>;

export type IssueCode = keyof typeof ISSUE_TEXTS;

/** Both languages' template of every code, for tests and tools. */
export const ISSUE_TEXT_TABLE: Readonly<Record<IssueCode, { en: string; zh: string }>> = ISSUE_TEXTS;

/** Whether `x` is a code of the table (own keys only, so "constructor" is not a code). */
export function isIssueCode(x: unknown): x is IssueCode {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(ISSUE_TEXTS, x);
}

function renderParam(value: IssueParam, lang: Lang): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((v) => renderParam(v, lang)).join(lang === 'zh' ? '、' : ', ');
  return issueText(value as IssueDetail, lang);
}

/**
 * The text of a message in `lang`: the code's template with its params filled in (nested
 * messages in the same language). Something without a known code, such as a RowIssue made
 * outside the engine, shows its `message` unchanged; a missing param stays as `{name}`.
 */
export function issueText(issue: { code?: string; params?: IssueParams; message?: string }, lang: Lang): string {
  if (!isIssueCode(issue.code)) return issue.message ?? String(issue.code ?? '');
  const template = ISSUE_TEXTS[issue.code][lang] ?? ISSUE_TEXTS[issue.code].en;
  const params = issue.params ?? {};
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? renderParam(params[name], lang) : whole);
}

/** The code of the English text `message` among `prefix` codes (e.g. 'schema.'), for texts that arrive as plain English. */
export function issueCodeOfEnglish(message: string, prefix: string): IssueCode | undefined {
  for (const code of Object.keys(ISSUE_TEXTS) as IssueCode[]) {
    if (code.startsWith(prefix) && ISSUE_TEXTS[code].en === message) return code;
  }
  return undefined;
}

/** `text` ending as a sentence: a full stop ('.' or '。') added unless it already ends in one. */
export function asSentence(text: string, lang: Lang): string {
  return /[.!?。！？]$/.test(text) ? text : text + (lang === 'zh' ? '。' : '.');
}

/** A detail with its English text, the shape engine results carry (RowIssue's code, params and message). */
export function withEnglish(detail: IssueDetail): { code: IssueCode; params?: IssueParams; message: string } {
  return detail.params ? { code: detail.code, params: detail.params, message: issueText(detail, 'en') } : { code: detail.code, message: issueText(detail, 'en') };
}

/** An Error whose message is the English text, carrying the detail so a caller can show it in another language. */
export class IssueError extends Error {
  constructor(readonly issue: IssueDetail) {
    super(issueText(issue, 'en'));
  }
}
