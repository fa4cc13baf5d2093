/**
 * The sidebar's side of the server contract (the sidebar* functions of src/addon/sidebarRpc.ts), as
 * promises over `google.script.run`. Dates never cross it: they arrive as ISO strings.
 * Type-only imports of the server side: they add nothing to the sidebar bundle.
 */
import type { Settings } from '../settings/schema';
import type { SheetInfo } from '../addon/sidebarRpc';

/** The server functions, typed from their implementation so the two cannot drift apart. */
import type * as ServerModule from '../addon/sidebarRpc';

type Server = typeof ServerModule;
export type SheetTable = ReturnType<Server['sidebarGetTable']>;
export type ServerState = ReturnType<Server['sidebarGetState']>;
export type SaveResult = ReturnType<Server['sidebarSaveSettings']>;
export type TierResult = ReturnType<Server['sidebarTierNow']>;

interface ServerApi {
  sidebarGetState(): ServerState;
  sidebarGetSheetInfo(sheetName: string, headerRow: number): SheetInfo;
  sidebarGetTable(sheetName: string, headerRow: number): SheetTable;
  sidebarSaveSettings(settings: Settings): SaveResult;
  sidebarTierNow(settings: Settings): TierResult;
}

interface ScriptRunner {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRunner;
  withFailureHandler(fn: (error: unknown) => void): ScriptRunner;
  [name: string]: unknown;
}

function runner(): ScriptRunner {
  const g = (globalThis as { google?: { script?: { run?: ScriptRunner } } }).google;
  const run = g?.script?.run;
  if (!run) throw new Error('google.script.run is not available: open this page as the add-on sidebar.');
  return run;
}

/** Calls a server function; rejects with an Error carrying the server's message. */
export function callServer<K extends keyof ServerApi>(name: K, ...args: Parameters<ServerApi[K]>): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const r = runner()
      .withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[K]>))
      .withFailureHandler((error) =>
        reject(error instanceof Error ? error : new Error(String((error as { message?: string })?.message ?? error))),
      );
    (r[name] as (...a: unknown[]) => void)(...args);
  });
}
