/**
 * Words the add-on writes into the spreadsheet and its menus and alerts, in English and Chinese.
 * (The sidebar's own strings live in ui.ts.)
 */
import { localText } from './fill';
import { nameIn, type LocalNames } from '../engine/labels';
import type { Lang } from '../engine/types';

/** Each string as [English, Chinese]: side by side for translators, and every key written once (Code.js is loaded on every custom-function call). */
const STRINGS = {
  menuOpenSettings: ['Open settings', '打开设置'],
  menuTierNow: ['Tier customers now', '立即客户分级'],
  menuRefreshSummary: ['Refresh summary', '刷新汇总'],
  menuSaveSnapshot: ['Save tier snapshot', '保存分级快照'],
  menuInsertSample: ['Insert sample data', '插入示例数据'],
  menuHelp: ['Help', '帮助'],
  appName: ['Customer Tiers', '客户分级'],
  summarySheet: ['Tier summary', '分级汇总'],
  historySheet: ['Tier history', '分级历史'],
  recordSheet: ['Customer Tiers record', '客户分级记录'],
  customersSheet: ['Customer list', '客户名单'],
  whyHeader: ['Why', '原因'],
  // {op}: < for the tier the cut closes, ≥ for the last tier (see customerList.ts).
  whyPareto: ['cumulative share before this customer {before} {op} {cut}', '此客户之前的累计占比 {before} {op} {cut}'],
  whyRank: [
    '{above} of customers rank above ({count} of {total}) {op} {cut}',
    '排在其前的客户占 {above}（{total} 位中的 {count} 位）{op} {cut}',
  ],
  whyThreshold: ['value {value} {op} {cut}', '价值 {value} {op} {cut}'],
  whyNotPositive: ['no positive value: the last tier', '价值不为正：归入最后一级'],
  whyScore: ['score {score} ({parts})', '综合得分 {score}（{parts}）'],
  whyScorePercentile: ['{name} {share}: {nth} percentile', '{name} {share}：第 {nth} 百分位'],
  whyScoreRange: ['{name} {share}: {pct} of its range', '{name} {share}：区间的 {pct}'],
  whyScoreBlank: ['{name} {share}: blank, left out', '{name} {share}：空白，未计入'],
  whyRfm: ['R{r} F{f} M{m} → {segment} (rule {rule})', 'R{r} F{f} M{m} → {segment}（规则 {rule}）'],
  sampleSheet: ['Sample orders', '示例订单'],
  summaryTitle: ['Customer Tiers summary', '客户分级汇总'],
  summaryRewritten: [
    'Customer Tiers rewrites this sheet on every run: keep your notes on another sheet. Edit the playbook actions in Extensions > Customer Tiers > Open settings.',
    '每次运行时客户分级都会重写此工作表：请把您的备注记在其他工作表中。分级策略请在“扩展程序 > 客户分级 > 打开设置”中编辑。',
  ],
  ranAt: ['Run at', '运行时间'],
  dataSheet: ['Data sheet', '数据工作表'],
  method: ['Method', '方法'],
  methodPareto: ['ABC tiers by cumulative share of value (cuts {cuts})', 'ABC 分级：按累计金额占比（分界 {cuts}）'],
  methodRank: ['ABC tiers by rank (top {cuts} of customers)', 'ABC 分级：按排名（前 {cuts} 的客户）'],
  cutsTitle: ['Where the cuts fall, in your values', '各等级分界（按您的数据）'],
  cutTop: [
    '{label}: {min} and above (top {count} customers, {share} of value)',
    '{label}：{min} 及以上（前 {count} 位客户，占价值 {share}）',
  ],
  cutMiddle: [
    '{label}: {min} to under {below} ({count} customers, {share} of value)',
    '{label}：{min} 至低于 {below}（{count} 位客户，占价值 {share}）',
  ],
  cutLast: ['{label}: below {below} ({count} customers, {share} of value)', '{label}：低于 {below}（{count} 位客户，占价值 {share}）'],
  cutEmpty: ['{label}: no customers', '{label}：无客户'],
  ruleLine: ['{segment}: R {r}, F {f}, M {m}', '{segment}：R {r}，F {f}，M {m}'],
  methodThreshold: ['ABC tiers by amount (at least {cuts})', 'ABC 分级：按金额（至少 {cuts}）'],
  methodComputed: ['ABC tiers, computed limits (Ultsch & Lötsch 2015)', 'ABC 分级：自动计算分界（Ultsch & Lötsch 2015）'],
  methodScoreRank: ['Weighted score of {dimensions}; tiers by rank (top {cuts})', '加权综合得分（{dimensions}）；按排名分级（前 {cuts}）'],
  methodScoreThreshold: [
    'Weighted score of {dimensions}; tiers by score (at least {cuts})',
    '加权综合得分（{dimensions}）；按得分分级（至少 {cuts}）',
  ],
  methodRfm: ['RFM: recency, frequency and monetary scores 1–5, {segments}', 'RFM：最近购买、购买频次、消费金额各 1–5 分，{segments}'],
  rfmNamedSegments: ['named segments', '并划分客户细分'],
  rfmOwnRules: ['segments by your own rules', '按自定义规则划分客户细分'],
  methodValueGroups: [
    'Value groups: MVC top {mvc} by net value, MGC top {mgc} of the rest by growth gap, BZ below zero',
    '价值分组：净价值前 {mvc} 为 MVC，其余客户中增长空间前 {mgc} 为 MGC，净价值为负为 BZ',
  ],
  customersTiered: ['Customers tiered', '已分级客户数'],
  totalValue: ['Total value', '总金额'],
  tierHeader: ['Tier', '等级'],
  customers: ['Customers', '客户数'],
  shareOfCustomers: ['Share of customers', '客户占比'],
  value: ['Total value', '金额合计'],
  shareOfValue: ['Share of value', '金额占比'],
  average: ['Average', '平均'],
  min: ['Min', '最小'],
  max: ['Max', '最大'],
  paretoTitle: ['Pareto curve: cumulative share of value', '帕累托曲线：累计金额占比'],
  topCustomers: ['Top share of customers', '前 x% 客户'],
  cumulativeValue: ['Cumulative share of value', '累计金额占比'],
  migrationTitle: ['Moves since the snapshot of {date}', '与 {date} 快照相比的等级变化'],
  noSnapshot: [
    'No snapshot yet: use "Save tier snapshot" each month to see who moved between tiers.',
    '尚无快照：每月使用“保存分级快照”，即可看到客户在等级间的升降。',
  ],
  fromTo: ['From \\ to', '原等级 \\ 现等级'],
  newCustomers: ['New', '新客户'],
  lostCustomers: ['Lost', '流失'],
  upgrades: ['Upgrades', '升级'],
  risingStars: [
    'Rising stars: the biggest customers that moved up (nurture them towards the top tier)',
    '上升之星：等级上升的主要客户（重点培养，推动其成为关键客户）',
  ],
  slipping: [
    'Slipping: the biggest customers that moved down (find out why, win them back)',
    '等级下滑：等级下降的主要客户（了解原因，及时挽回）',
  ],
  before: ['Before', '原等级'],
  now: ['Now', '现等级'],
  downgrades: ['Downgrades', '降级'],
  playbookTitle: ['Playbook: what we do for each tier', '分级策略：各等级的服务方式'],
  action: ['Action', '行动'],
  skippedTitle: ['Rows skipped or partly used', '跳过或部分使用的行'],
  row: ['Row', '行'],
  column: ['Column', '列'],
  problem: ['Problem', '问题'],
  noSkipped: ['None: every row was read.', '无：所有行均已读取。'],
  moreSkipped: ['… and {count} more', '……另有 {count} 行'],
  moreCustomers: ['… and {count} more customers', '……另有 {count} 位客户'],
  snapshotDate: ['Snapshot date', '快照日期'],
  customerId: ['Customer', '客户'],
  tierLabel: ['Tier', '等级'],
  doneTitle: ['Customer Tiers', '客户分级'],
  tierDone: [
    'Tiered {customers} customers on "{sheet}". The summary is on the sheet "{summary}".',
    '已为“{sheet}”中的 {customers} 位客户分级。汇总见工作表“{summary}”。',
  ],
  tierDoneIssues: [
    '{count} rows were skipped or partly used; they are listed at the bottom of the summary.',
    '有 {count} 行被跳过或部分使用，列在汇总表底部。',
  ],
  snapshotDone: [
    'Saved a snapshot of {customers} customers for {date} on the sheet "{sheet}".',
    '已在工作表“{sheet}”保存 {date} 的 {customers} 位客户快照。',
  ],
  sampleDone: [
    'Inserted the sample orders on the sheet "{sheet}" and set the columns up. Use "Tier customers now" to tier them.',
    '已在工作表“{sheet}”插入示例订单并设置好列。使用“立即客户分级”进行分级。',
  ],
  needsSettings: [
    'Choose the data sheet and columns first: Extensions > Customer Tiers > Open settings.',
    '请先选择数据工作表和列：扩展程序 > 客户分级 > 打开设置。',
  ],
  noSheet: [
    'The data sheet "{sheet}" was not found. Open settings and pick the sheet that holds your customers.',
    '找不到数据工作表“{sheet}”。请打开设置，选择存放客户数据的工作表。',
  ],
  noData: ['The sheet "{sheet}" has no data rows below the header row {row}.', '工作表“{sheet}”在第 {row} 行表头下方没有数据。'],
  locked: [
    'Another Customer Tiers run is still working in this spreadsheet. Try again in a moment.',
    '此电子表格中另一个客户分级任务仍在运行，请稍后再试。',
  ],
  cannotRun: ['Customer Tiers could not run:', '客户分级无法运行：'],
  columnEdited: [
    'The column "{header}" (column {column}) was changed since Customer Tiers last wrote it ({cells}), so nothing was written. To keep your edits, rename that column\'s header; otherwise clear those cells and run again.',
    '“{header}”列（第 {column} 列）在上次写入后被修改过（{cells}），因此未写入任何内容。如需保留修改，请重命名该列表头；否则清空这些单元格后重新运行。',
  ],
  andMore: ['and {count} more', '另有 {count} 个'],
  recordMissing: [
    'Customer Tiers cannot tell whether the column "{header}" (column {column}) holds your edits ({cells}): its record of what it wrote (a hidden sheet) is gone, so nothing was written. To keep that column, rename its header; otherwise clear it and run again.',
    '客户分级无法判断“{header}”列（第 {column} 列）中是否有您的修改（{cells}）：它写入内容的记录（一个隐藏工作表）已丢失，因此未写入任何内容。如需保留该列，请重命名其表头；否则清空该列后重新运行。',
  ],
  settingsDamaged: [
    'The saved settings could not be read, so nothing was run (the add-on does not guess your columns). Open settings, check them and save; then run again.',
    '无法读取已保存的设置，因此未运行（本插件不会猜测您的列）。请打开设置，检查并保存后重新运行。',
  ],
  snapshotNeedsIds: [
    'A snapshot needs a customer column: open settings and choose the customer (id or name) column.',
    '快照需要客户列：请打开设置并选择客户（编号或名称）列。',
  ],
  help: [
    "Customer Tiers sorts your customers into tiers.\n\n1. Open settings: pick the sheet, the columns and the method; the preview shows the tiers as you edit.\n2. Tier customers now: writes the tier columns beside your data, the customer list and the summary sheet.\n3. Each month, Re-tier and save this month's snapshot: the summary then shows who moved up or down.\n\nFormulas (type = and the name for help): ABC_TIER, CUSTOMER_VALUE_GROUP, TIER_SCORE, RFM_SCORE, RFM_SEGMENT, TIER_CHANGE, CUSTOMER_ROLLUP, CUSTOMER_CLV, P_ALIVE.",
    '客户分级帮助您将客户分为不同等级。\n\n1. 打开设置：选择工作表、列和分级方法；编辑时预览会实时显示分级结果。\n2. 立即客户分级：在数据旁写入等级列，并生成客户名单和汇总表。\n3. 每月使用“重新分级并保存本月快照”，汇总表即会显示客户的升级与降级。\n\n公式（输入 = 和函数名即可查看说明）：ABC_TIER、CUSTOMER_VALUE_GROUP、TIER_SCORE、RFM_SCORE、RFM_SEGMENT、TIER_CHANGE、CUSTOMER_ROLLUP、CUSTOMER_CLV、P_ALIVE。',
  ],
  menuRetierAndSave: ["Re-tier and save this month's snapshot", '重新分级并保存本月快照'],
  snapshotScores: ['Score or R F M', '得分或 R F M'],
  lastSnapshot: ['Last snapshot: {date}', '上次快照：{date}'],
  lastSnapshotDue: [
    "Last snapshot: {date}; a new month's run is due (Re-tier and save this month's snapshot)",
    '上次快照：{date}；本月尚未重新分级（请使用“重新分级并保存本月快照”）',
  ],
  rulesChanged: [
    "The rules changed since the snapshot of {date}: {count} customers would have moved by the rule change alone. The moves below compare under today's rules, so they show only changes in the customers themselves.",
    '自 {date} 快照以来分级规则已更改：仅因规则更改就会有 {count} 位客户变动等级。以下变化均按今天的规则比较，只反映客户本身的变化。',
  ],
  valueThen: ['Value then', '当时金额'],
  valueNow: ['Value now', '现在金额'],
  methodPredicted: [
    'Predicted value, next {weeks} weeks (BG/NBD, Gamma-Gamma; {rate} monthly discount); {tiers}',
    '未来 {weeks} 周预测价值（BG/NBD、Gamma-Gamma；月折现率 {rate}）；{tiers}',
  ],
  modelTitle: ['The model', '模型'],
  modelParams: [
    'Purchases (BG/NBD): r {r}, α {alpha}, a {a}, b {b}. Spend (Gamma-Gamma): p {p}, q {q}, γ {gamma}.',
    '购买（BG/NBD）：r {r}，α {alpha}，a {a}，b {b}。金额（Gamma-Gamma）：p {p}，q {q}，γ {gamma}。',
  ],
  modelHoldout: [
    'Check on the {weeks} weeks after the as-of date: {expected} repeat purchases expected, {actual} made.',
    '截止日期之后 {weeks} 周的检验：预期复购 {expected} 次，实际 {actual} 次。',
  ],
  modelNoHoldout: [
    'An as-of date before the last order checks the model on the later orders.',
    '截止日期早于最后订单时，可用之后的订单检验模型。',
  ],
  atRiskTitle: ['Top-tier customers most likely to be lost', '最可能流失的顶级客户'],
  groupTitle: ['{column}: {group} ({count} customers)', '{column}：{group}（{count} 位客户）'],
  methodMgc: [
    '; growth gap: predicted value, next {weeks} weeks, minus spend in the {weeks} weeks to the as-of date',
    '；增长空间：未来 {weeks} 周预测价值减截止日前 {weeks} 周消费',
  ],
} satisfies Record<string, LocalNames>;

