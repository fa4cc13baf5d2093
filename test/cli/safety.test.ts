/**
 * Issue 7, "Nothing lost, nothing silently wrong", for the CLI: --out never destroys the input or
 * a protected file and never leaves a temp file behind; CSV output cannot run as formulas; odd
 * files (encodings, ragged rows, merged cells, formulas, header-only, garbage) get a one-line
 * message naming the row and column, never a stack trace and never a silent 0.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { BIN, csv, ROOT, runCli, tempDir, writeIn } from './helpers';
import { run } from '../../src/cli/run';

const dirOf = tempDir('customer-tiers-safety-');
const file = (name: string, content: string | Uint8Array) => writeIn(dirOf(), name, content);

/** Runs the CLI and checks it never ends in an unexpected error or a stack trace. */
function cli(...args: string[]) {
  const r = runCli(dirOf(), ...args);
  expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
  expect(r.code).not.toBe(3);
  return r;
}

/** Names in a folder that look like temp files. */
const temps = (dir: string) => fs.readdirSync(dir).filter((n) => /\.tmp$/.test(n));

async function xlsx(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const p = path.join(dirOf(), name);
  await wb.xlsx.writeFile(p);
  return p;
}

const ORDERS = 'Customer,Amount\nAcme,100\nBeta,30\nAcme,50\n';

describe('--out never destroys the input', () => {
  test('the input itself, by path, by a detour, by a symbolic link and by a hard link: exit 2, input untouched', () => {
    const sub = path.join(dirOf(), 'sub');
    fs.mkdirSync(sub);
    const input = file('same.csv', ORDERS);
    fs.symlinkSync(input, path.join(dirOf(), 'same-link.csv'));
    fs.linkSync(input, path.join(dirOf(), 'same-hard.csv'));
    for (const out of [input, 'same.csv', 'sub/../same.csv', 'same-link.csv', 'same-hard.csv']) {
      const r = cli('tier', input, '--value-column', 'Amount', '--out', out);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        new RegExp(`--out ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: is the input file .*writing there would destroy your data`),
      );
      expect(fs.readFileSync(input, 'utf8')).toBe(ORDERS);
      expect(temps(dirOf())).toEqual([]);
    }
    expect(fs.lstatSync(path.join(dirOf(), 'same-link.csv')).isSymbolicLink()).toBe(true);
  });

  test('an XLSX input named as its own output is refused too', async () => {
    const input = await xlsx('self.xlsx', (wb) => {
      const s = wb.addWorksheet('S');
      s.addRow(['Customer', 'Amount']);
      s.addRow(['a', 1]);
    });
    const before = fs.readFileSync(input);
    const r = cli('tier', input, '--value-column', 'Amount', '--out', './self.xlsx');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is the input file/);
    expect(fs.readFileSync(input).equals(before)).toBe(true);
  });
});

