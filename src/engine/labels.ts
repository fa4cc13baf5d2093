/**
 * English and Chinese names of every user-visible domain term (tiers, value groups, RFM segments,
 * tier changes). One home, so the sheet, sidebar, summary and CLI say the same thing.
 */
import type { Lang, TierChangeKind } from './types';

/** An English and a Chinese (Simplified) name, as every text of the add-on is written (src/i18n). */
export type LocalNames = readonly [en: string, zh: string];

/** The name in `lang`. */
export const nameIn = (names: LocalNames, lang: Lang): string => names[lang === 'zh' ? 1 : 0];

const DEFAULT_TIER_NAMES: Record<string, LocalNames> = {
  A: ['A (key customers)', 'A 类（关键客户）'],
  B: ['B (major customers)', 'B 类（主要客户）'],
  C: ['C (ordinary customers)', 'C 类（普通客户）'],
};

/**
 * Display name of a tier label: the default labels A, B and C get a description
 * ('A (key customers)' / 'A 类（关键客户）'); custom labels pass through unchanged. Pass
 * `tierCount` when known: with other than 3 tiers A/B/C also pass through, since "ordinary" would
 * be wrong for C of five tiers.
 */
export function tierDisplayName(label: string, lang: Lang, tierCount?: number): string {
  const names = tierCount === undefined || tierCount === 3 ? DEFAULT_TIER_NAMES[label] : undefined;
  return names ? nameIn(names, lang) : label;
}

/** Value groups by customer value and growth potential. */
export type ValueGroup = 'MVC' | 'MGC' | 'Maintain' | 'BZ';

/** Short names of the value groups (as they appear in cells). */
export const VALUE_GROUP_NAMES: Record<ValueGroup, LocalNames> = {
  MVC: ['MVC', '最有价值客户'],
  MGC: ['MGC', '最具增长潜力客户'],
  Maintain: ['Maintain', '维持客户'],
  BZ: ['BZ', '负值客户'],
};

/** One-line explanations of the value groups, for legends and the sidebar. */
export const VALUE_GROUP_DESCRIPTIONS: Record<ValueGroup, LocalNames> = {
  MVC: ['Most valuable customers: the highest current value', '最有价值客户（MVC）：当前价值最高'],
  MGC: ['Most growable customers: the most room to grow', '最具增长潜力客户（MGC）：增长空间最大'],
  Maintain: ['Maintain: keep serving at today’s level', '维持客户：保持现有服务水平'],
  BZ: ['Below zero: cost more than they bring in', '负值客户（BZ）：带来的收益低于服务成本'],
};

/** The usual RFM segments. */
export type RfmSegment =
  | 'Champions'
  | 'Loyal Customers'
  | 'Potential Loyalist'
  | 'New Customers'
  | 'Promising'
  | 'Need Attention'
  | 'About To Sleep'
  | 'At Risk'
  | "Can't Lose Them"
  | 'Lost'
  | 'Others';

/** Names of the RFM segments. */
export const RFM_SEGMENT_NAMES: Record<RfmSegment, LocalNames> = {
  Champions: ['Champions', '重要价值客户'],
  'Loyal Customers': ['Loyal Customers', '忠诚客户'],
  'Potential Loyalist': ['Potential Loyalist', '潜在忠诚客户'],
  'New Customers': ['New Customers', '新客户'],
  Promising: ['Promising', '有潜力客户'],
  'Need Attention': ['Need Attention', '需要关注客户'],
  'About To Sleep': ['About To Sleep', '即将沉睡客户'],
  'At Risk': ['At Risk', '流失风险客户'],
  "Can't Lose Them": ["Can't Lose Them", '重要挽留客户'],
  Lost: ['Lost', '已流失客户'],
  Others: ['Others', '其他客户'],
};

/** Names of the tier changes between two periods. */
export const TIER_CHANGE_NAMES: Record<TierChangeKind, LocalNames> = {
  upgrade: ['Upgrade', '升级'],
  downgrade: ['Downgrade', '降级'],
  same: ['Same', '不变'],
  new: ['New', '新客户'],
  lost: ['Lost', '流失'],
  changed: ['Changed', '已变化'],
};

/** The name of `key` in `table` for `lang`; an unknown key is returned as is, never undefined. */
export function localName<K extends string>(table: Record<K, LocalNames>, key: K, lang: Lang): string {
  const names = table[key];
  return names ? nameIn(names, lang) : String(key);
}

/** 'zh', 'zh-CN', 'zh_TW', 'ZH-hans', '中文', '汉语' ... -> 'zh'; anything else (including non-strings) -> 'en'. */
export function parseLang(x: unknown): Lang {
  if (typeof x !== 'string') return 'en';
  const s = x.trim().toLowerCase();
  return /^zh(?:$|[-_])/.test(s) || /^(中文|汉语|漢語|简体中文|繁體中文|chinese)$/.test(s) ? 'zh' : 'en';
}
