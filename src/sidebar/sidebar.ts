/**
 * The add-on sidebar: edits the settings, previews the tiers live with the same engine the server
 * runs, saves, and runs "Tier customers now". Plain DOM; the static layout is in sidebar.html and
 * the lists (tiers, dimensions, preview) are rendered here.
 */
import { t, type UiKey } from '../i18n/ui';
import { applyPreset, rfmRulesProblem, validateSettings, type PresetId } from '../settings/settings';
import type { Settings } from '../settings/schema';
import type { Lang } from '../engine/types';
import { RFM_SEGMENT_NAMES, localName } from '../engine/labels';
import { DEFAULT_RFM_SEGMENT_RULES, type RfmSegmentRule } from '../engine/rfm';
import type { SheetInfo } from '../addon/sidebarRpc';
import { callServer, type SheetTable } from './api';
import * as model from './model';
import { computePreview, type PreviewResult } from './preview';

type ColumnKey = 'idColumn' | 'valueColumn' | 'dateColumn' | 'costColumn' | 'potentialColumn' | 'frequencyColumn';

const byId = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

let settings: Settings;
let serverLang: Lang = 'en';
let sheets: SheetInfo[] = [];
let info: SheetInfo | null = null;
let table: SheetTable | null = null;
let tableError = '';
let tableLoading = false;
/** Increases with each table request, so that a slow older answer does not overwrite a newer one. */
let tableRequest = 0;
let lastPreview: PreviewResult | null = null;
/** After a failed save, errors are re-checked on every edit so they disappear once fixed. */
let liveValidation = false;
let busy = false;

const lang = (): Lang => (settings.language === 'auto' ? serverLang : settings.language);
const tr = (key: UiKey, vars?: Record<string, string | number>) => t(lang(), key, vars);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, children: (Node | string)[] = []): HTMLElementTagNameMap[K] {
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

// ---------------------------------------------------------------- messages and errors

function showMessage(containerId: 'messages' | 'status', kind: 'info' | 'error' | 'success', texts: string[], append = false): void {
  const container = byId(containerId);
  if (!append) container.replaceChildren();
  for (const text of texts) container.append(el('div', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : undefined, text }));
}

function describeFailure(err: unknown): string {
  return tr('app.serverError', { message: String((err as Error)?.message ?? err) });
}

/** Shows each error next to the setting it names; the rest (and hidden targets) go to the status area. */
function renderErrors(errors: readonly string[]): void {
  document.querySelectorAll('.field-error').forEach((node) => node.remove());
  document.querySelectorAll('.has-error').forEach((node) => node.classList.remove('has-error'));
  const paths = Array.from(document.querySelectorAll<HTMLElement>('[data-path]')).map((node) => node.dataset.path!);
  const general: string[] = [];
  let first: HTMLElement | null = null;
  for (const message of errors) {
    const target = model.errorTarget(message, paths);
    const container = target ? document.querySelector<HTMLElement>(`[data-path="${target}"]`) : null;
    if (!container || container.closest('[hidden]')) {
      general.push(model.readableError(message, lang()));
      continue;
    }
    // An error inside a collapsed section opens it, or nobody would see the error.
    container.closest('details')?.setAttribute('open', '');
    container.classList.add('has-error');
    // A section that already shows this problem live (the segment rules' coverage) does not repeat it.
    const text = model.errorText(message);
    const live = container.querySelector<HTMLElement>('.live-error');
    if (!live || live.hidden || live.textContent !== text) container.append(el('p', { class: 'field-error', role: 'alert', text }));
    first ??= container;
  }
  if (errors.length) showMessage('status', 'error', [tr('action.fixErrors'), ...general]);
  first?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}

// ---------------------------------------------------------------- rendering

function applyLanguage(): void {
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((node) => {
    node.textContent = tr(node.dataset.i18n as UiKey);
  });
  document.title = tr('app.title');
}

function option(value: string, text: string, selected: boolean): HTMLOptionElement {
  return el('option', { value, text, selected });
}

