/**
 * The frame around the sections: loading, the language of every static text, the messages above
 * the form, errors beside the settings they name, the status line and the Save / Run buttons.
 */
import { t, type UiKey } from '../../i18n/ui';
import type { Settings } from '../../settings/schema';
import * as model from '../model';
import { setLanguage, uiLang, type Actions, type SidebarState } from '../state';
import { byId, el, keyed, showMessage } from '../dom';

/** Drawn before the sections. */
export function renderFrame(state: SidebarState): void {
  byId('loading').hidden = state.phase !== 'loading';
  byId('form').hidden = state.phase !== 'ready';
  byId('app').setAttribute('aria-busy', String(state.phase === 'loading'));
  keyed(byId('messages'), [state.messages], () => showMessage(byId('messages'), state.messages));
  if (state.phase !== 'ready') return;
  const lang = uiLang(state);
  keyed(document.documentElement, [lang], () => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((node) => {
      node.textContent = t(lang, node.dataset.i18n as UiKey);
    });
    document.title = t(lang, 'app.title');
  });
  byId<HTMLSelectElement>('language').value = state.settings.language;
  byId<HTMLButtonElement>('save').disabled = state.busy;
  byId<HTMLButtonElement>('run').disabled = state.busy;
}

/** Each error next to the setting it names; the rest (and those of hidden settings) go to the status line. */
function renderErrors(state: SidebarState): void {
  const lang = uiLang(state);
  document.querySelectorAll('.field-error').forEach((node) => node.remove());
  document.querySelectorAll('.has-error').forEach((node) => node.classList.remove('has-error'));
  const paths = Array.from(document.querySelectorAll<HTMLElement>('[data-path]')).map((node) => node.dataset.path!);
  const general: string[] = [];
  let first: HTMLElement | null = null;
  for (const message of state.errors) {
    const target = model.errorTarget(message, paths);
    const container = target ? document.querySelector<HTMLElement>(`[data-path="${target}"]`) : null;
    if (!container || container.closest('[hidden]')) {
      general.push(model.readableError(message, lang));
      continue;
    }
    // An error inside a collapsed section opens it, or nobody would see the error.
    container.closest('details')?.setAttribute('open', '');
    container.classList.add('has-error');
    // A section that already shows this problem live (the segment rules' coverage) does not repeat it.
    const text = message.text;
    const live = container.querySelector<HTMLElement>('.live-error');
    if (!live || live.hidden || live.textContent !== text) container.append(el('p', { class: 'field-error', role: 'alert', text }));
    first ??= container;
  }
  if (state.errors.length) showMessage(byId('status'), { kind: 'error', texts: [t(lang, 'action.fixErrors'), ...general] });
  first?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}

/** Drawn after the sections: where an error shows depends on which of them are hidden. */
export function renderStatus(state: SidebarState): void {
  keyed(byId('form'), [state.errors], () => renderErrors(state));
  // The summary of field errors is drawn with them, in the sections' state of that moment.
  keyed(byId('status'), [state.status], () => {
    if (state.status?.kind !== 'fieldErrors') showMessage(byId('status'), state.status);
  });
}

export function wire({ update, save }: Actions): void {
  byId<HTMLSelectElement>('language').addEventListener('change', (e) => {
    const language = (e.target as HTMLSelectElement).value as Settings['language'];
    update((s) => setLanguage(s, language));
  });
  byId('save').addEventListener('click', () => save(false));
  byId('run').addEventListener('click', () => save(true));
  byId('form').addEventListener('submit', (e) => e.preventDefault());
}
