/** The one interpolation of every text: `{name}` placeholders filled from `value(name)`; one without a value stays visible. */
export function fill(template: string, value: (name: string) => string | undefined): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => value(name) ?? whole);
}
