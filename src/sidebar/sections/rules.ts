/** RFM segment rules, in order, each with its R/F/M ranges; a gap in their coverage shows live below them. */
import { settingProblemText } from '../../i18n/issues';
import { t } from '../../i18n/ui';
import { rfmRulesProblem } from '../../settings/settings';
import { RFM_SEGMENT_NAMES, localName } from '../../engine/labels';
import { DEFAULT_RFM_SEGMENT_RULES, type RfmSegmentRule } from '../../engine/rfm';
import * as model from '../model';
import { edit, uiLang, type Actions, type SidebarState } from '../state';
import { byId, el, focus, keyed, option } from '../dom';

function rangeSelect(id: string, value: number, label: string): HTMLSelectElement {
  const select = el(
    'select',
    { id, 'aria-label': label },
    [1, 2, 3, 4, 5].map((n) => option(String(n), String(n))),
  );
  select.value = String(value);
  return select;
}

function ruleRow(rule: RfmSegmentRule, i: number, count: number, lang: SidebarState['serverLang']): HTMLLIElement {
  const name = localName(RFM_SEGMENT_NAMES, rule.segment, lang);
  const up = el('button', {
    type: 'button',
    class: 'icon-button',
    id: `rule-up-${i}`,
    disabled: i === 0,
    'aria-label': t(lang, 'rules.moveUp', { segment: name }),
    text: '↑',
  });
  const down = el('button', {
    type: 'button',
    class: 'icon-button',
    id: `rule-down-${i}`,
    disabled: i === count - 1,
    'aria-label': t(lang, 'rules.moveDown', { segment: name }),
    text: '↓',
  });
  const ranges = model.RULE_SCORES.map((score) => {
    const letter = score.toUpperCase();
    const bound = (end: 'lo' | 'hi', value: number) =>
      rangeSelect(`rule-${i}-${score}-${end}`, value, t(lang, end === 'lo' ? 'rules.low' : 'rules.high', { segment: name, score: letter }));
    return el('span', { class: 'rule-range' }, [
      el('b', { text: letter, 'aria-hidden': 'true' }),
      bound('lo', rule[score][0]),
      '–',
      bound('hi', rule[score][1]),
    ]);
  });
  const segment = el(
    'select',
    { id: `rule-segment-${i}`, class: 'rule-segment', title: name, 'aria-label': t(lang, 'rules.segment', { n: i + 1 }) },
    model.RULE_SEGMENTS.map((key) => option(key, localName(RFM_SEGMENT_NAMES, key, lang))),
  );
  segment.value = rule.segment;
  const remove = el('button', {
    type: 'button',
    class: 'icon-button',
    id: `rule-remove-${i}`,
    disabled: count <= 1,
    'aria-label': t(lang, 'rules.remove', { n: i + 1, segment: name }),
    text: '×',
  });
  return el('li', { class: 'rule', 'data-segment': rule.segment }, [
    el('div', { class: 'rule-head' }, [el('span', { class: 'rule-n', text: i + 1, 'aria-hidden': 'true' }), segment, up, down, remove]),
    el('div', { class: 'rule-ranges' }, ranges),
  ]);
}

export function render(state: SidebarState): void {
  const lang = uiLang(state);
  const { mode, rfm } = state.settings;
  const section = byId('rules-section');
  section.hidden = mode !== 'rfm';
  const rules = model.editableRules(rfm);
  // Every control is a select or a button, so the list is simply rebuilt when the rules change.
  keyed(section, [lang, mode, JSON.stringify(rules)], () => {
    byId('rules').replaceChildren(...rules.map((rule, i) => ruleRow(rule, i, rules.length, lang)));
    const isDefault = model.rulesAreDefault(rules);
    byId('rules-edited').textContent = isDefault ? '' : t(lang, 'rules.edited');
    byId<HTMLButtonElement>('rules-reset').disabled = isDefault;
    const add = byId<HTMLButtonElement>('rules-add');
    add.disabled = rules.length >= model.MAX_RULES;
    add.title = add.disabled ? t(lang, 'rules.full', { n: model.MAX_RULES }) : '';
    const problem = rfmRulesProblem(rules);
    const error = byId('rules-error');
    error.textContent = problem ? settingProblemText(problem, lang) : '';
    error.hidden = !problem;
    // A gap opens the section, or nobody would see why the preview stopped.
    if (problem && mode === 'rfm') section.setAttribute('open', '');
  });
}

export function wire({ current, update }: Actions): void {
  /** Stores the rules `change` gives, then puts the keyboard on `focusId` of the rebuilt list. */
  const change = (fn: (rules: RfmSegmentRule[]) => RfmSegmentRule[], focusId?: string | ((count: number) => string)) => {
    update((s) => edit(s, (x) => model.editRules(x, fn)));
    const count = model.editableRules(current().settings.rfm).length;
    if (focusId) focus(typeof focusId === 'string' ? focusId : focusId(count));
  };
  const list = byId('rules');
  list.addEventListener('change', (e) => {
    const select = e.target as HTMLSelectElement;
    const segment = /^rule-segment-(\d+)$/.exec(select.id);
    if (segment) return change((rules) => model.setRuleSegment(rules, Number(segment[1]), select.value), select.id);
    const bound = /^rule-(\d+)-([rfm])-(lo|hi)$/.exec(select.id);
    if (bound)
      change(
        (rules) => model.setRuleBound(rules, Number(bound[1]), bound[2] as model.RuleScore, bound[3] as 'lo' | 'hi', Number(select.value)),
        select.id,
      );
  });
  list.addEventListener('click', (e) => {
    const [, action, n] = /^rule-(up|down|remove)-(\d+)$/.exec((e.target as HTMLElement).closest('button')?.id ?? '') ?? [];
    const i = Number(n);
    // The focus stays on the moved rule's arrow (the other one at either end), or on the rule that takes a deleted one's place.
    if (action === 'up') change((rules) => model.moveRule(rules, i, -1), i - 1 > 0 ? `rule-up-${i - 1}` : `rule-down-${i - 1}`);
    else if (action === 'down')
      change(
        (rules) => model.moveRule(rules, i, 1),
        (count) => (i + 1 < count - 1 ? `rule-down-${i + 1}` : `rule-up-${i + 1}`),
      );
    else if (action === 'remove')
      change(
        (rules) => model.removeRule(rules, i),
        (count) => (count <= 1 ? 'rules-add' : `rule-remove-${Math.min(i, count - 1)}`),
      );
  });
  byId('rules-reset').addEventListener('click', () => change(() => DEFAULT_RFM_SEGMENT_RULES.slice()));
  byId('rules-add').addEventListener('click', () => change(model.addRule, (count) => `rule-segment-${count - 1}`));
}
