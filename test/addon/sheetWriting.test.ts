import { asText, columnSketch, sketchAllows, columnLetter } from '../../src/addon/sheetWriting';

describe('columnSketch / sketchAllows', () => {
  const written = ['A', 'B', 'C', 'A', 'B', 'C', 1, 2, 3, 0.123456789];
  const sketch = columnSketch(written);

  it('allows what the add-on wrote, sorted, with rows deleted or cells cleared', () => {
    expect(sketchAllows(sketch, columnSketch([...written].reverse()))).toBe(true);
    expect(sketchAllows(sketch, columnSketch(written.slice(3)))).toBe(true);
    expect(sketchAllows(sketch, columnSketch(['', ...written.slice(1), '']))).toBe(true);
    expect(sketchAllows('', columnSketch(['', null]))).toBe(true);
  });

  it('catches text the user typed in, or a value changed', () => {
    expect(sketchAllows(sketch, columnSketch([...written, 'my note']))).toBe(false);
    expect(sketchAllows(sketch, columnSketch(['my note', ...written.slice(1)]))).toBe(false);
    expect(sketchAllows(sketch, columnSketch([...written, 'A']))).toBe(false); // one more A than written
    expect(sketchAllows('not a sketch', columnSketch(['A']))).toBe(false);
  });
});

describe('asText', () => {
  it('keeps formula-like, numeric-looking and date-looking text as text', () => {
    expect(['=1+1', '+x', '-x', '@x', '00123', '2024-01-05', "'quoted"].map(asText)).toEqual(["'=1+1", "'+x", "'-x", "'@x", "'00123", "'2024-01-05", "''quoted"]);
    expect(asText('Acme Ltd')).toBe('Acme Ltd');
  });
});

describe('columnLetter', () => {
  it('names columns like Sheets', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});
