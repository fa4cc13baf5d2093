/** Running the customer-tiers CLI as a user would: a child process in a temp folder. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

export const ROOT = path.resolve(__dirname, '../..');
/** The built command, as users run it (npm test builds it first; `node build/build.mjs` for a quick loop). */
export const BIN = path.join(ROOT, 'bin/customer-tiers.js');

/** A temp folder per test file, removed afterwards; `dir()` is valid inside tests. */
export function tempDir(prefix: string): () => string {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}

/** Runs the built CLI in `cwd`, TZ=UTC. */
export function runCli(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const writeIn = (dir: string, name: string, content: string | Uint8Array) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

export const csv = (text: string): string[][] => parse(text, { bom: true, relax_column_count: true });
