/** Preview: customers and value per tier, group or segment for the current settings (no controls). */
import { t } from '../../i18n/ui';
import type { Lang } from '../../engine/types';
import * as model from '../model';
import { uiLang, type SidebarState } from '../state';
import type { PreviewResult } from '../preview';
import { byId, el, keyed } from '../dom';
import { cutLines } from '../../pipeline/cutLines';

const percent = (share: number) => `${(Math.round(share * 1000) / 10).toFixed(1)}%`;

function previewTable(result: PreviewResult, mode: SidebarState['settings']['mode'], lang: Lang): Node[] {
  const number = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 0 });
  const head = el('tr', {}, [
    el('th', { text: t(lang, mode === 'rfm' ? 'preview.segment' : mode === 'valueGroups' ? 'preview.group' : 'preview.tier') }),
    el('th', { text: t(lang, 'preview.customers') }),
    el('th', { text: t(lang, 'preview.customerShare') }),
    el('th', { text: t(lang, 'preview.valueShare') }),
  ]);
  const body = result.summary.map((row) =>
    el('tr', { 'data-tier': row.label }, [
      el('td', {}, [el('span', { class: 'swatch', style: `background:${row.colour}` }), row.label]),
      el('td', { class: 'customers', text: number.format(row.customers) }),
      el('td', { class: 'customer-share', text: percent(row.customerShare) }),
      el('td', { class: 'value-share' }, [
        percent(row.valueShare),
        el('div', { class: 'bar' }, [el('span', { style: `width:${Math.min(100, row.valueShare * 100)}%` })]),
      ]),
    ]),
  );
  const nodes: Node[] = [
    el('table', { class: 'preview-table', id: 'preview-table' }, [el('thead', {}, [head]), el('tbody', {}, body)]),
    el('p', {
      class: 'preview-totals',
      text: t(lang, 'preview.totals', { customers: number.format(result.totals.customers), value: number.format(result.totals.value) }),
    }),
  ];
  if (result.issues.length) {
    const line = (issue: (typeof result.issues)[number]) => t(lang, 'preview.issueRow', { row: issue.row, message: issue.message });
    nodes.push(
      el('p', {
        class: 'preview-issues',
        id: 'preview-issues',
        title: result.issues.slice(0, 20).map(line).join('\n'),
        text: t(lang, 'preview.issues', { n: result.issues.length, first: line(result.issues[0]) }),
      }),
    );
  }
  return nodes;
}

/** Within groups: the customers of each tier in each group (a row per group), under the overall table. */
function groupTable(result: PreviewResult, lang: Lang): Node[] {
  if (!result.groups?.length) return [];
  const number = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 0 });
  const head = el('tr', {}, [
    el('th', { text: t(lang, 'preview.groupHeader') }),
    ...result.order.map((label) => el('th', { text: label })),
  ]);
  const rows = result.groups.map((group) =>
    el('tr', { 'data-group': group.name }, [
      el('td', { text: group.name || '–' }),
      ...group.summary.map((row) => el('td', { class: 'customers', 'data-tier': row.label, text: number.format(row.customers) })),
    ]),
  );
  return [
    el('p', { class: 'preview-note', text: t(lang, 'preview.groupsTitle') }),
    el('table', { class: 'preview-table preview-groups', id: 'preview-groups' }, [el('thead', {}, [head]), el('tbody', {}, rows)]),
  ];
}

/** Where each ABC cut falls in the user's own values, as the summary sheet will say it. */
function cutNotes(state: SidebarState, preview: PreviewResult): Node[] {
  // Within groups each group has its own bounds (the summary sheet lists them per group).
  if (state.settings.mode !== 'abc' || preview.groups) return [];
  const lines = cutLines(state.settings, preview.summary, uiLang(state));
  return lines.length
    ? [
        el(
          'ul',
          { class: 'preview-cuts', id: 'preview-cuts' },
          lines.map((line) => el('li', { text: line })),
        ),
      ]
    : [];
}

/** Value groups without a cost or potential column leave BZ or MGC empty: the preview says why, not only shows 0. */
function valueGroupNotes(state: SidebarState): Node[] {
  const lang = uiLang(state);
  const { mode, source } = state.settings;
  if (mode !== 'valueGroups') return [];
  const notes: Node[] = [];
  if (!source.potentialColumn && !state.settings.valueGroups.mgcPredicted)
    notes.push(el('p', { class: 'preview-note', id: 'preview-no-potential', text: t(lang, 'preview.vgNoPotential') }));
  if (!source.costColumn) notes.push(el('p', { class: 'preview-note', id: 'preview-no-cost', text: t(lang, 'preview.vgNoCost') }));
  return notes;
}

export function render(state: SidebarState): void {
  const lang = uiLang(state);
  const { table, preview } = state;
  const container = byId('preview');
  // aria-busy marks a preview that does not yet show the latest edit (tests wait on it too).
  container.setAttribute('aria-busy', String(table.status === 'loading' || state.previewStale));
  const { mode, source } = state.settings;
  keyed(container, [table, preview, lang, mode, source.costColumn, source.potentialColumn, state.settings.abc], () => {
    if (table.status === 'loading') return container.replaceChildren(el('p', { class: 'muted', text: t(lang, 'preview.loading') }));
    if (table.status === 'failed')
      return container.replaceChildren(el('p', { class: 'preview-errors', text: t(lang, 'app.serverError', { message: table.message }) }));
    if (!preview) return container.replaceChildren(el('p', { class: 'muted', text: t(lang, 'preview.needData') }));
    if (preview.errors.length) {
      return container.replaceChildren(
        el(
          'ul',
          { class: 'preview-errors', id: 'preview-errors' },
          preview.errors.map((e) => el('li', { text: model.readableError(e, lang) })),
        ),
      );
    }
    container.replaceChildren(
      ...previewTable(preview, state.settings.mode, lang),
      ...groupTable(preview, lang),
      ...cutNotes(state, preview),
      ...valueGroupNotes(state),
    );
  });
}