describe('--out that cannot be written is refused before any work, with a one-line message', () => {
  test('a folder, a missing folder, a path under a regular file, an unsupported extension', () => {
    const input = file('o.csv', ORDERS);
    fs.mkdirSync(path.join(dirOf(), 'outdir'));
    const cases: [string, RegExp][] = [
      ['outdir', /--out outdir: is a folder: give a file name, e.g\. outdir\/tiers\.csv/],
      ['missing/out.csv', /--out missing\/out\.csv: the folder .*missing does not exist: create it first/],
      ['o.csv/out.csv', /--out o\.csv\/out\.csv: .*o\.csv is a file, not a folder/],
      ['out.xls', /this tool writes \.csv or \.xlsx files, not \.xls/],
    ];
    for (const [out, message] of cases) {
      const r = cli('tier', input, '--value-column', 'Amount', '--out', out);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(fs.existsSync(path.join(dirOf(), 'missing'))).toBe(false);
    expect(fs.readdirSync(path.join(dirOf(), 'outdir'))).toEqual([]);
    expect(fs.existsSync(path.join(dirOf(), 'out.xls'))).toBe(false);
  });

  test('a read-only output file is kept, even for root', () => {
    const input = file('ro-in.csv', ORDERS);
    const out = file('ro-out.csv', 'keep me\n');
    fs.chmodSync(out, 0o444);
    const r = cli('tier', input, '--value-column', 'Amount', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ro-out\.csv is read-only, so it was not replaced\. Make it writable \(chmod u\+w\) or choose another --out/);
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me\n');
    expect(temps(dirOf())).toEqual([]);
  });

  test('a symbolic link as --out stays a link; its target gets the result (also when it does not exist yet)', () => {
    const input = file('link-in.csv', ORDERS);
    const target = file('link-target.csv', 'old\n');
    const link = path.join(dirOf(), 'link-out.csv');
    fs.symlinkSync('link-target.csv', link);
    let r = cli('tier', input, '--value-column', 'Amount', '--out', link);
    expect(r.code).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(csv(fs.readFileSync(target, 'utf8'))[0]).toEqual(['Customer', 'Amount', 'Tier', 'Rank', 'Cumulative share']);

    const dangling = path.join(dirOf(), 'dangling.csv');
    fs.symlinkSync('not-yet.csv', dangling);
    r = cli('tier', input, '--value-column', 'Amount', '--out', dangling);
    expect(r.code).toBe(0);
    expect(fs.lstatSync(dangling).isSymbolicLink()).toBe(true);
    expect(csv(fs.readFileSync(path.join(dirOf(), 'not-yet.csv'), 'utf8'))).toHaveLength(4);
  });

  test('a replaced file keeps its permissions (a private file stays private)', () => {
    const input = file('mode-in.csv', ORDERS);
    const out = file('mode-out.csv', 'old\n');
    fs.chmodSync(out, 0o600);
    const r = cli('tier', input, '--value-column', 'Amount', '--out', out);
    expect(r.code).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/Tier/);
  });

  test('a temp file of the same name that already exists is left alone', async () => {
    const input = file('clash-in.csv', ORDERS);
    const out = path.join(dirOf(), 'clash-out.csv');
    // The name the CLI would pick first for this process (run in-process, so the pid is ours).
    const theirs = path.join(dirOf(), `.clash-out.csv.${process.pid}.tmp`);
    fs.writeFileSync(theirs, "somebody else's file\n");
    const err: string[] = [];
    const code = await run(['tier', input, '--value-column', 'Amount', '--out', out], { out: () => {}, err: (t) => err.push(t) });
    expect(err.join('')).toMatch(/Wrote 3 rows/);
    expect(code).toBe(0);
    expect(fs.readFileSync(theirs, 'utf8')).toBe("somebody else's file\n");
    expect(csv(fs.readFileSync(out, 'utf8'))).toHaveLength(4);
    expect(temps(dirOf())).toEqual([path.basename(theirs)]);
    fs.rmSync(theirs);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(`${signal} while the output is written removes the temp file and keeps the old output`, async () => {
      const dir = path.join(dirOf(), `signal-${signal}`);
      fs.mkdirSync(dir);
      const lines = ['Customer,Amount'];
      for (let i = 0; i < 100_000; i++) lines.push(`c${i},${(i % 977) + 1}`);
      const input = writeIn(dir, 'big.csv', lines.join('\n'));
      const out = writeIn(dir, 'big-out.xlsx', 'the previous result');
      const child = spawn(process.execPath, [BIN, 'tier', input, '--value-column', 'Amount', '--out', out], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      let seen = false;
      const poll = setInterval(() => {
        if (!seen && temps(dir).length > 0) {
          seen = true;
          child.kill(signal);
        }
      }, 5);
      const [code, ended] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
        child.on('close', (c, s) => resolve([c, s])),
      );
      clearInterval(poll);
      expect(seen).toBe(true);
      expect(ended).toBe(signal);
      expect(code).toBeNull();
      expect(stderr).toMatch(/interrupted; .*big-out\.xlsx was not changed/);
      expect(temps(dir)).toEqual([]);
      expect(fs.readFileSync(out, 'utf8')).toBe('the previous result');
    });
  }

  test('standard output closed early (| head) ends quietly', async () => {
    const lines = ['Customer,Amount'];
    for (let i = 0; i < 50_000; i++) lines.push(`c${i},${i + 1}`);
    const input = file('pipe.csv', lines.join('\n'));
    const child = spawn(process.execPath, [BIN, 'tier', input, '--value-column', 'Amount'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('CSV output cannot run as formulas', () => {
  const names = [
    '=HYPERLINK("http://evil.example","click")',
    '+1+2',
    '-5 refund',
    '@SUM(A1:A9)',
    '\tTabbed',
    '\rReturn',
    'Plain',
    "-2+3+cmd|' /C calc'!A0",
  ];
  const amounts = ['100', '-5', '20', '+7', '3', '-1,234.50', '12', '1'];
  const text = `Customer,Note,Amount\n${names.map((n, i) => `"${n.replace(/"/g, '""')}",${i % 2 ? '-3' : '=1+1'},"${amounts[i]}"`).join('\n')}\n`;

  test('text starting with = + - @ TAB CR gets a leading quote; negative numbers stay numbers', () => {
    const input = file('inject.csv', text);
    const r = cli('tier', input, '--value-column', 'Amount');
    expect(r.code).toBe(0);
    const rows = csv(r.stdout).slice(1);
    expect(rows.map((row) => row[0])).toEqual(names.map((n) => (/^[=+\-@\t\r]/.test(n) ? `'${n}` : n)));
    expect(rows.map((row) => row[1])).toEqual(names.map((_, i) => (i % 2 ? '-3' : "'=1+1")));
    // Signed plain numbers from the input are numbers to a spreadsheet, not formulas: unchanged.
    expect(rows.map((row) => row[2])).toEqual(amounts);
  });

  test('per customer: negative totals are numbers, ids are neutralised, headers too', () => {
    const input = file('inject-id.csv', '=Customer,Amount\n@evil,-5\n@evil,-2\nok,10\n');
    const out = path.join(dirOf(), 'inject-id-out.csv');
    const r = cli('tier', input, '--value-column', 'Amount', '--id-column', '=Customer', '--out', out);
    expect(r.code).toBe(0);
    const rows = csv(fs.readFileSync(out, 'utf8'));
    expect(rows[0][0]).toBe("'=Customer");
    expect(rows.slice(1).map((row) => [row[0], row[1]])).toEqual([
      ['ok', '10'],
      ["'@evil", '-7'],
    ]);
  });

  test('XLSX output keeps such text as plain strings, not formulas (read back)', async () => {
    const input = file('inject-x.csv', text);
    const out = path.join(dirOf(), 'inject.xlsx');
    const r = cli('tier', input, '--value-column', 'Amount', '--out', out);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0];
    names.forEach((n, i) => {
      const cell = ws.getRow(i + 2).getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      // XML reads a lone CR back as a line break; what matters is that it is still text.
      expect(String(cell.value).replace(/\r\n?/g, '\n')).toBe(n.replace(/\r/g, '\n'));
      expect(cell.formula).toBeUndefined();
    });
  });
});

describe('tier --id-column: a blank or bad amount is never 0', () => {
  const text = 'Customer,Amount\nAcme,100\nAcme,\nBeta,n/a\nBeta,40\nGamma,\n,\nDelta,10\n';

  test('blank and unreadable amounts stop the run, each named by row', () => {
    const r = cli('tier', file('blank-amounts.csv', text), '--value-column', 'Amount', '--id-column', 'Customer');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/3 row\(s\) cannot be read/);
    expect(r.stderr).toMatch(/Row 3, column "Amount": The amount is blank: fill it in or delete the row\./);
    expect(r.stderr).toMatch(/Row 4, column "Amount": The amount is not readable: "n\/a" is not a number/); // the add-on's words
    expect(r.stderr).toMatch(/Row 6, column "Amount": The amount is blank/);
    expect(r.stderr).not.toMatch(/Row 7/); // blank in both columns: an empty row, not a problem
  });

  test('--skip-bad-rows: left-out rows add nothing, and a customer with only bad rows is not listed', () => {
    const r = cli('tier', file('blank-amounts2.csv', text), '--value-column', 'Amount', '--id-column', 'Customer', '--skip-bad-rows');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Warning: 3 row\(s\) left out/);
    expect(
      csv(r.stdout)
        .slice(1)
        .map((row) => [row[0], row[1]]),
    ).toEqual([
      ['Acme', '100'],
      ['Beta', '40'],
      ['Delta', '10'],
    ]);
  });
});

describe('nothing left to work on is an error, not an empty result', () => {
  test('--skip-bad-rows that leaves nothing: exit 1, no file', () => {
    const input = file('all-bad.csv', 'Customer,Amount,Date\nA,n/a,x\nB,?,y\n');
    const out = path.join(dirOf(), 'all-bad-out.csv');
    const cases: [string[], RegExp][] = [
      [['tier', input, '--value-column', 'Amount'], /Nothing to tier: every row with a value was left out/],
      [['tier', input, '--value-column', 'Amount', '--id-column', 'Customer'], /Nothing to tier/],
      [['value-groups', input, '--value-column', 'Amount'], /Nothing to group/],
      [['rfm', input, '--id-column', 'Customer', '--amount-column', 'Amount', '--date-column', 'Date'], /Nothing to score/],
    ];
    for (const [args, message] of cases) {
      const r = cli(...args, '--skip-bad-rows', '--out', out);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/Nothing was written/);
      expect(fs.existsSync(out)).toBe(false);
    }
  });

  test('a value column with no values at all', () => {
    const r = cli('tier', file('no-values.csv', 'Customer,Amount\nA,\nB,\n'), '--value-column', 'Amount');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Nothing to tier: column "Amount" has no values/);
  });

  test('a header-only file fails like an empty one (CSV, CSV of empty fields, XLSX)', async () => {
    const header = await xlsx('header-only.xlsx', (wb) => wb.addWorksheet('Data').addRow(['Customer', 'Amount']));
    for (const input of [
      file('header-only.csv', 'Customer,Amount\n'),
      file('header-commas.csv', 'Customer,Amount\n,\n , \n,,\n'),
      header,
    ]) {
      const r = cli('tier', input, '--value-column', 'Amount');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/has a header row but no data rows/);
    }
  });
});

