/** What the playground's grid stores when a user types or pastes (harness/playground/server.ts). */
import { cellFromText, parsePasted } from '../../harness/playground/server';

test('rows copied from a spreadsheet are tab-separated lines; a final line break adds no row', () => {
  expect(parsePasted('Customer\tSales\r\nAcme\t1,000\r\n')).toEqual([
    ['Customer', 'Sales'],
    ['Acme', '1,000'],
  ]);
  expect(parsePasted('a\t\tc\nb')).toEqual([['a', '', 'c'], ['b']]);
});

test('numbers (thousands commas too) become numbers, as Sheets stores them; the rest stays text', () => {
  expect(['1,000', '-2.5', '.5', ' 42 ', '2024-01-01', '1,00', 'Acme', ''].map(cellFromText)).toEqual([
    1000,
    -2.5,
    0.5,
    42,
    '2024-01-01',
    '1,00',
    'Acme',
    '',
  ]);
});