function columnOptions(select: HTMLSelectElement, headers: readonly string[], current: string, allowNone: boolean): void {
  const options: HTMLOptionElement[] = [];
  if (allowNone) options.push(option('', tr('data.col.none'), current === ''));
  for (const header of headers) if (header) options.push(option(header, header, header === current));
  // A saved column the sheet no longer has stays visible, so the user sees what to fix.
  if (current && !headers.includes(current)) options.push(option(current, tr('data.col.missing', { name: current }), true));
  select.replaceChildren(...options);
  select.value = current;
}

function renderData(): void {
  const src = settings.source;
  byId<HTMLSelectElement>('sheet').replaceChildren(...sheets.map((s) => option(s.name, s.name, s.name === src.sheetName)));
  byId<HTMLSelectElement>('sheet').value = src.sheetName;
  byId<HTMLInputElement>('header-row').value = String(src.headerRow);
  byId<HTMLSelectElement>('layout').value = src.layout;
  byId('sheet-rows').textContent = info ? tr('data.rows', { n: info.dataRows }) : '';
  byId('detected-layout').textContent = info ? tr('data.detected', { layout: tr(`data.detected.${info.suggestion.layout}` as UiKey) }) : '';
  const headers = info?.headers ?? [];
  document.querySelectorAll<HTMLSelectElement>('select[data-column]').forEach((select) => {
    const key = select.dataset.column as ColumnKey;
    columnOptions(select, headers, src[key], true);
  });
  // The date and frequency columns matter only for some modes; the order date always for an orders list.
  byId('col-date').closest<HTMLElement>('.field')!.hidden = !(src.layout === 'orders' || settings.mode === 'rfm' || src.dateColumn);
  byId('col-frequency').closest<HTMLElement>('.field')!.hidden = src.layout === 'orders' || !(settings.mode === 'rfm' || settings.mode === 'score' || src.frequencyColumn);
  // In an orders list, cost is summed and potential taken per customer: they serve value groups.
  byId('col-cost').closest<HTMLElement>('.field')!.hidden = src.layout === 'orders' && settings.mode !== 'valueGroups' && !src.costColumn;
  byId('col-potential').closest<HTMLElement>('.field')!.hidden = src.layout === 'orders' && settings.mode !== 'valueGroups' && !src.potentialColumn;
}

function renderMethod(): void {
  byId<HTMLSelectElement>('mode').value = settings.mode;
  byId<HTMLSelectElement>('abc-method').value = settings.abc.method;
  byId('abc-options').hidden = settings.mode !== 'abc';
  byId('computed-note').hidden = !(settings.mode === 'abc' && settings.abc.method === 'computed');
  byId('score-options').hidden = settings.mode !== 'score';
  byId('rfm-options').hidden = settings.mode !== 'rfm';
  byId('rules-section').hidden = settings.mode !== 'rfm';
  byId('vg-options').hidden = settings.mode !== 'valueGroups';
  byId('tiers-section').hidden = !model.usesTiers(settings);
  byId<HTMLSelectElement>('normalisation').value = settings.score.normalisation;
  byId<HTMLSelectElement>('score-tier-method').value = settings.score.tierMethod;
  byId<HTMLInputElement>('rfm-as-of').value = settings.rfm.asOf;
  byId<HTMLInputElement>('mvc-share').value = model.cutToDisplay('rank', settings.valueGroups.mvcShare);
  byId<HTMLInputElement>('mgc-share').value = model.cutToDisplay('rank', settings.valueGroups.mgcShare);
  renderTiers();
  renderDimensions();
  renderRules();
  renderData();
}

