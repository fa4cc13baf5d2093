import type { Lang } from '../engine/types';

/** The one interpolation of every text: `{name}` placeholders filled from `value(name)`; one without a value stays visible. */
export function fill(template: string, value: (name: string) => string | undefined): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => value(name) ?? whole);
}

/** A text written as [English, Chinese] (every table of the add-on's words), in `lang`. */
export type InBothLanguages = readonly [en: string, zh: string];
export function inLang(text: InBothLanguages, lang: Lang): string {
  return text[lang === 'zh' ? 1 : 0];
}
