/** BigQuery: "Copy SQL for BigQuery" shows (and copies) the query for the current settings; it follows every edit. */
import { t } from '../../i18n/ui';
import { byId } from '../dom';
import { sqlShown, uiLang, type Actions, type SidebarState } from '../state';
import { bigQueryText } from '../sqlText';

export function render(state: SidebarState): void {
  const box = byId<HTMLTextAreaElement>('sql-text');
  if (state.sqlTable === null) return;
  const text = bigQueryText(state.settings, state.sqlTable, uiLang(state));
  box.hidden = !text.ok;
  if (!text.ok) byId('sql-note').textContent = text.message;
  else if (box.value !== text.sql) {
    // A new query: "Copied" (or a fixed error) no longer applies.
    box.value = text.sql;
    byId('sql-note').textContent = '';
  }
}

export function wire({ current, update }: Actions): void {
  byId('sql-copy').addEventListener('click', async () => {
    update((s) => sqlShown(s, byId<HTMLInputElement>('sql-table').value));
    const box = byId<HTMLTextAreaElement>('sql-text');
    const note = byId('sql-note');
    const lang = uiLang(current());
    if (box.hidden) return;
    box.focus();
    box.select();
    // The add-on's sidebar is a sandboxed frame: the clipboard may be refused, and the selected text is the fallback.
    try {
      await navigator.clipboard.writeText(box.value);
      note.textContent = t(lang, 'sql.copied');
    } catch {
      note.textContent = t(lang, document.execCommand?.('copy') ? 'sql.copied' : 'sql.selectToCopy');
    }
  });
  byId('sql-table').addEventListener('input', () => {
    if (current().sqlTable !== null) update((s) => sqlShown(s, byId<HTMLInputElement>('sql-table').value));
  });
}