export type AddonStringKey = keyof typeof STRINGS;

/** A localised string with {name} placeholders filled in. */
export function say(lang: Lang, key: AddonStringKey, vars: Record<string, string | number> = {}): string {
  return localText(STRINGS[key], lang, vars);
}

/**
 * Default action for the tier at `index` of `count` (best first). Value groups and RFM segments
 * have their own by key; other tiers are matched by position (top, middle, last) so that custom
 * labels still get a sensible action.
 */
/** The action for a tier, group or segment: the user's own (by key, or by the label shown), else the built-in one. */
export function playbookAction(
  playbook: Readonly<Record<string, string>>,
  key: string,
  label: string,
  index: number,
  count: number,
  lang: Lang,
): string {
  const own = (k: string) => (Object.prototype.hasOwnProperty.call(playbook, k) ? playbook[k] : undefined);
  return own(key) ?? own(label) ?? defaultAction(lang, key, index, count);
}

export function defaultAction(lang: Lang, key: string, index: number, count: number): string {
  if (Object.prototype.hasOwnProperty.call(NAMED_ACTIONS, key)) return nameIn(NAMED_ACTIONS[key], lang);
  const position = index === 0 ? 'top' : index === count - 1 ? 'last' : 'middle';
  return nameIn(POSITION_ACTIONS[position], lang);
}

