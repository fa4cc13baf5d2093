/** Playbook: one box per tier, group or segment of the preview; the built-in action is the placeholder. */
import { t } from '../../i18n/ui';
import * as model from '../model';
import { setPlaybookText, uiLang, usablePreview, type Actions, type SidebarState } from '../state';
import { byId, el, keyed, showValue } from '../dom';

export function render(state: SidebarState): void {
  // The rows follow the preview: until it catches up, a renamed tier's action would look lost.
  if (state.previewStale) return;
  const lang = uiLang(state);
  const preview = usablePreview(state);
  const entries = preview ? model.playbookEntries(preview.order, preview.keys, state.settings.playbook, lang) : [];
  const edited = entries.filter((entry) => entry.text).length;
  byId('playbook-edited').textContent = edited ? t(lang, 'playbook.edited', { n: edited }) : '';
  const colours = new Map(preview?.summary.map((row) => [row.label, row.colour]));
  const container = byId('playbook');
  const shape = entries.map((entry) => [entry.key, entry.label, entry.suggestion, colours.get(entry.label)]);
  // Rebuilt only when the groups change, so a box keeps its focus while its action is typed.
  keyed(container, [lang, JSON.stringify(shape)], () => {
    if (!entries.length) return container.replaceChildren(el('p', { class: 'hint', text: t(lang, 'playbook.needPreview') }));
    container.replaceChildren(
      ...entries.map((entry, i) => {
        const id = `playbook-${i}`;
        const box = el('textarea', {
          id,
          rows: 3,
          maxLength: 500,
          placeholder: entry.suggestion,
          'aria-label': t(lang, 'playbook.action', { label: entry.label }),
        });
        const label = el('label', { for: id }, [
          el('span', { class: 'swatch', style: `background:${colours.get(entry.label) ?? '#fff'}` }),
          entry.label,
        ]);
        return el('div', { class: 'playbook-row', 'data-key': entry.key }, [label, box]);
      }),
    );
  });
  // Stored trimmed: the spaces being typed stay in the box.
  entries.forEach((entry, i) => showValue(byId<HTMLTextAreaElement>(`playbook-${i}`), entry.text, (typed) => typed.trim() === entry.text));
}

export function wire({ update }: Actions): void {
  byId('playbook').addEventListener('input', (e) => {
    const box = e.target as HTMLTextAreaElement;
    const key = box.closest<HTMLElement>('.playbook-row')?.dataset.key;
    if (key !== undefined) update((s) => setPlaybookText(s, key, box.value));
  });
}