test('amounts too large to add up are refused (the engine reads amounts within ±1e300), not printed as Infinity or NaN', () => {
  const input = file('huge.csv', 'Customer,Amount,Date\nA,1e308,2024-01-01\nA,1e308,2024-01-02\nB,5,2024-01-03\n');
  const cases = [
    ['tier', input, '--value-column', 'Amount'],
    ['tier', input, '--value-column', 'Amount', '--id-column', 'Customer'],
    ['value-groups', input, '--value-column', 'Amount'],
    ['rfm', input, '--id-column', 'Customer', '--amount-column', 'Amount', '--date-column', 'Date'],
  ];
  for (const args of cases) {
    const r = cli(...args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /Row 2, column "Amount": (The amount is not readable: )?"1e308" is too far from zero: amounts must lie within ±1e300/,
    );
    expect(r.stdout).toBe('');
  }
});

describe('two columns with the same header', () => {
  test('naming that header is ambiguous: exit 2, columns listed by letter', () => {
    const input = file('dupes.csv', 'Amount,Customer, Amount ,Region,amount\n1,a,2,x,3\n');
    let r = cli('tier', input, '--value-column', 'Amount');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--value-column "Amount" matches several columns: "Amount" \(column A\), "Amount" \(column C\)\. Give the full header, or rename one of them/,
    );
    r = cli('tier', input, '--value-column', 'AMOUNT');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"Amount" \(column A\), "Amount" \(column C\), "amount" \(column E\)/);
    // The other columns are still found.
    expect(cli('tier', input, '--value-column', 'Amount', '--id-column', 'Customer').stderr).not.toMatch(/--id-column/);
  });
});

