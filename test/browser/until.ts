/**
 * Polls `read` until `done` holds or `timeoutMs` passes, then returns the last value for the real
 * assertion. As long as Playwright's own waits (30 s): on a loaded 2-core machine the sidebar's
 * re-read of the sheet can take seconds.
 */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}
