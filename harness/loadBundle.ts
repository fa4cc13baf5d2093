/**
 * Runs the bundled add-on (dist/Code.js) the way Apps Script does: one global scope holding only
 * the Apps Script services (here the fake's) and `console`, then top-level functions called by
 * name. No Node globals (require, process, setTimeout) exist inside, as in Apps Script.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import type { FakeGas, Realm } from './fakeGas';

export const DEFAULT_CODE_PATH = path.resolve(__dirname, '..', 'dist', 'Code.js');

export type BundleContext = vm.Context & Record<string, any>;

/**
 * Loads Code.js into a fresh vm context holding only `fake.globals` (+ console) and starts a new
 * execution. Throws if the code called any service while loading: global code runs before every
 * trigger, so such a call would break onOpen in AuthMode.NONE for every user.
 */
export function loadBundle(fake: FakeGas, codePath: string = DEFAULT_CODE_PATH): BundleContext {
  let code: string;
  try {
    code = readFileSync(codePath, 'utf8');
  } catch {
    throw new Error(`Cannot read ${codePath}: run \`npm run build\` first.`);
  }
  const ctx = vm.createContext({ ...fake.globals, console: fake.console }) as BundleContext;
  fake.setRealm(vm.runInContext('({ Array, Date, Object, Error })', ctx) as Realm);
  fake.newExecution();
  const before = { ...fake.calls.byMethod };
  const totalBefore = fake.calls.total;
  try {
    vm.runInContext(code, ctx, { filename: codePath });
  } catch (e) {
    throw new Error(`${path.basename(codePath)} failed while loading: ${(e as Error)?.message ?? e}`);
  }
  if (fake.calls.total !== totalBefore) {
    const called = Object.entries(fake.calls.byMethod)
      .filter(([k, n]) => n !== (before[k] ?? 0))
      .map(([k, n]) => `${k} x${n - (before[k] ?? 0)}`);
    throw new Error(
      `${path.basename(codePath)} called Apps Script services while loading (${called.join(', ')}); ` +
        'global code runs before every trigger (in AuthMode.NONE for onOpen), so move these calls into functions.',
    );
  }
  return ctx;
}

/**
 * Calls the top-level function `name` as a new Apps Script execution: arguments are converted
 * into the bundle's realm (Dates, arrays) and the result and errors back to ordinary Node values.
 */
export function invoke(fake: FakeGas, ctx: BundleContext, name: string, ...args: unknown[]): unknown {
  const fn = ctx[name];
  if (typeof fn !== 'function') throw new Error(`Code.js has no top-level function ${name}.`);
  fake.newExecution();
  try {
    return fake.toHost(fn(...args.map((a) => fake.toAddon(a))));
  } catch (e) {
    throw fake.toHost(e);
  } finally {
    fake.endExecution();
  }
}

/** Clicks a recorded menu item by caption (searching sub-menus): runs its function as a new execution. */
export function clickMenuItem(fake: FakeGas, ctx: BundleContext, caption: string): unknown {
  type Entry = FakeGas['ui']['menus'][number]['items'][number];
  const find = (items: Entry[]): string | undefined => {
    for (const item of items) {
      if (item.type === 'item' && item.caption === caption) return item.functionName;
      if (item.type === 'submenu') {
        const hit = find(item.items);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  const fnName = find(fake.ui.menus.flatMap((m) => m.items));
  if (!fnName) throw new Error(`No menu item "${caption}"; the items call: ${fake.ui.menuFunctionNames().join(', ')}`);
  return invoke(fake, ctx, fnName);
}

/**
 * Sets the bundle's clock: `new Date()` and `Date.now()` inside Code.js return `now` from here
 * on (dates built from arguments are unchanged), so tests can run "next month" in one process.
 */
export function setBundleClock(ctx: BundleContext, now: Date): void {
  const install = vm.runInContext(
    `(function (nowMs) {
      var RealDate = globalThis.__realDate || Date;
      globalThis.__realDate = RealDate;
      function ClockDate() {
        var args = Array.prototype.slice.call(arguments);
        if (!new.target) return new ClockDate().toString();
        return args.length ? Reflect.construct(RealDate, args, new.target) : Reflect.construct(RealDate, [nowMs], new.target);
      }
      ClockDate.prototype = RealDate.prototype;
      ClockDate.now = function () { return nowMs; };
      ClockDate.UTC = RealDate.UTC;
      ClockDate.parse = RealDate.parse;
      globalThis.Date = ClockDate;
    })`,
    ctx,
  ) as (nowMs: number) => void;
  install(now.getTime());
}