/** A GB18030 encoder built from Node's decoder (Node has no GB encoder): enough for a test file. */
function gb18030(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return Buffer.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)));
}

describe('files as people export them', () => {
  const rows = [
    ['上海星河贸易', 500],
    ['北京恒通物流', 300],
    ['Acme', 100],
  ] as const;
  const content = (sep: string) => `客户名称${sep}金额 Amount\n${rows.map((r) => r.join(sep)).join('\n')}\n`;
  const utf16be = (s: string) => {
    const le = Buffer.from(s, 'utf16le');
    for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
    return le;
  };

  test('UTF-16 LE and BE with BOM (Excel "Unicode text") and GB18030 (Chinese Excel CSV) are decoded', () => {
    const inputs = [
      file('utf16le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(content('\t'), 'utf16le')])),
      file('utf16be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(content(','))])),
      file('gbk.csv', gb18030(content(','))),
    ];
    for (const input of inputs) {
      const r = cli('tier', input, '--value-column', '金额', '--id-column', '客户名称');
      expect(r.code).toBe(0);
      expect(csv(r.stdout).map((row) => row.slice(0, 2))).toEqual([['客户名称', '金额 Amount'], ...rows.map(([n, v]) => [n, String(v)])]);
    }
    expect(cli('tier', inputs[2], '--value-column', '金额').stderr).toMatch(/is not UTF-8; it was read as GB18030/);
  });

  test('text in neither UTF-8 nor GB18030 is refused, naming the first bad line; NUL bytes mean binary', () => {
    const bad = Buffer.concat([
      Buffer.from('Customer,Amount\nA,1\n'),
      Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x2c, 0x31, 0x0a]),
      Buffer.from([0xff, 0x0a]),
    ]);
    let r = cli('tier', file('latin1.csv', bad), '--value-column', 'Amount');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /latin1\.csv is not UTF-8 text: line 3 holds bytes that are neither UTF-8 nor GB18030\. Save it as "CSV UTF-8"/,
    );
    r = cli('tier', file('nul.csv', Buffer.from('Customer,Amount\nA,\u00001\n')), '--value-column', 'Amount');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nul\.csv is not a text file \(it holds NUL bytes/);
  });

  test('ragged rows: extra values stop (or are left out), trailing empty fields are fine, missing cells are blank', () => {
    const input = file('ragged.csv', 'Customer,Amount\nAcme, Inc,100\nBeta,50,,\nGamma\nDelta,20\n');
    let r = cli('tier', input, '--value-column', 'Amount');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/2 row\(s\) cannot be read/);
    expect(r.stderr).toMatch(/Row 2: The row has 3 values but the header has 2 columns \(a value may hold the delimiter without quotes\)/);
    // Gamma's missing amount is a blank amount, which stops a run as the README says (never 0, never silent).
    expect(r.stderr).toMatch(/Row 4, column "Amount": No tier: the value is blank or not a number/);
    r = cli('tier', input, '--value-column', 'Amount', '--skip-bad-rows');
    expect(r.code).toBe(0);
    const out = csv(r.stdout);
    expect(out.map((row) => row.slice(0, 3))).toEqual([
      ['Customer', 'Amount', 'Tier'],
      ['Acme', ' Inc', ''],
      ['Beta', '50', 'A'],
      ['Gamma', '', ''],
      ['Delta', '20', 'A'],
    ]);
    // Per customer, Gamma's missing amount is a blank amount: an issue, never 0.
    r = cli('tier', input, '--value-column', 'Amount', '--id-column', 'Customer', '--skip-bad-rows');
    expect(r.stderr).toMatch(/Row 4, column "Amount": The amount is blank/);
    expect(
      csv(r.stdout)
        .slice(1)
        .map((row) => row[0]),
    ).toEqual(['Beta', 'Delta']);
  });

  test('XLSX merged cells are not counted twice: the repeats are named by row and column', async () => {
    const input = await xlsx('merged.xlsx', (wb) => {
      const s = wb.addWorksheet('Orders');
      s.addRow(['Customer', 'Amount', 'Region']);
      s.addRow(['Acme', 100, 'East']);
      s.addRow(['Acme', null, null]);
      s.addRow(['Beta', 40, null]);
      s.mergeCells('B2:B3');
      s.mergeCells('C2:C4'); // not used by the command: no problem
    });
    let r = cli('tier', input, '--value-column', 'Amount', '--id-column', 'Customer');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Row 3, column "Amount": The cell is merged with B2: unmerge the cells and give each row its own value/);
    expect(r.stderr).not.toMatch(/Region/);
    r = cli('tier', input, '--value-column', 'Amount', '--id-column', 'Customer', '--skip-bad-rows');
    expect(r.code).toBe(0);
    expect(
      csv(r.stdout)
        .slice(1)
        .map((row) => [row[0], row[1]]),
    ).toEqual([
      ['Acme', '100'],
      ['Beta', '40'],
    ]);
  });

  test('XLSX formulas: the saved result is used; a formula without one is named by row and column', async () => {
    const input = await xlsx('formulas.xlsx', (wb) => {
      const s = wb.addWorksheet('S');
      s.addRow(['Customer', 'Amount']);
      s.addRow(['A', { formula: '50*2', result: 100 }]);
      s.addRow(['B', { formula: 'B2/2' } as ExcelJS.CellFormulaValue]);
      s.addRow(['C', 10]);
    });
    let r = cli('tier', input, '--value-column', 'Amount');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Row 3, column "Amount": The formula has no saved result: open the file in Excel or Sheets and save it/);
    r = cli('tier', input, '--value-column', 'Amount', '--skip-bad-rows');
    expect(
      csv(r.stdout)
        .slice(1)
        .map((row) => [row[1], row[2]]),
    ).toEqual([
      ['100', 'A'],
      ['', ''],
      ['10', 'B'],
    ]);
  });

  test('several sheets: the first is read and stderr says which; --sheet reads another', async () => {
    const input = await xlsx('two-sheets.xlsx', (wb) => {
      const a = wb.addWorksheet('Summary');
      a.addRow(['Customer', 'Amount']);
      a.addRow(['from summary', 1]);
      const b = wb.addWorksheet('Orders');
      b.addRow(['Customer', 'Amount']);
      b.addRow(['from orders', 2]);
    });
    let r = cli('tier', input, '--value-column', 'Amount');
    expect(r.stderr).toMatch(/Note: read sheet "Summary", the first of "Summary", "Orders"; pass --sheet NAME to read another\./);
    expect(csv(r.stdout)[1][0]).toBe('from summary');
    r = cli('tier', input, '--value-column', 'Amount', '--sheet', 'Orders');
    expect(r.stderr).toBe('');
    expect(csv(r.stdout)[1][0]).toBe('from orders');
    // --sheet on a CSV file is a mistake, not something to ignore.
    r = cli('tier', file('sheet.csv', 'Amount\n1\n'), '--value-column', 'Amount', '--sheet', 'Orders');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--sheet applies to XLSX files, and .*sheet\.csv is a CSV file/);
  });

  test('XLSX dates feed rfm as the calendar days shown', async () => {
    const input = await xlsx('orders.xlsx', (wb) => {
      const s = wb.addWorksheet('Orders');
      s.addRow(['Customer', 'Order date', 'Amount']);
      s.addRow(['A', new Date(Date.UTC(2025, 5, 1)), 10]);
      s.addRow(['A', new Date(Date.UTC(2025, 5, 20)), 10]);
      s.addRow(['B', new Date(Date.UTC(2025, 0, 31)), 5]);
    });
    const r = runCli(
      dirOf(),
      'rfm',
      input,
      '--id-column',
      'Customer',
      '--date-column',
      'date',
      '--amount-column',
      'Amount',
      '--as-of',
      '2025-06-30',
    );
    expect(r.code).toBe(0);
    expect(
      csv(r.stdout)
        .slice(1)
        .map((row) => row.slice(0, 5)),
    ).toEqual([
      ['A', '2025-06-01', '2025-06-20', '10', '2'],
      ['B', '2025-01-31', '2025-01-31', '150', '1'],
    ]);
  });

  test('odd files end in a one-line message, exit 1, never a stack trace', async () => {
    const zipJunk = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    fs.mkdirSync(path.join(dirOf(), 'a-folder.csv'));
    const noSheets = path.join(dirOf(), 'no-sheets.xlsx');
    await new ExcelJS.Workbook().xlsx.writeFile(noSheets);
    const cases: [string, RegExp][] = [
      [file('garbage.xlsx', garbage), /garbage\.xlsx is not an XLSX workbook \(it is not a zip file\)/],
      [file('zipjunk.xlsx', zipJunk), /zipjunk\.xlsx is not a readable XLSX workbook/],
      [file('zip-named.csv', zipJunk), /zip-named\.csv is not a readable XLSX workbook/],
      [file('empty.xlsx', ''), /empty\.xlsx is empty \(0 bytes\)/],
      [noSheets, /no-sheets\.xlsx (has no sheets|is not a readable XLSX workbook)/],
      [
        file('old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)])),
        /old\.xls is an old-style Excel workbook \(\.xls\): save it as \.xlsx or CSV/,
      ],
      [file('garbage.csv', garbage), /garbage\.csv is not a text file/],
      [path.join(dirOf(), 'a-folder.csv'), /a-folder\.csv is a folder: give a CSV or XLSX file/],
      [file('empty.csv', ''), /empty\.csv is empty/],
      [file('bom-only.csv', '\ufeff'), /bom-only\.csv is empty/],
      [file('blank-lines.csv', '\n\n  \n'), /blank-lines\.csv is empty/],
      [file('quote.csv', 'Customer,Amount\n"A,1\n'), /quote\.csv: not a readable CSV file: .*line/i],
    ];
    for (const [input, message] of cases) {
      const r = cli('tier', input, '--value-column', 'Amount');
      expect([input, r.code]).toEqual([input, 1]);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('rfm', () => {
  test('orders after --as-of are left out with a warning, never a negative recency', () => {
    const input = file('later.csv', 'Customer,Date,Amount\nA,2025-06-01,10\nA,2025-07-15,99\nB,2025-06-30,5\nC,2025-08-01,7\n');
    const r = cli('rfm', input, '--id-column', 'Customer', '--date-column', 'Date', '--amount-column', 'Amount', '--as-of', '2025-06-30');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Warning: 2 order(s) dated after --as-of 2025-06-30 left out (rows 3, 5).\n');
    const rows = csv(r.stdout).slice(1);
    expect(rows.map((row) => [row[0], row[2], row[3], row[5]])).toEqual([
      ['A', '2025-06-01', '29', '10'],
      ['B', '2025-06-30', '0', '5'],
    ]);
  });

  test('every order after --as-of: nothing to score', () => {
    const input = file('all-later.csv', 'Customer,Date,Amount\nA,2025-07-01,10\n');
    const r = cli('rfm', input, '--id-column', 'Customer', '--date-column', 'Date', '--amount-column', 'Amount', '--as-of', '2025-06-30');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Nothing to score: every order is dated after --as-of 2025-06-30/);
  });

  test('a CDNOW-like file: space-separated columns, YYYYMMDD dates', () => {
    const input = file(
      'cdnow-like.txt',
      ' customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n 00002 19970112  1   12.00\r\n 00002 19970326  5   77.00\r\n',
    );
    const r = cli(
      'rfm',
      input,
      '--id-column',
      'customer_id',
      '--date-column',
      'date',
      '--amount-column',
      'dollar_value',
      '--as-of',
      '1997-03-31',
    );
    expect(r.code).toBe(0);
    expect(
      csv(r.stdout)
        .slice(1)
        .map((row) => row.slice(0, 6)),
    ).toEqual([
      ['00001', '1997-01-01', '1997-01-01', '89', '1', '11.77'],
      ['00002', '1997-01-12', '1997-03-26', '5', '2', '89'],
    ]);
  });

  test('the real CDNOW master file (../shared): every row read, one row per customer', () => {
    const master = path.resolve(ROOT, '../shared/data/CDNOW_master.txt');
    const out = path.join(dirOf(), 'cdnow-rfm.csv');
    const r = cli(
      'rfm',
      master,
      '--id-column',
      'customer_id',
      '--date-column',
      'date',
      '--amount-column',
      'dollar_value',
      '--as-of',
      '1998-06-30',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    const rows = csv(fs.readFileSync(out, 'utf8')).slice(1);
    // Independent figures from the text file.
    const lines = fs
      .readFileSync(master, 'utf8')
      .split(/\r?\n/)
      .slice(1)
      .filter((l) => l.trim())
      .map((l) => l.trim().split(/\s+/));
    const last = new Map<string, string>();
    for (const [id, date, , value] of lines) if (Number(value) > 0 && date > (last.get(id) ?? '')) last.set(id, date);
    expect(rows).toHaveLength(new Set(lines.map((l) => l[0])).size);
    expect(rows).toHaveLength(23_570);
    for (const row of rows.slice(0, 500)) {
      const d = last.get(row[0]);
      expect(row[2]).toBe(d ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` : '');
    }
    expect(rows.every((row) => row[3] === '' || Number(row[3]) >= 0)).toBe(true);
  });
});
