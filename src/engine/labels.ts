/**
 * English and Chinese names of every user-visible domain term (tiers, value groups, RFM segments,
 * tier changes). One home, so the sheet, sidebar, summary and CLI say the same thing.
 */
import type { Lang, TierChangeKind } from './types';

/** An English and a Chinese (Simplified) name. */
export interface LocalNames {
  en: string;
  zh: string;
}

const DEFAULT_TIER_NAMES: Record<string, LocalNames> = {
  A: { en: 'A (key customers)', zh: 'A 类（关键客户）' },
  B: { en: 'B (major customers)', zh: 'B 类（主要客户）' },
  C: { en: 'C (ordinary customers)', zh: 'C 类（普通客户）' },
};

/**
 * Display name of a tier label: the default labels A, B and C get a description
 * ('A (key customers)' / 'A 类（关键客户）'); custom labels pass through unchanged. Pass
 * `tierCount` when known: with other than 3 tiers A/B/C also pass through, since "ordinary" would
 * be wrong for C of five tiers.
 */
export function tierDisplayName(label: string, lang: Lang, tierCount?: number): string {
  const names = tierCount === undefined || tierCount === 3 ? DEFAULT_TIER_NAMES[label] : undefined;
  return names ? names[lang] : label;
}

/** Value groups by customer value and growth potential. */
export type ValueGroup = 'MVC' | 'MGC' | 'Maintain' | 'BZ';

/** Short names of the value groups (as they appear in cells). */
export const VALUE_GROUP_NAMES: Record<ValueGroup, LocalNames> = {
  MVC: { en: 'MVC', zh: '最有价值客户' },
  MGC: { en: 'MGC', zh: '最具增长潜力客户' },
  Maintain: { en: 'Maintain', zh: '维持客户' },
  BZ: { en: 'BZ', zh: '负值客户' },
};

/** One-line explanations of the value groups, for legends and the sidebar. */
export const VALUE_GROUP_DESCRIPTIONS: Record<ValueGroup, LocalNames> = {
  MVC: { en: 'Most valuable customers: the highest current value', zh: '最有价值客户（MVC）：当前价值最高' },
  MGC: { en: 'Most growable customers: the most room to grow', zh: '最具增长潜力客户（MGC）：增长空间最大' },
  Maintain: { en: 'Maintain: keep serving at today’s level', zh: '维持客户：保持现有服务水平' },
  BZ: { en: 'Below zero: cost more than they bring in', zh: '负值客户（BZ）：带来的收益低于服务成本' },
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
  Champions: { en: 'Champions', zh: '重要价值客户' },
  'Loyal Customers': { en: 'Loyal Customers', zh: '忠诚客户' },
  'Potential Loyalist': { en: 'Potential Loyalist', zh: '潜在忠诚客户' },
  'New Customers': { en: 'New Customers', zh: '新客户' },
  Promising: { en: 'Promising', zh: '有潜力客户' },
  'Need Attention': { en: 'Need Attention', zh: '需要关注客户' },
  'About To Sleep': { en: 'About To Sleep', zh: '即将沉睡客户' },
  'At Risk': { en: 'At Risk', zh: '流失风险客户' },
  "Can't Lose Them": { en: "Can't Lose Them", zh: '重要挽留客户' },
  Lost: { en: 'Lost', zh: '已流失客户' },
  Others: { en: 'Others', zh: '其他客户' },
};

/** Names of the tier changes between two periods. */
export const TIER_CHANGE_NAMES: Record<TierChangeKind, LocalNames> = {
  upgrade: { en: 'Upgrade', zh: '升级' },
  downgrade: { en: 'Downgrade', zh: '降级' },
  same: { en: 'Same', zh: '不变' },
  new: { en: 'New', zh: '新客户' },
  lost: { en: 'Lost', zh: '流失' },
  changed: { en: 'Changed', zh: '已变化' },
};

/** The name of `key` in `table` for `lang`; an unknown key is returned as is, never undefined. */
export function localName<K extends string>(table: Record<K, LocalNames>, key: K, lang: Lang): string {
  const names = table[key];
  return names ? (names[lang] ?? names.en) : String(key);
}

/** 'zh', 'zh-CN', 'zh_TW', 'ZH-hans', '中文', '汉语' ... -> 'zh'; anything else (including non-strings) -> 'en'. */
export function parseLang(x: unknown): Lang {
  if (typeof x !== 'string') return 'en';
  const s = x.trim().toLowerCase();
  return /^zh(?:$|[-_])/.test(s) || /^(中文|汉语|漢語|简体中文|繁體中文|chinese)$/.test(s) ? 'zh' : 'en';
}