function renderTiers(): void {
  const kind = model.cutKind(settings);
  const cuts = settings.mode === 'score' ? settings.score.cuts : settings.abc.cuts;
  const canRemove = kind !== null && settings.tiers.length > 2;
  const rows = settings.tiers.map((tier, i) => {
    const n = i + 1;
    const colour = el('input', { type: 'color', id: `tier-colour-${i}`, value: tier.colour, 'aria-label': tr('tiers.colour', { n }) });
    colour.addEventListener('input', () => { settings.tiers[i].colour = colour.value; onEdited(); });
    const label = el('input', { type: 'text', id: `tier-label-${i}`, class: 'tier-label', value: tier.label, maxLength: 100, 'aria-label': tr('tiers.label', { n }) });
    label.addEventListener('input', () => {
      // The tier's own action follows it to its new label.
      settings.playbook = model.renamePlaybookKey(settings.playbook, settings.tiers[i].label, label.value);
      settings.tiers[i].label = label.value;
      onEdited();
    });
    let cut: HTMLElement;
    if (kind && i < settings.tiers.length - 1) {
      const input = el('input', { type: 'text', inputMode: 'decimal', id: `tier-cut-${i}`, value: model.cutToDisplay(kind, cuts[i]), 'aria-label': tr('tiers.cut', { n }) });
      input.addEventListener('input', () => {
        cuts[i] = model.displayToCut(kind, input.value);
        input.classList.toggle('invalid', !Number.isFinite(cuts[i]));
        onEdited();
      });
      cut = el('span', { class: `cut ${kind === 'threshold' ? 'threshold' : ''}` }, [tr(`cut.${kind}.before` as UiKey), input, tr(`cut.${kind}.after` as UiKey)]);
    } else {
      cut = el('span', { class: 'cut', text: kind ? tr('tiers.rest') : '' });
    }
    const remove = el('button', { type: 'button', class: 'icon-button', id: `tier-remove-${i}`, disabled: !canRemove, 'aria-label': tr('tiers.remove', { n }), text: '×' });
    remove.addEventListener('click', () => { settings = model.removeTier(settings, i); renderTiers(); onEdited(); });
    return el('div', { class: 'tier-row', 'data-tier': i }, [colour, label, cut, remove]);
  });
  byId('tiers').replaceChildren(...rows);
  byId<HTMLButtonElement>('add-tier').disabled = kind === null || settings.tiers.length >= 10;
}

// ---------------------------------------------------------------- RFM segment rules

function rangeSelect(id: string, value: number, label: string, onChange: (value: number) => void): HTMLSelectElement {
  const select = el('select', { id, 'aria-label': label }, [1, 2, 3, 4, 5].map((n) => option(String(n), String(n), n === value)));
  select.value = String(value);
  select.addEventListener('change', () => onChange(Number(select.value)));
  return select;
}

/** Stores an edited rule list and refreshes the section; `focusId` keeps the keyboard where it was. */
function setRules(rules: readonly RfmSegmentRule[], focusId?: string): void {
  settings.rfm = model.withRules(settings.rfm, rules);
  renderRules();
  if (focusId) document.getElementById(focusId)?.focus();
  onEdited();
}

