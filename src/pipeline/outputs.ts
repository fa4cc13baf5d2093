/** The columns a run writes beside the data: their headers in each language and their number formats. */
import type { Lang } from '../engine/types';
import type { DetailKey, OutputKey } from './types';

const OUTPUT_HEADERS: Record<OutputKey, { en: string; zh: string; format: string }> = {
  tier: { en: 'Tier', zh: '客户等级', format: '@' },
  score: { en: 'Score', zh: '综合得分', format: '0.0' },
  rank: { en: 'Rank', zh: '排名', format: '0' },
  share: { en: 'Cumulative share', zh: '累计占比', format: '0.0%' },
  group: { en: 'Value group', zh: '价值分组', format: '@' },
  rfm: { en: 'RFM', zh: 'RFM 代码', format: '@' },
  segment: { en: 'Segment', zh: 'RFM 细分', format: '@' },
  change: { en: 'Change', zh: '等级变化', format: '@' },
  pAlive: { en: 'P(alive)', zh: '活跃概率', format: '0%' },
  expectedPurchases: { en: 'Expected purchases', zh: '预期购买次数', format: '0.00' },
  expectedAverageOrder: { en: 'Expected average order', zh: '预期客单价', format: '#,##0.00' },
  predictedValue: { en: 'Predicted value', zh: '预测价值', format: '#,##0.00' },
  within: { en: 'Group', zh: '分组', format: '@' },
  growthGap: { en: 'Growth gap', zh: '增长空间', format: '#,##0.00' },
};

export function outputHeader(key: OutputKey, lang: Lang): string {
  return OUTPUT_HEADERS[key][lang];
}

export function outputFormat(key: OutputKey): string {
  return OUTPUT_HEADERS[key].format;
}

const DETAIL_HEADERS: Record<DetailKey, { en: string; zh: string }> = {
  value: { en: 'Total', zh: '总额' },
  orders: { en: 'Orders', zh: '订单数' },
  firstOrder: { en: 'First order', zh: '首次下单' },
  lastOrder: { en: 'Last order', zh: '最近下单' },
  recencyDays: { en: 'Recency (days)', zh: '距今天数' },
  r: { en: 'R', zh: 'R' },
  f: { en: 'F', zh: 'F' },
  m: { en: 'M', zh: 'M' },
  netValue: { en: 'Net value', zh: '净值' },
  exactScore: { en: 'Score (unrounded)', zh: '综合得分（未取整）' },
};

/** The number format of an output or a detail column where it has one (the CLI's XLSX; text columns have none). */
export function columnFormat(key: OutputKey | DetailKey): string | undefined {
  const format = key in OUTPUT_HEADERS ? OUTPUT_HEADERS[key as OutputKey].format : key === 'value' || key === 'netValue' ? '#,##0.00' : '';
  return format === '@' || format === '' ? undefined : format;
}

/** The header of an output or a detail column, in `lang`. */
export function columnHeader(key: OutputKey | DetailKey, lang: Lang): string {
  return key in OUTPUT_HEADERS ? OUTPUT_HEADERS[key as OutputKey][lang] : DETAIL_HEADERS[key as DetailKey][lang];
}
