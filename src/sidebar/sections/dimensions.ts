/** Dimensions of a weighted score: column, weight (with its share of the score) and direction of each. */
import { t, type UiKey } from '../../i18n/ui';
import * as model from '../model';
import { edit, uiLang, type Actions, type SidebarState } from '../state';
import { byId, el, keyed, option, showInvalid, showValue } from '../dom';
import { MAX_WEIGHT } from '../../settings/constants';
import type { DimensionSetting } from '../../settings/schema';
import type { Lang } from '../../engine/types';
import { answerKey } from '../../engine/points';

const headersOf = (state: SidebarState) => state.info?.headers ?? [];

export function render(state: SidebarState): void {
  const lang = uiLang(state);
  const { source, score } = state.settings;
  const dims = score.dimensions;
  const values = model.dimensionColumns(source, headersOf(state));
  const text = (value: string) =>
    (model.ORDER_METRICS as readonly string[]).includes(value) && source.layout === 'orders'
      ? t(lang, `score.metric.${value}` as UiKey)
      : model.columnLabel(value, headersOf(state), lang);
  // A dimension on a column the sheet does not have shows it as missing, so the user sees what to fix.
  const missing = dims.map((d) => (values.includes(d.column) ? '' : d.column));
  const list = byId('dimensions');
  keyed(list, [lang, source.layout, JSON.stringify(values), JSON.stringify(missing)], () =>
    list.replaceChildren(
      ...dims.map((_, i) => {
        const n = i + 1;
        const column = el('select', { id: `dim-column-${i}`, 'aria-label': t(lang, 'score.column', { n }) }, [
          ...values.map((value) => option(value, text(value))),
          ...(missing[i] ? [option(missing[i], t(lang, 'data.col.missing', { name: missing[i] }))] : []),
        ]);
        const direction = el('select', { id: `dim-direction-${i}`, class: 'direction', 'aria-label': t(lang, 'score.direction', { n }) }, [
          option('higher', t(lang, 'score.higher')),
          option('lower', t(lang, 'score.lower')),
        ]);
        const remove = el('button', {
          type: 'button',
          class: 'icon-button',
          id: `dim-remove-${i}`,
          'aria-label': t(lang, 'score.remove', { n }),
          text: '×',
        });
        const weight = el('input', {
          type: 'range',
          id: `dim-weight-${i}`,
          min: '0',
          step: '1',
          'aria-label': t(lang, 'score.weight', { n }),
        });
        // The box takes an exact weight (and any up to MAX_WEIGHT); the slider follows it and it follows the slider.
        const number = el('input', {
          type: 'number',
          id: `dim-weight-num-${i}`,
          class: 'weight-number',
          min: '0',
          max: String(MAX_WEIGHT),
          step: 'any',
          'aria-label': t(lang, 'score.weightNumber', { n }),
          'aria-describedby': `dim-weight-error-${i}`,
        });
        const share = el('span', { class: 'weight-share', id: `dim-share-${i}` });
        const error = el('p', { class: 'live-error', id: `dim-weight-error-${i}`, role: 'alert', hidden: true });
        const points = el('label', { class: 'check' }, [
          el('input', { type: 'checkbox', id: `dim-points-${i}` }),
          el('span', { text: t(lang, 'score.points') }),
        ]);
        return el('div', { class: 'dim', 'data-path': `score.dimensions.${i}.weight` }, [
          el('div', { class: 'dim-row' }, [column, direction, remove]),
          el('div', { class: 'dim-row' }, [weight, number, share]),
          error,
          points,
          el('div', { class: 'points', id: `dim-answers-${i}` }),
        ]);
      }),
    ),
  );
  const shares = model.weightShares(dims);
  const errors = new Map(model.weightErrors(state.settings, lang).map((e) => [e.path, e.text]));
  dims.forEach((dim, i) => {
    byId<HTMLSelectElement>(`dim-column-${i}`).value = dim.column;
    byId<HTMLSelectElement>(`dim-direction-${i}`).value = dim.direction;
    const weight = byId<HTMLInputElement>(`dim-weight-${i}`);
    weight.max = String(Math.max(100, Number.isFinite(dim.weight) ? dim.weight : 0));
    showValue(weight, String(dim.weight), (typed) => Number(typed) === dim.weight || !Number.isFinite(dim.weight));
    const number = byId<HTMLInputElement>(`dim-weight-num-${i}`);
    // What is being typed stays while it means the weight ("1." is 1; an empty box is no weight).
    showValue(number, Number.isFinite(dim.weight) ? String(dim.weight) : '', (typed) =>
      Object.is(model.displayToWeight(typed), dim.weight),
    );
    showInvalid(number, byId(`dim-weight-error-${i}`), errors.get(`score.dimensions.${i}.weight`) ?? '');
    const share = byId(`dim-share-${i}`);
    // The number alone fits beside the slider; the full sentence is for screen readers and hover.
    share.textContent = `${Math.round(shares[i] * 100)}%`;
    share.title = t(lang, 'score.share', { share: share.textContent });
    share.setAttribute('aria-label', share.title);
  });
  dims.forEach((dim, i) => renderPoints(state, i, dim, lang));
  byId('no-dimensions').hidden = dims.length > 0;
  byId<HTMLButtonElement>('add-dimension').disabled = dims.length >= model.MAX_DIMENSIONS || values.length === 0;
}

