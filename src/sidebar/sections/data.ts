/** Data: the sheet, header row, layout and the columns read from it. */
import { t, type UiKey } from '../../i18n/ui';
import type { Lang } from '../../engine/types';
import * as model from '../model';
import { edit, headerRowRejected, uiLang, type Actions, type SidebarState } from '../state';
import { byId, field, keyed, option } from '../dom';

const columnSelects = () => document.querySelectorAll<HTMLSelectElement>('select[data-column]');

function columnOptions(select: HTMLSelectElement, headers: readonly string[], current: string, lang: Lang): void {
  const options = [option('', t(lang, 'data.col.none'))];
  for (const header of headers) if (header) options.push(option(header, model.columnLabel(header, headers, lang)));
  // A saved column the sheet no longer has stays visible, so the user sees what to fix.
  if (current && !headers.includes(current)) options.push(option(current, t(lang, 'data.col.missing', { name: current })));
  select.replaceChildren(...options);
}

export function render(state: SidebarState): void {
  const lang = uiLang(state);
  const { settings, info, sheets, reading } = state;
  const src = settings.source;
  const sheet = byId<HTMLSelectElement>('sheet');
  keyed(sheet, [sheets], () => sheet.replaceChildren(...sheets.map((s) => option(s.name, s.name))));
  sheet.value = reading?.sheetName ?? src.sheetName;
  // Written only when the row read changes: a rejected row stays beside its error until fixed.
  const headerRow = byId<HTMLInputElement>('header-row');
  const row = reading?.headerRow ?? src.headerRow;
  keyed(headerRow, [row, info], () => {
    headerRow.value = String(row);
  });
  byId<HTMLSelectElement>('layout').value = src.layout;
  byId('sheet-rows').textContent = info ? t(lang, 'data.rows', { n: info.dataRows }) : '';
  byId('detected-layout').textContent = info
    ? t(lang, 'data.detected', { layout: t(lang, `data.detected.${info.suggestion.layout}` as UiKey) })
    : '';
  columnSelects().forEach((select) => {
    const current = src[select.dataset.column as model.ColumnKey];
    keyed(select, [info, current, lang], () => columnOptions(select, info?.headers ?? [], current, lang));
    select.value = current;
  });
  const groupBy = byId<HTMLSelectElement>('group-by');
  keyed(groupBy, [info, settings.groupBy, lang], () => columnOptions(groupBy, info?.headers ?? [], settings.groupBy, lang));
  groupBy.value = settings.groupBy;
  // The date and frequency columns matter only for some modes; the order date always for an orders list.
  const orders = src.layout === 'orders';
  field('col-date').hidden = !(orders || settings.mode === 'rfm' || src.dateColumn);
  field('col-frequency').hidden = orders || !(settings.mode === 'rfm' || settings.mode === 'score' || src.frequencyColumn);
  // In an orders list, cost is summed and potential taken per customer: they serve value groups.
  field('col-cost').hidden = orders && settings.mode !== 'valueGroups' && !src.costColumn;
  field('col-potential').hidden = orders && settings.mode !== 'valueGroups' && !src.potentialColumn;
}

export function wire({ current, update, readSheet }: Actions): void {
  byId<HTMLSelectElement>('sheet').addEventListener('change', (e) => {
    const name = (e.target as HTMLSelectElement).value;
    readSheet(name, current().sheets.find((s) => s.name === name)?.headerRow ?? 1, true);
  });
  byId<HTMLInputElement>('header-row').addEventListener('change', (e) => {
    const row = Number((e.target as HTMLInputElement).value);
    if (!Number.isInteger(row) || row < 1) return update(headerRowRejected);
    readSheet(current().settings.source.sheetName, row, true);
  });
  byId('refresh').addEventListener('click', () => {
    const { sheetName, headerRow } = current().settings.source;
    readSheet(sheetName, headerRow, false);
  });
  byId<HTMLSelectElement>('layout').addEventListener('change', (e) => {
    const layout = (e.target as HTMLSelectElement).value as SidebarState['settings']['source']['layout'];
    update((s) => edit(s, (x) => model.setLayout(x, layout)));
  });
  byId<HTMLSelectElement>('group-by').addEventListener('change', (e) => {
    const column = (e.target as HTMLSelectElement).value;
    update((s) => edit(s, (x) => model.setGroupBy(x, column)));
  });
  columnSelects().forEach((select) => {
    select.addEventListener('change', () =>
      update((s) => edit(s, (x) => model.patch(x, 'source', { [select.dataset.column as model.ColumnKey]: select.value }))),
    );
  });
}
