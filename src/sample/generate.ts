/**
 * The built-in sample: an orders list of a small trading business, 18 months up to SAMPLE_AS_OF.
 * Generated deterministically (seeded PRNG, no Node APIs) because it ships inside Code.js for the
 * "Insert sample data" menu item; names are composed from short word lists to keep it small.
 */

/** Bilingual headers, so a column detector keyed on English or on Chinese words finds them. */
export const SAMPLE_HEADERS = ['客户名称 Customer', '订单日期 Order date', '金额 Amount', '地区 Region'];

/** The last day of the sample (local midnight); recency in the sample is measured from here. */
export const SAMPLE_AS_OF = { year: 2025, month: 6, day: 30 };

const MONTHS = 18;
const CUSTOMERS = 340;
const SEED = 20250630;

/** mulberry32: tiny, fast and good enough for sample data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EN_FIRST =
  'Acme,Blue River,Northwind,Summit,Redwood,Silver Oak,Harbor,Evergreen,Atlas,Pioneer,Crescent,Golden Gate,Lakeside,Maple,Orion,Granite'.split(
    ',',
  );
const EN_TRADE = 'Trading,Foods,Supplies,Logistics,Textiles,Hardware,Imports,Packaging,Electronics,Furniture'.split(',');
const EN_FORM = 'Ltd,Co.,LLC,Inc.,& Sons,GmbH'.split(',');
const ZH_CITY = '上海,北京,深圳,广州,杭州,成都,苏州,南京,武汉,厦门'.split(',');
const ZH_WORD = '星河,华联,恒通,金桥,瑞丰,远航,宏达,新元,永盛,天合,嘉禾,博源'.split(',');
const ZH_TRADE = '贸易,科技,食品,物流,纺织,五金,包装,电子'.split(',');
const EN_REGIONS = ['Europe', 'North America', 'Asia Pacific'];
const ZH_REGIONS = ['华东', '华南', '华北', '西南'];

interface Customer {
  name: string;
  region: string;
  /** Expected orders per month while active. */
  rate: number;
  /** Median order value. */
  ticket: number;
  /** Active months, inclusive, 0 = first month of the sample. */
  from: number;
  to: number;
}

export interface SampleData {
  headers: string[];
  rows: (string | number | Date)[][];
}

/**
 * The sample orders list: ~340 customers, ~2,500 orders over 18 months up to SAMPLE_AS_OF, with a
 * few big accounts and a long tail, customers lost early and new ones, some refunds (negative
 * amounts) and four deliberately bad rows (amount "n/a", blank customer, date "31/02/2024",
 * amount "¥1,2"). Dates are Date objects at local midnight except the bad one. Same output every call.
 */
export function sampleOrders(): SampleData {
  const rand = prng(SEED);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const poisson = (mean: number) => {
    let k = 0;
    for (let p = rand(), limit = Math.exp(-mean); p > limit; p *= rand()) k++;
    return k;
  };

  const used = new Set<string>();
  const customers: Customer[] = [];
  while (customers.length < CUSTOMERS) {
    const chinese = rand() < 0.45;
    const name = chinese
      ? `${pick(ZH_CITY)}${pick(ZH_WORD)}${pick(ZH_TRADE)}有限公司`
      : `${pick(EN_FIRST)} ${pick(EN_TRADE)} ${pick(EN_FORM)}`;
    if (used.has(name)) continue;
    used.add(name);
    // Pareto-like frequency and a lognormal ticket that grows with it: a few big accounts, long tail.
    const rate = Math.min(6, 0.16 / (1 - rand() * 0.995) ** 0.75);
    const ticket = Math.exp(5.3 + 0.7 * normal()) * (rate / 0.16) ** 0.35;
    const life = rand();
    let from = 0;
    let to = MONTHS - 1;
    if (life < 0.14)
      to = 2 + Math.floor(rand() * 5); // lost after the first months
    else if (life < 0.26)
      from = MONTHS - 3 + Math.floor(rand() * 3); // new recently
    else if (life < 0.45) from = Math.floor(rand() * (MONTHS - 3));
    customers.push({ name, region: pick(chinese ? ZH_REGIONS : EN_REGIONS), rate, ticket, from, to });
  }

  const { year, month } = SAMPLE_AS_OF;
  const firstMonth = month - MONTHS; // 0-based month index relative to `year`
  const day = (m: number) => {
    const days = new Date(year, firstMonth + m + 1, 0).getDate();
    return new Date(year, firstMonth + m, 1 + Math.floor(rand() * days));
  };
  const cents = (x: number) => Math.round(x * 100) / 100;

  const rows: (string | number | Date)[][] = [];
  for (const c of customers) {
    const before = rows.length;
    for (let m = c.from; m <= c.to; m++) {
      for (let k = poisson(c.rate); k > 0; k--) {
        const date = day(m);
        const amount = cents(c.ticket * Math.exp(0.45 * normal()));
        rows.push([c.name, date, amount, c.region]);
        // About 1 order in 80 is partly or fully refunded a few days later (inside the sample).
        if (rand() < 0.0125) {
          const refundDate = new Date(date.getFullYear(), date.getMonth(), date.getDate() + 3 + Math.floor(rand() * 10));
          if (refundDate <= new Date(year, month - 1, SAMPLE_AS_OF.day)) {
            rows.push([c.name, refundDate, -cents(amount * (rand() < 0.5 ? 1 : 0.5)), c.region]);
          }
        }
      }
    }
    if (rows.length === before) rows.push([c.name, day(c.to), cents(c.ticket), c.region]);
  }
  rows.sort((a, b) => (a[1] as Date).getTime() - (b[1] as Date).getTime());

  // Bad rows, spread through the list, to show how issues are reported with their row numbers.
  const bad = (at: number, row: (string | number | Date)[]) => rows.splice(Math.floor(rows.length * at), 0, row);
  const someone = (i: number) => rows[Math.floor(rows.length * i)];
  bad(0.1, [someone(0.1)[0], someone(0.1)[1], 'n/a', someone(0.1)[3]]);
  bad(0.3, ['', someone(0.3)[1], 1250, 'Europe']);
  bad(0.12, [someone(0.5)[0], '31/02/2024', 880, someone(0.5)[3]]);
  bad(0.8, [someone(0.8)[0], someone(0.8)[1], '¥1,2', someone(0.8)[3]]);
  return { headers: SAMPLE_HEADERS.slice(), rows };
}
