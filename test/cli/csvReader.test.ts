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

test('a large UTF-8 file read piece by piece gives what the whole-file reader gives (the same text in UTF-16)', () => {
  // 4.3 MB: the 4 MB piece boundary falls inside a quoted value with a line break (checked when written).
  const lines = ['Name,Note,Amount'];
  for (let i = 0; i < 120_000; i++) {
    const note = i % 7 === 0 ? `"line one, ""quoted""\r\nline two ${i}"` : i % 5 === 0 ? '"a,b"' : `plain note ${i}`;
    lines.push(`客户 ${i % 997},${note},${(i % 1000) / 4}`);
  }
  const text = `${lines.join('\r\n')}\r\n`;
  const utf8 = writeIn(dir(), 'big-utf8.csv', text);
  const utf16 = writeIn(dir(), 'big-utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const args = ['--value-column', 'Amount', '--id-column', 'Name'];
  const streamed = runCli(dir(), 'tier', utf8, ...args);
  const whole = runCli(dir(), 'tier', utf16, ...args);
  expect(streamed.code).toBe(0);
  expect(streamed.stdout).toBe(whole.stdout);
  expect(csv(streamed.stdout)).toHaveLength(998);
  // A bad row deep in the file is named by its line, counting the line breaks inside quotes before it.
  const bad = `${text}客户 x,"two\nlines",oops\n`;
  const r = runCli(dir(), 'tier', writeIn(dir(), 'big-bad.csv', bad), ...args);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`Row ${text.split('\n').length}, column "Amount"`);
});