/** The segment rules in order, each with its R/F/M ranges; the coverage problem shows live below them. */
function renderRules(): void {
  const rules = model.editableRules(settings.rfm);
  const rows = rules.map((rule, i) => {
    const name = localName(RFM_SEGMENT_NAMES, rule.segment, lang());
    const up = el('button', { type: 'button', class: 'icon-button', id: `rule-up-${i}`, disabled: i === 0, 'aria-label': tr('rules.moveUp', { segment: name }), text: '↑' });
    up.addEventListener('click', () => setRules(model.moveRule(rules, i, -1), i - 1 > 0 ? `rule-up-${i - 1}` : `rule-down-${i - 1}`));
    const down = el('button', { type: 'button', class: 'icon-button', id: `rule-down-${i}`, disabled: i === rules.length - 1, 'aria-label': tr('rules.moveDown', { segment: name }), text: '↓' });
    down.addEventListener('click', () => setRules(model.moveRule(rules, i, 1), i + 1 < rules.length - 1 ? `rule-down-${i + 1}` : `rule-up-${i + 1}`));
    const ranges = model.RULE_SCORES.map((score) => {
      const letter = score.toUpperCase();
      const [lo, hi] = rule[score];
      const bound = (end: 'lo' | 'hi', value: number) => rangeSelect(`rule-${i}-${score}-${end}`, value, tr(end === 'lo' ? 'rules.low' : 'rules.high', { segment: name, score: letter }),
        (v) => setRules(model.setRuleBound(rules, i, score, end, v), `rule-${i}-${score}-${end}`));
      return el('span', { class: 'rule-range' }, [el('b', { text: letter, 'aria-hidden': 'true' }), bound('lo', lo), '–', bound('hi', hi)]);
    });
    const segment = el('select', { id: `rule-segment-${i}`, class: 'rule-segment', title: name, 'aria-label': tr('rules.segment', { n: i + 1 }) },
      model.RULE_SEGMENTS.map((key) => option(key, localName(RFM_SEGMENT_NAMES, key, lang()), key === rule.segment)));
    segment.value = rule.segment;
    segment.addEventListener('change', () => setRules(model.setRuleSegment(rules, i, segment.value), `rule-segment-${i}`));
    const remove = el('button', { type: 'button', class: 'icon-button', id: `rule-remove-${i}`, disabled: rules.length <= 1, 'aria-label': tr('rules.remove', { n: i + 1, segment: name }), text: '×' });
    // Focus goes to the rule that takes this place (or the one above when the last went), not lost to the page.
    remove.addEventListener('click', () => setRules(model.removeRule(rules, i), rules.length <= 2 ? 'rules-add' : `rule-remove-${Math.min(i, rules.length - 2)}`));
    return el('li', { class: 'rule', 'data-segment': rule.segment }, [
      el('div', { class: 'rule-head' }, [el('span', { class: 'rule-n', text: i + 1, 'aria-hidden': 'true' }), segment, up, down, remove]),
      el('div', { class: 'rule-ranges' }, ranges),
    ]);
  });
  byId('rules').replaceChildren(...rows);
  const isDefault = model.rulesAreDefault(rules);
  byId('rules-edited').textContent = isDefault ? '' : tr('rules.edited');
  byId<HTMLButtonElement>('rules-reset').disabled = isDefault;
  const add = byId<HTMLButtonElement>('rules-add');
  add.disabled = rules.length >= model.MAX_RULES;
  add.title = add.disabled ? tr('rules.full', { n: model.MAX_RULES }) : '';
  const problem = rfmRulesProblem(rules, lang());
  const error = byId('rules-error');
  error.textContent = problem ? model.errorText(problem) : '';
  error.hidden = !problem;
  // A gap opens the section, or nobody would see why the preview stopped.
  if (problem && settings.mode === 'rfm') byId('rules-section').setAttribute('open', '');
}

function dimensionColumns(): { value: string; text: string }[] {
  if (settings.source.layout === 'orders') return model.ORDER_METRICS.map((m) => ({ value: m, text: tr(`score.metric.${m}` as UiKey) }));
  return (info?.headers ?? []).filter(Boolean).map((h) => ({ value: h, text: h }));
}

function renderDimensionShares(): void {
  const shares = model.weightShares(settings.score.dimensions);
  shares.forEach((share, i) => {
    const node = document.getElementById(`dim-share-${i}`);
    if (!node) return;
    // The number alone fits beside the slider; the full sentence is for screen readers and hover.
    node.textContent = `${Math.round(share * 100)}%`;
    node.title = tr('score.share', { share: node.textContent });
    node.setAttribute('aria-label', node.title);
  });
}

function renderDimensions(): void {
  const columns = dimensionColumns();
  const rows = settings.score.dimensions.map((dim, i) => {
    const n = i + 1;
    const column = el('select', { id: `dim-column-${i}`, 'aria-label': tr('score.column', { n }) });
    const known = columns.some((c) => c.value === dim.column);
    column.replaceChildren(
      ...columns.map((c) => option(c.value, c.text, c.value === dim.column)),
      ...(known ? [] : [option(dim.column, tr('data.col.missing', { name: dim.column }), true)]),
    );
    column.value = dim.column;
    column.addEventListener('change', () => { dim.column = column.value; onEdited(); });
    const direction = el('select', { id: `dim-direction-${i}`, class: 'direction', 'aria-label': tr('score.direction', { n }) }, [
      option('higher', tr('score.higher'), dim.direction === 'higher'),
      option('lower', tr('score.lower'), dim.direction === 'lower'),
    ]);
    direction.addEventListener('change', () => { dim.direction = direction.value as 'higher' | 'lower'; onEdited(); });
    const remove = el('button', { type: 'button', class: 'icon-button', id: `dim-remove-${i}`, 'aria-label': tr('score.remove', { n }), text: '×' });
    remove.addEventListener('click', () => { settings.score.dimensions.splice(i, 1); renderDimensions(); onEdited(); });
    const weight = el('input', { type: 'range', id: `dim-weight-${i}`, min: '0', max: String(Math.max(100, dim.weight)), step: '1', value: String(dim.weight), 'aria-label': tr('score.weight', { n }) });
    weight.addEventListener('input', () => { dim.weight = Number(weight.value); renderDimensionShares(); onEdited(); });
    const share = el('span', { class: 'weight-share', id: `dim-share-${i}` });
    return el('div', { class: 'dim' }, [el('div', { class: 'dim-row' }, [column, remove]), el('div', { class: 'dim-row' }, [weight, share, direction])]);
  });
  byId('dimensions').replaceChildren(...rows);
  byId('no-dimensions').hidden = rows.length > 0;
  byId<HTMLButtonElement>('add-dimension').disabled = settings.score.dimensions.length >= 12 || columns.length === 0;
  renderDimensionShares();
}