/**
 * A dimension's points table: the column's answers in the preview's rows (most frequent first,
 * model.ANSWER_LIMIT of them) and any answer the table already has, each with its points, then the
 * points of any other answer. Empty boxes give no points (the row is scored without the column).
 */
function renderPoints(state: SidebarState, i: number, dim: DimensionSetting, lang: Lang): void {
  byId<HTMLInputElement>(`dim-points-${i}`).checked = !!dim.points;
  const box = byId(`dim-answers-${i}`);
  const points = dim.points;
  const table = state.table.status === 'loaded' ? state.table.table : null;
  const found = points && table ? model.distinctAnswers(table, dim.column) : [];
  const listed = new Set(found.map((a) => answerKey(a.answer)));
  const answers = [
    ...found,
    ...Object.keys(points?.answers ?? {})
      .filter((a) => !listed.has(answerKey(a)))
      .map((answer) => ({ answer, count: 0 })),
  ];
  box.hidden = !points;
  const n = i + 1;
  keyed(box, [lang, !!points, JSON.stringify(answers)], () =>
    box.replaceChildren(
      ...(points && !answers.length ? [el('p', { class: 'hint', text: t(lang, 'score.pointsNone') })] : []),
      ...answers.map(({ answer, count }, k) =>
        el('div', { class: 'points-row' }, [
          el('span', { class: 'answer', text: answer, title: answer }),
          el('span', { class: 'count', text: count ? t(lang, 'score.pointsCount', { count }) : '' }),
          el('input', {
            type: 'number',
            step: 'any',
            id: `dim-answer-${i}-${k}`,
            'data-answer': answer,
            'aria-label': t(lang, 'score.pointsOf', { answer, n }),
          }),
        ]),
      ),
      ...(points
        ? [
            el('div', { class: 'points-row' }, [
              el('span', { class: 'answer', text: t(lang, 'score.pointsOther') }),
              el('input', { type: 'number', step: 'any', id: `dim-other-${i}`, 'aria-label': t(lang, 'score.pointsOtherOf', { n }) }),
            ]),
          ]
        : []),
    ),
  );
  if (!points) return;
  const shown = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '' : String(x));
  const pointsOf = (answer: string) => Object.entries(points.answers).find(([a]) => answerKey(a) === answerKey(answer))?.[1];
  answers.forEach(({ answer }, k) => {
    const input = byId<HTMLInputElement>(`dim-answer-${i}-${k}`);
    showValue(input, shown(pointsOf(answer)), (typed) => Object.is(model.displayToWeight(typed), pointsOf(answer)));
  });
  showValue(byId<HTMLInputElement>(`dim-other-${i}`), shown(points.other), (typed) =>
    Object.is(model.displayToWeight(typed), points.other),
  );
}

export function wire({ update }: Actions): void {
  const list = byId('dimensions');
  const onControl = (e: Event) => {
    const control = e.target as HTMLInputElement | HTMLSelectElement;
    const [, part, n] = /^dim-(column|direction|weight|weight-num|points|answer|other)-(\d+)/.exec(control.id) ?? [];
    const i = Number(n);
    const value = control.value;
    if (part === 'points') return update((s) => edit(s, (x) => model.usePoints(x, i, (control as HTMLInputElement).checked)));
    if (part === 'answer' || part === 'other') {
      const answer = part === 'answer' ? (control.dataset.answer ?? '') : null;
      return update((s) => edit(s, (x) => model.setAnswerPoints(x, i, answer, value)));
    }
    if (part === 'column') update((s) => edit(s, (x) => model.setDimension(x, i, { column: value })));
    else if (part === 'direction') update((s) => edit(s, (x) => model.setDimension(x, i, { direction: value as 'higher' | 'lower' })));
    else if (part === 'weight') update((s) => edit(s, (x) => model.setDimension(x, i, { weight: Number(value) })));
    else if (part === 'weight-num') update((s) => edit(s, (x) => model.setDimension(x, i, { weight: model.displayToWeight(value) })));
  };
  // Selects say 'change', the weight slider 'input' (its share follows while it moves).
  list.addEventListener('change', (e) => {
    const target = e.target as HTMLInputElement;
    if (target.tagName === 'SELECT' || target.type === 'checkbox') onControl(e);
  });
  list.addEventListener('input', (e) => {
    const target = e.target as HTMLInputElement;
    if (target.tagName === 'INPUT' && target.type !== 'checkbox') onControl(e);
  });
  list.addEventListener('click', (e) => {
    const [, n] = /^dim-remove-(\d+)$/.exec((e.target as HTMLElement).closest('button')?.id ?? '') ?? [];
    if (n) update((s) => edit(s, (x) => model.removeDimension(x, Number(n))));
  });
  byId('add-dimension').addEventListener('click', () =>
    update((s) => edit(s, (x) => model.addDimension(x, model.dimensionColumns(x.source, headersOf(s))))),
  );
}
