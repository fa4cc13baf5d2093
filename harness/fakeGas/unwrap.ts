/** Proxy -> raw fake object, for every fake: lets helpers accept what the add-on was given. */
export const targets = new WeakMap<object, object>();

/** The raw fake object behind a proxy handed to the add-on (or the object itself if not a proxy). */
export function unwrapFake<T>(value: T): T {
  return (value && typeof value === 'object' && (targets.get(value) as T)) || value;
}