function formatNumber(n: number): string {
  return new Intl.NumberFormat(lang() === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 0 }).format(n);
}

const percent = (share: number) => `${(Math.round(share * 1000) / 10).toFixed(1)}%`;

/** Shows the preview table for the current settings, then the playbook for its groups. */
function renderPreview(): void {
  renderPreviewTable();
  renderPlaybook();
}

function renderPreviewTable(): void {
  const container = byId('preview');
  clearTimeout(previewTimer);
  container.setAttribute('aria-busy', String(tableLoading));
  lastPreview = null;
  if (tableLoading) return container.replaceChildren(el('p', { class: 'muted', text: tr('preview.loading') }));
  if (tableError) return container.replaceChildren(el('p', { class: 'preview-errors', text: describeFailure(tableError) }));
  if (!table || !info) return container.replaceChildren(el('p', { class: 'muted', text: tr('preview.needData') }));
  const result = computePreview(settings, table, lang());
  if (result.errors.length) {
    return container.replaceChildren(el('ul', { class: 'preview-errors', id: 'preview-errors' }, result.errors.map((e) => el('li', { text: model.readableError(e, lang()) }))));
  }
  lastPreview = result;
  const head = el('tr', {}, [
    el('th', { text: tr(settings.mode === 'rfm' ? 'preview.segment' : settings.mode === 'valueGroups' ? 'preview.group' : 'preview.tier') }),
    el('th', { text: tr('preview.customers') }),
    el('th', { text: tr('preview.customerShare') }), el('th', { text: tr('preview.valueShare') }),
  ]);
  const body = result.summary.map((row) => el('tr', { 'data-tier': row.label }, [
    el('td', {}, [el('span', { class: 'swatch', style: `background:${row.colour}` }), row.label]),
    el('td', { class: 'customers', text: formatNumber(row.customers) }),
    el('td', { class: 'customer-share', text: percent(row.customerShare) }),
    el('td', { class: 'value-share' }, [percent(row.valueShare), el('div', { class: 'bar' }, [el('span', { style: `width:${Math.min(100, row.valueShare * 100)}%` })])]),
  ]));
  const nodes: Node[] = [
    el('table', { class: 'preview-table', id: 'preview-table' }, [el('thead', {}, [head]), el('tbody', {}, body)]),
    el('p', { class: 'preview-totals', text: tr('preview.totals', { customers: formatNumber(result.totals.customers), value: formatNumber(result.totals.value) }) }),
  ];
  if (result.issues.length) {
    const line = (issue: (typeof result.issues)[number]) => tr('preview.issueRow', { row: issue.row, message: issue.message });
    nodes.push(el('p', { class: 'preview-issues', id: 'preview-issues', title: result.issues.slice(0, 20).map(line).join('\n'), text: tr('preview.issues', { n: result.issues.length, first: line(result.issues[0]) }) }));
  }
  container.replaceChildren(...nodes);
}

/** What the playbook list was last built from, so that it is rebuilt only when that changes (keeping focus and typing). */
let playbookShown = '';

function playbookEntries(): model.PlaybookEntry[] {
  return lastPreview ? model.playbookEntries(lastPreview.order, lastPreview.keys, settings.playbook, lang()) : [];
}

function renderPlaybookEdited(entries: readonly model.PlaybookEntry[]): void {
  const edited = entries.filter((entry) => entry.text).length;
  byId('playbook-edited').textContent = edited ? tr('playbook.edited', { n: edited }) : '';
}

