/** Tiers: label, colour and cut of each tier (ABC and weighted score). */
import { t, type UiKey } from '../../i18n/ui';
import * as model from '../model';
import { edit, uiLang, type Actions, type SidebarState } from '../state';
import { byId, el, keyed, showCut, showInvalid, showValue } from '../dom';

export function render(state: SidebarState): void {
  const lang = uiLang(state);
  const s = state.settings;
  byId('tiers-section').hidden = !model.usesTiers(s);
  const kind = model.cutKind(s);
  const count = s.tiers.length;
  const list = byId('tiers');
  // Rebuilt when the rows change in number or kind; the values are written below without disturbing typing.
  keyed(list, [lang, s.mode, kind, count], () =>
    list.replaceChildren(
      ...s.tiers.map((_, i) => {
        const n = i + 1;
        const colour = el('input', { type: 'color', id: `tier-colour-${i}`, 'aria-label': t(lang, 'tiers.colour', { n }) });
        const label = el('input', {
          type: 'text',
          id: `tier-label-${i}`,
          class: 'tier-label',
          maxLength: 100,
          'aria-label': t(lang, 'tiers.label', { n }),
        });
        let cut: HTMLElement;
        if (kind && i < count - 1) {
          const input = el('input', {
            type: 'text',
            inputMode: 'decimal',
            id: `tier-cut-${i}`,
            'aria-label': t(lang, 'tiers.cut', { n }),
            'aria-describedby': `tier-cut-error-${i}`,
          });
          cut = el('span', { class: `cut ${kind === 'threshold' ? 'threshold' : ''}` }, [
            t(lang, `cut.${kind}.before` as UiKey),
            input,
            t(lang, `cut.${kind}.after` as UiKey),
          ]);
        } else {
          cut = el('span', { class: 'cut', text: kind ? t(lang, 'tiers.rest') : '' });
        }
        const remove = el('button', {
          type: 'button',
          class: 'icon-button',
          id: `tier-remove-${i}`,
          disabled: !(kind && count > 2),
          'aria-label': t(lang, 'tiers.remove', { n }),
          text: '×',
        });
        const row = el('div', { class: 'tier-row', 'data-tier': i }, [colour, label, cut, remove]);
        if (!(kind && i < count - 1)) return row;
        // A cut's problem shows live under its row; errors of a save on this path land here too.
        const error = el('p', { class: 'live-error', id: `tier-cut-error-${i}`, role: 'alert', hidden: true });
        return el('div', { 'data-path': `${s.mode}.cuts.${i}` }, [row, error]);
      }),
    ),
  );
  const cuts = model.activeCutList(s);
  const errors = new Map(model.cutErrors(s, lang).map((e) => [e.path, e.text]));
  s.tiers.forEach((tier, i) => {
    showValue(byId<HTMLInputElement>(`tier-colour-${i}`), tier.colour, (typed) => typed.toLowerCase() === tier.colour.toLowerCase());
    showValue(byId<HTMLInputElement>(`tier-label-${i}`), tier.label);
    const cut = document.getElementById(`tier-cut-${i}`) as HTMLInputElement | null;
    if (!cut || !kind) return;
    showCut(cut, kind, cuts[i]);
    const text = errors.get(`${s.mode}.cuts.${i}`) ?? '';
    showInvalid(cut, byId(`tier-cut-error-${i}`), text);
  });
  byId<HTMLButtonElement>('add-tier').disabled = kind === null || count >= model.MAX_TIERS;
}

export function wire({ update }: Actions): void {
  const list = byId('tiers');
  list.addEventListener('input', (e) => {
    const input = e.target as HTMLInputElement;
    const [, part, n] = /^tier-(colour|label|cut)-(\d+)$/.exec(input.id) ?? [];
    const i = Number(n);
    const value = input.value;
    if (part === 'colour') update((s) => edit(s, (x) => model.setTierColour(x, i, value)));
    else if (part === 'label') update((s) => edit(s, (x) => model.setTierLabel(x, i, value)));
    else if (part === 'cut')
      update((s) =>
        edit(s, (x) => {
          const kind = model.cutKind(x);
          return kind ? model.setCut(x, i, model.displayToCut(kind, value)) : x;
        }),
      );
  });
  list.addEventListener('click', (e) => {
    const [, n] = /^tier-remove-(\d+)$/.exec((e.target as HTMLElement).closest('button')?.id ?? '') ?? [];
    if (n) update((s) => edit(s, (x) => model.removeTier(x, Number(n))));
  });
  byId('add-tier').addEventListener('click', () => update((s) => edit(s, model.addTier)));
}
