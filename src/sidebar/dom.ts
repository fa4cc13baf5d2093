/** DOM helpers of the sidebar's sections: building nodes, and drawing state without disturbing the user's typing. */
import * as model from './model';
import type { Message } from './state';

export const byId = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, unknown> = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = String(value);
    else if (key === 'text') node.textContent = String(value);
    else if (key.startsWith('aria-') || key.startsWith('data-') || key === 'for') node.setAttribute(key, String(value));
    else (node as unknown as Record<string, unknown>)[key] = value;
  }
  for (const child of children) node.append(child);
  return node;
}

export function option(value: string, text: string, selected = false): HTMLOptionElement {
  return el('option', { value, text, selected });
}

/** What each node was last built from. */
const builtFrom = new WeakMap<Node, readonly unknown[]>();

/**
 * Runs `build` only when `key` differs (by Object.is, part by part) from what `node` was last built
 * from. Every update redraws every section: rebuilding a list on each keystroke would lose the
 * focus and caret of the input being typed in.
 */
export function keyed(node: Node, key: readonly unknown[], build: () => void): void {
  const last = builtFrom.get(node);
  if (last && last.length === key.length && last.every((part, i) => Object.is(part, key[i]))) return;
  builtFrom.set(node, key);
  build();
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * Shows `text` in a control unless what it holds already means the same (`same`): typing is never
 * overwritten by its own value, so "80." stays while it reads as 80.
 */
export function showValue(control: Control, text: string, same = (typed: string) => typed === text): void {
  if (!same(control.value)) control.value = text;
}

/** A cut or share in its input; text that is not a number stays while the value is not one either (validation names it). */
export function showCut(input: HTMLInputElement, kind: model.CutKind, cut: number): void {
  showValue(input, model.cutToDisplay(kind, cut), (typed) => {
    const read = model.displayToCut(kind, typed);
    return read === cut || (!Number.isFinite(read) && !Number.isFinite(cut));
  });
}

/** Marks `control` wrong (aria-invalid, outlined in red) with `text` in `error` below it; '' clears both. */
export function showInvalid(control: HTMLElement, error: HTMLElement, text: string): void {
  if (text) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
  if (error.textContent !== text) error.textContent = text;
  error.hidden = !text;
}

/** A message area showing `message` (nothing for null). */
export function showMessage(container: HTMLElement, message: Message | null): void {
  const kind = message?.kind;
  container.replaceChildren(
    ...(message?.texts ?? []).map((text) => el('div', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : undefined, text })),
  );
}

export function focus(id: string): void {
  document.getElementById(id)?.focus();
}

/** The field (label and control) around control `id`. */
export function field(id: string): HTMLElement {
  return byId(id).closest<HTMLElement>('.field')!;
}