/** One box per tier, group or segment of the preview; the built-in action is the placeholder. */
function renderPlaybook(): void {
  const entries = playbookEntries();
  renderPlaybookEdited(entries);
  const signature = JSON.stringify([lang(), entries.map((entry) => [entry.key, entry.label, entry.text])]);
  if (signature === playbookShown) return;
  playbookShown = signature;
  const container = byId('playbook');
  if (!entries.length) return container.replaceChildren(el('p', { class: 'hint', text: tr('playbook.needPreview') }));
  const colours = new Map(lastPreview!.summary.map((row) => [row.label, row.colour]));
  container.replaceChildren(...entries.map((entry, i) => {
    const id = `playbook-${i}`;
    const box = el('textarea', { id, rows: 3, maxLength: 500, placeholder: entry.suggestion, value: entry.text, 'aria-label': tr('playbook.action', { label: entry.label }) });
    box.addEventListener('input', () => {
      settings.playbook = model.setPlaybookAction(settings.playbook, entry.key, box.value);
      renderPlaybookEdited(playbookEntries());
      revalidate();
    });
    const label = el('label', { for: id }, [el('span', { class: 'swatch', style: `background:${colours.get(entry.label) ?? '#fff'}` }), entry.label]);
    return el('div', { class: 'playbook-row', 'data-key': entry.key }, [label, box]);
  }));
}

let previewTimer: ReturnType<typeof setTimeout> | undefined;
function schedulePreview(): void {
  clearTimeout(previewTimer);
  // aria-busy marks a preview that does not yet show the latest edit (tests wait on it too).
  byId('preview').setAttribute('aria-busy', 'true');
  previewTimer = setTimeout(renderPreview, 120);
}

/** After a failed save: re-check, so errors disappear once fixed. */
function revalidate(): void {
  if (!liveValidation) return;
  const result = validate();
  renderErrors(result.ok ? [] : result.errors);
  if (result.ok) { byId('status').replaceChildren(); liveValidation = false; }
}

/** Every edit that can change the tiers: re-check shown errors, recompute the preview soon. */
function onEdited(): void {
  revalidate();
  schedulePreview();
}

// ---------------------------------------------------------------- data loading

async function loadTable(): Promise<void> {
  const request = ++tableRequest;
  const { sheetName, headerRow } = settings.source;
  table = null;
  tableError = '';
  tableLoading = true;
  renderPreview();
  try {
    const loaded = await callServer('sidebarGetTable', sheetName, headerRow);
    if (request !== tableRequest) return;
    table = loaded;
  } catch (err) {
    if (request !== tableRequest) return;
    tableError = String((err as Error)?.message ?? err);
  }
  tableLoading = false;
  renderPreview();
}

/** Reads a sheet's headers again; `suggest` replaces the chosen columns by the server's suggestion. */
async function loadSheet(sheetName: string, headerRow: number, suggest: boolean): Promise<void> {
  try {
    info = await callServer('sidebarGetSheetInfo', sheetName, headerRow);
    sheets = sheets.map((s) => (s.name === info!.name ? info! : s));
    settings.source.sheetName = info.name;
    settings.source.headerRow = info.headerRow;
    if (suggest) settings.source = model.applySuggestion(settings.source, info.suggestion);
  } catch (err) {
    showMessage('status', 'error', [describeFailure(err)]);
  }
  renderMethod();
  await loadTable();
}

async function init(): Promise<void> {
  try {
    const state = await callServer('sidebarGetState');
    settings = state.settings;
    serverLang = state.language;
    sheets = state.sheets;
    applyLanguage();
    showMessage('messages', 'info', state.messages);
    const saved = sheets.find((s) => s.name === settings.source.sheetName);
    const sheet = saved ?? sheets.find((s) => s.name === state.activeSheet) ?? sheets[0];
    // New settings (no value column yet) or a vanished sheet: start from the server's suggestion.
    const fresh = !saved || !settings.source.valueColumn;
    byId('loading').hidden = true;
    byId('form').hidden = false;
    byId('app').setAttribute('aria-busy', 'false');
    byId<HTMLSelectElement>('language').value = settings.language;
    if (!sheet) return renderMethod();
    if (fresh) {
      info = sheet;
      settings.source = model.applySuggestion({ ...settings.source, sheetName: sheet.name, headerRow: sheet.headerRow }, sheet.suggestion);
      renderMethod();
      await loadTable();
    } else if (sheet.headerRow !== settings.source.headerRow) {
      await loadSheet(sheet.name, settings.source.headerRow, false);
    } else {
      info = sheet;
      renderMethod();
      await loadTable();
    }
  } catch (err) {
    byId('loading').hidden = true;
    showMessage('messages', 'error', [describeFailure(err)]);
  }
}

