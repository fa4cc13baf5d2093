import { nameIn, type LocalNames } from '../engine/labels';
import type { Lang } from '../engine/types';

/** The one interpolation of every text: `{name}` placeholders filled from `value(name)`; one without a value stays visible. */
export function fill(template: string, value: (name: string) => string | undefined): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => value(name) ?? whole);
}

/** A text written as [English, Chinese], in `lang`, with its {name} placeholders filled from `vars`. */
export function localText(text: LocalNames, lang: Lang, vars: Record<string, string | number> = {}): string {
  return fill(nameIn(text, lang), (name) => (vars[name] === undefined ? undefined : String(vars[name])));
}