const POSITION_ACTIONS: Record<'top' | 'middle' | 'last', LocalNames> = {
  top: [
    'Key customers: a dedicated account manager, regular visits, priority service and early access to new offers.',
    '关键客户：专属客户经理，定期拜访，优先服务，新品优先体验。',
  ],
  middle: [
    'Major customers: nurture towards the top tier with tailored offers and regular check-ins.',
    '主要客户：通过定制方案和定期回访，培养其成长为关键客户。',
  ],
  last: [
    'Ordinary customers: standard automated service (newsletters, self-service, standard terms).',
    '普通客户：标准化自动服务（邮件通讯、自助服务、标准条款）。',
  ],
};

const NAMED_ACTIONS: Record<string, LocalNames> = {
  MVC: ['Retain at all costs: dedicated manager, loyalty rewards, executive contact.', '全力维系：专属经理、忠诚度奖励、高层对接。'],
  MGC: ['Grow share of wallet: cross-sell, up-sell and joint planning.', '提升钱包份额：交叉销售、向上销售、共同规划。'],
  Maintain: ['Keep serving efficiently; watch for growth signals.', '高效维持服务，留意增长信号。'],
  BZ: ['Below zero: charge service fees, move to lower-cost channels, or let go.', '负值客户：收取服务费、转向低成本渠道，或逐步退出。'],
  // RFM segments
  Champions: [
    'Reward them: early access, loyalty perks, ask for reviews and referrals.',
    '给予回馈：新品抢先、会员礼遇，邀请评价与转介绍。',
  ],
  'Loyal Customers': ['Up-sell higher-value products; invite them to a loyalty programme.', '推荐更高价值产品，邀请加入会员计划。'],
  'Potential Loyalist': ['Offer membership or a second-purchase incentive to build the habit.', '提供会员或复购激励，培养购买习惯。'],
  'New Customers': [
    'Onboard well: welcome series, first-use support, a small next-order offer.',
    '做好新客引导：欢迎邮件、使用支持、下单优惠。',
  ],
  Promising: ['Build awareness: recommendations and free trials to raise spend.', '提升认知：个性化推荐与免费试用，提高消费。'],
  'Need Attention': ['Limited-time offers based on past purchases before they drift away.', '根据历史购买推送限时优惠，防止流失。'],
  'About To Sleep': ['Reactivate with popular products and a discount; ask what they need.', '用热门产品和折扣唤醒，并了解其需求。'],
  'At Risk': ['Personal contact: a call from their manager, a renewal offer.', '专人联系：客户经理致电，提供续约优惠。'],
  "Can't Lose Them": [
    'Win them back now: senior contact, best offer, find out what went wrong.',
    '立即挽回：高层联系、最优方案，了解问题所在。',
  ],
  Lost: ['Low-cost win-back campaign; otherwise stop spending on them.', '低成本召回活动；无效则停止投入。'],
  Others: ['Standard automated service.', '标准化自动服务。'],
};