// ---------------------------------------------------------------- events

function setBusy(on: boolean, key?: UiKey): void {
  busy = on;
  byId<HTMLButtonElement>('save').disabled = on;
  byId<HTMLButtonElement>('run').disabled = on;
  if (on && key) showMessage('status', 'info', [tr(key)]);
}

/** Validates locally first (instant, with errors beside the fields), then asks the server. */
/**
 * Validation as the user should read it: a cut or share that is not a number gets a plain message
 * in the UI language (zod would only say "Invalid input"); the rest comes from validateSettings.
 */
function validate(): ReturnType<typeof validateSettings> {
  const own: string[] = [];
  const cuts = settings.mode === 'score' ? settings.score.cuts : settings.abc.cuts;
  const path = settings.mode === 'score' ? 'score.cuts' : 'abc.cuts';
  if (model.cutKind(settings)) {
    cuts.forEach((cut, i) => { if (!Number.isFinite(cut)) own.push(`${path}.${i}: ${tr('tiers.cutNotNumber', { n: i + 1 })}`); });
  }
  if (settings.mode === 'valueGroups') {
    for (const key of ['mvcShare', 'mgcShare'] as const) {
      if (!Number.isFinite(settings.valueGroups[key])) own.push(`valueGroups.${key}: ${tr('vg.notNumber')}`);
    }
  }
  return own.length ? { ok: false, errors: own } : validateSettings(settings, lang());
}

async function save(thenRun: boolean): Promise<void> {
  if (busy) return;
  const checked = validate();
  if (!checked.ok) {
    liveValidation = true;
    renderErrors(checked.errors);
    return;
  }
  renderErrors([]);
  setBusy(true, thenRun ? 'action.running' : 'action.saving');
  try {
    // sidebarTierNow saves the settings itself before it runs: one round trip.
    if (thenRun) {
      const ran = await callServer('sidebarTierNow', checked.settings);
      if (ran.ok) showMessage('status', 'success', [ran.message]);
      else { liveValidation = true; renderErrors(ran.errors); }
      return;
    }
    const saved = await callServer('sidebarSaveSettings', checked.settings);
    if (saved.ok) showMessage('status', 'success', [tr('action.saved'), ...saved.messages]);
    else { liveValidation = true; renderErrors(saved.errors); }
  } catch (err) {
    showMessage('status', 'error', [describeFailure(err)]);
  } finally {
    setBusy(false);
  }
}

