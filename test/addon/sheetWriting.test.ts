import { asText, columnLetter } from '../../src/addon/sheetWriting';

describe('asText', () => {
  it('keeps formula-like, numeric-looking and date-looking text as text', () => {
    expect(['=1+1', '+x', '-x', '@x', '00123', '2024-01-05', "'quoted"].map(asText)).toEqual([
      "'=1+1",
      "'+x",
      "'-x",
      "'@x",
      "'00123",
      "'2024-01-05",
      "''quoted",
    ]);
    expect(asText('Acme Ltd')).toBe('Acme Ltd');
  });
});

describe('columnLetter', () => {
  it('names columns like Sheets', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});
