/** The CLI's one-pass CSV reader: quoting, line breaks inside values, and row numbers as the file counts lines. */
import { csv, runCli, tempDir, writeIn } from './helpers';

const dir = tempDir('csv-reader-');

test('quoted values keep delimiters, doubled quotes and line breaks; CRLF and blank lines are fine', () => {
  const text = 'Name,Note,Amount\r\n"Lee, Ann","said ""hi""\r\nthen left",10\r\n\r\nBo,,20\r\n,,\r\n"Cy",x,30';
  const r = runCli(dir(), 'value-groups', writeIn(dir(), 'quoted.csv', text), '--value-column', 'Amount');
  expect(r.code).toBe(0);
  const rows = csv(r.stdout);
  expect(rows.map((row) => row.slice(0, 3))).toEqual([
    ['Name', 'Note', 'Amount'],
    ['Lee, Ann', 'said "hi"\r\nthen left', '10'],
    ['Bo', '', '20'],
    ['Cy', 'x', '30'],
  ]);
});

test('a bad row is named by the line it starts on, counting line breaks inside quoted values', () => {
  const text = 'Name,Note,Amount\n"A","two\nlines",10\n\nB,x,oops\n';
  const r = runCli(dir(), 'tier', writeIn(dir(), 'bad.csv', text), '--value-column', 'Amount');
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/Row 5, column "Amount"/);
});

test('text after a closing quote is refused with its line', () => {
  const r = runCli(dir(), 'tier', writeIn(dir(), 'junk.csv', 'Name,Amount\nA,1\n"B"x,2\n'), '--value-column', 'Amount');
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/not a readable CSV file: text follows a closing quote on line 3/);
});