function bindEvents(): void {
  byId<HTMLSelectElement>('language').addEventListener('change', (e) => {
    settings.language = (e.target as HTMLSelectElement).value as Settings['language'];
    applyLanguage();
    renderMethod();
    renderPreview();
  });
  byId<HTMLSelectElement>('sheet').addEventListener('change', (e) => {
    const name = (e.target as HTMLSelectElement).value;
    const known = sheets.find((s) => s.name === name);
    void loadSheet(name, known?.headerRow ?? 1, true);
  });
  byId<HTMLInputElement>('header-row').addEventListener('change', (e) => {
    const row = Number((e.target as HTMLInputElement).value);
    if (!Number.isInteger(row) || row < 1) {
      renderErrors([`source.headerRow: ${tr('data.headerRow')} ≥ 1`]);
      return;
    }
    void loadSheet(settings.source.sheetName, row, true);
  });
  byId('refresh').addEventListener('click', () => void loadSheet(settings.source.sheetName, settings.source.headerRow, false));
  byId<HTMLSelectElement>('layout').addEventListener('change', (e) => {
    settings.source.layout = (e.target as HTMLSelectElement).value as Settings['source']['layout'];
    // Score dimensions name sheet columns for a customer list but rolled-up figures for an orders list.
    if (settings.mode === 'score') settings.score.dimensions = model.seedDimensions(settings.source);
    renderMethod();
    onEdited();
  });
  document.querySelectorAll<HTMLSelectElement>('select[data-column]').forEach((select) => {
    select.addEventListener('change', () => {
      settings.source[select.dataset.column as ColumnKey] = select.value;
      onEdited();
    });
  });
  byId<HTMLSelectElement>('preset').addEventListener('change', (e) => {
    const select = e.target as HTMLSelectElement;
    if (!select.value) return;
    settings = applyPreset(settings, select.value as PresetId);
    if (settings.mode === 'score' && settings.score.dimensions.length === 0) settings.score.dimensions = model.seedDimensions(settings.source);
    select.value = '';
    renderMethod();
    onEdited();
  });
  byId<HTMLSelectElement>('mode').addEventListener('change', (e) => {
    settings.mode = (e.target as HTMLSelectElement).value as Settings['mode'];
    if (settings.mode === 'score' && settings.score.dimensions.length === 0) settings.score.dimensions = model.seedDimensions(settings.source);
    settings = model.conformToMethod(settings, false);
    renderMethod();
    onEdited();
  });
  byId<HTMLSelectElement>('abc-method').addEventListener('change', (e) => {
    const method = (e.target as HTMLSelectElement).value as Settings['abc']['method'];
    // Switching to amounts: start from thresholds that keep today's tiers, when the preview has them.
    const minimums = lastPreview?.summary.map((row) => (row.customers ? row.min : NaN));
    settings.abc.method = method;
    settings = model.conformToMethod(settings, true);
    if (method === 'threshold' && minimums && minimums.length === settings.tiers.length) {
      const cuts = model.thresholdsFromTierMinimums(minimums);
      if (cuts) settings.abc.cuts = cuts;
    }
    renderMethod();
    onEdited();
  });
  byId<HTMLSelectElement>('score-tier-method').addEventListener('change', (e) => {
    settings.score.tierMethod = (e.target as HTMLSelectElement).value as Settings['score']['tierMethod'];
    settings = model.conformToMethod(settings, true);
    renderMethod();
    onEdited();
  });
  byId<HTMLSelectElement>('normalisation').addEventListener('change', (e) => {
    settings.score.normalisation = (e.target as HTMLSelectElement).value as Settings['score']['normalisation'];
    onEdited();
  });
  byId('add-tier').addEventListener('click', () => { settings = model.addTier(settings); renderTiers(); onEdited(); });
  byId('add-dimension').addEventListener('click', () => {
    const used = new Set(settings.score.dimensions.map((d) => d.column));
    const columns = dimensionColumns();
    const column = (columns.find((c) => !used.has(c.value)) ?? columns[0])?.value;
    if (!column) return;
    settings.score.dimensions.push({ column, weight: 10, direction: 'higher' });
    renderDimensions();
    onEdited();
  });
  byId('rules-reset').addEventListener('click', () => setRules(DEFAULT_RFM_SEGMENT_RULES));
  byId('rules-add').addEventListener('click', () => {
    const rules = model.addRule(model.editableRules(settings.rfm));
    setRules(rules, `rule-segment-${rules.length - 1}`);
  });
  byId<HTMLInputElement>('rfm-as-of').addEventListener('change', (e) => { settings.rfm.asOf = (e.target as HTMLInputElement).value; onEdited(); });
  byId<HTMLInputElement>('mvc-share').addEventListener('input', (e) => { settings.valueGroups.mvcShare = model.displayToCut('rank', (e.target as HTMLInputElement).value); onEdited(); });
  byId<HTMLInputElement>('mgc-share').addEventListener('input', (e) => { settings.valueGroups.mgcShare = model.displayToCut('rank', (e.target as HTMLInputElement).value); onEdited(); });
  byId('save').addEventListener('click', () => void save(false));
  byId('run').addEventListener('click', () => void save(true));
  byId('form').addEventListener('submit', (e) => e.preventDefault());
}

bindEvents();
void init();
