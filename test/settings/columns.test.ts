import { suggestColumns, findHeader } from '../../src/settings/columns';

describe('suggestColumns', () => {
  it('recognises English customer-list headers', () => {
    const s = suggestColumns(['Customer Name', 'Region', 'Annual Revenue', 'Last Purchase Date', 'Cost to serve']);
    expect(s).toMatchObject({
      idColumn: 'Customer Name',
      valueColumn: 'Annual Revenue',
      dateColumn: 'Last Purchase Date',
      costColumn: 'Cost to serve',
      layout: 'customers',
    });
  });

  it('recognises Chinese headers', () => {
    const s = suggestColumns(['客户名称', '地区', '交易额', '最近购买日期']);
    expect(s).toMatchObject({ idColumn: '客户名称', valueColumn: '交易额', dateColumn: '最近购买日期', layout: 'customers' });
    expect(suggestColumns(['客户', '销售额']).valueColumn).toBe('销售额');
    expect(suggestColumns(['客户', '金额', '订单日期'])).toMatchObject({
      idColumn: '客户',
      valueColumn: '金额',
      dateColumn: '订单日期',
      layout: 'orders',
    });
  });

  it('does not let a generic word steal a more specific column', () => {
    const s = suggestColumns(['Paid', 'Total orders', 'Total', 'Client']);
    expect(s.frequencyColumn).toBe('Total orders');
    expect(s.valueColumn).toBe('Total');
    expect(s.idColumn).toBe('Client');
  });

  it('tells an orders list from a customer list by repeated ids', () => {
    const headers = ['Customer', 'Date', 'Amount'];
    const orders = Array.from({ length: 40 }, (_, i) => [`C${i % 10}`, new Date(2024, 0, i + 1), 100]);
    const customers = Array.from({ length: 40 }, (_, i) => [`C${i}`, new Date(2024, 0, i + 1), 100]);
    expect(suggestColumns(headers, orders).layout).toBe('orders');
    expect(suggestColumns(headers, customers).layout).toBe('customers');
  });

  it('returns empty roles when nothing matches', () => {
    expect(suggestColumns(['foo', 'bar'])).toEqual({
      layout: 'customers',
      idColumn: '',
      valueColumn: '',
      dateColumn: '',
      costColumn: '',
      potentialColumn: '',
      frequencyColumn: '',
    });
  });
});

describe('findHeader', () => {
  it('matches exact text, then ignoring case and spacing', () => {
    expect(findHeader(['Customer Name', 'Amount'], 'Amount')).toBe(1);
    expect(findHeader(['Customer Name', 'Amount'], 'customer_name')).toBe(0);
    expect(findHeader(['Customer Name'], 'Revenue')).toBe(-1);
    expect(findHeader(['Customer Name'], '')).toBe(-1);
  });
});
