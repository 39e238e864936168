import './answer.css';
import type { SurveyForm } from '../../contracts/surveys.js';
import type { ChoiceOption, ItemDefinition } from '../../domain/forms/definition.js';
import { h, pictogram } from './dom.js';
import { UI, VARIANT_NAMES, type Variant } from './texts.js';

/**
 * The anonymous answering page (/svar/<round>#kod=<code>). Its own small entry: no login, no app
 * bundle. Answers in progress are kept in this device's localStorage only; the code is read from
 * the fragment (never sent in a URL) and removed from the address bar at once.
 */
const main = document.getElementById('main') as HTMLElement;
const roundId = location.pathname.split('/').filter(Boolean)[1] ?? '';
const storageKey = `kunskapsnav-svar:${roundId}`;
const fromFragment = new URLSearchParams(location.hash.slice(1)).get('kod') ?? '';
if (location.hash) history.replaceState(null, '', location.pathname);

interface Saved {
  variant: Variant;
  answers: Record<string, string>;
}

function load(): Saved {
  try {
    const raw = localStorage.getItem(storageKey);
    if (raw) return JSON.parse(raw) as Saved;
  } catch {
    /* storage unavailable or damaged: start afresh */
  }
  return { variant: 'sv', answers: {} };
}

const state = { ...load(), code: fromFragment, error: '' };
const save = () => {
  try {
    localStorage.setItem(storageKey, JSON.stringify({ variant: state.variant, answers: state.answers }));
  } catch {
    /* private mode: answering still works, only continuing later does not */
  }
};
const t = (key: string) => UI[state.variant][key] ?? key;

function text(survey: SurveyForm, key: string, fallback: { sv: string; en: string }): string {
  if (state.variant === 'en') return fallback.en;
  if (state.variant === 'easy') return survey.easyRead[key] ?? fallback.sv;
  return fallback.sv;
}

function languageSwitch(survey: SurveyForm): HTMLElement {
  const nav = h('nav', { 'aria-label': t('language'), class: 'languages' });
  for (const variant of Object.keys(VARIANT_NAMES) as Variant[]) {
    const button = h(
      'button',
      { type: 'button', 'aria-pressed': String(variant === state.variant) },
      VARIANT_NAMES[variant],
    );
    button.addEventListener('click', () => {
      state.variant = variant;
      document.documentElement.lang = variant === 'en' ? 'en' : 'sv';
      save();
      render(survey);
      main.querySelector<HTMLElement>(`[aria-pressed="true"]`)?.focus();
    });
    nav.append(button);
  }
  return nav;
}

function question(survey: SurveyForm, item: ItemDefinition & { options: ChoiceOption[] }): HTMLElement {
  const fieldset = h('fieldset', { class: 'question' }, h('legend', {}, text(survey, item.id, item.text)));
  const options = h('div', { class: survey.pictures ? 'options pictures' : 'options' });
  for (const option of item.options) {
    const id = `${item.id}-${option.code}`;
    const input = h('input', {
      type: 'radio',
      name: item.id,
      id,
      value: option.code,
      checked: state.answers[item.id] === option.code,
    });
    input.addEventListener('change', () => {
      state.answers[item.id] = option.code;
      save();
    });
    const picture = survey.pictures?.[option.code];
    const label = h(
      'label',
      { for: id },
      picture ? pictogram(picture) : null,
      h('span', {}, text(survey, `${item.id}.${option.code}`, option.text)),
    );
    options.append(h('div', { class: 'option' }, input, label));
  }
  fieldset.append(options);
  return fieldset;
}

function render(survey: SurveyForm): void {
  main.replaceChildren();
  main.append(
    languageSwitch(survey),
    h('h1', {}, text(survey, 'title', survey.form.title)),
    h('p', {}, t('anonymous')),
  );
  if (!survey.open) {
    main.append(h('p', { role: 'status' }, t('closed')));
    return;
  }
  const form = h('form', { novalidate: true });
  const alert = h(
    'div',
    { role: 'alert', id: 'form-error', class: state.error ? 'error' : 'error empty', tabindex: '-1' },
    state.error,
  );
  const code = h('input', {
    id: 'code',
    name: 'code',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    'aria-describedby': 'code-help',
    value: state.code,
  }) as HTMLInputElement;
  code.addEventListener('input', () => (state.code = code.value));
  form.append(
    alert,
    h(
      'div',
      { class: 'code' },
      h('label', { for: 'code' }, t('codeLabel')),
      h('p', { id: 'code-help', class: 'help' }, t('codeHelp')),
      code,
    ),
  );
  for (const group of survey.form.items) {
    if (group.type !== 'group') continue;
    const section = h(
      'section',
      { 'aria-labelledby': `h-${group.id}` },
      h('h2', { id: `h-${group.id}` }, text(survey, group.id, group.text)),
    );
    for (const item of group.items) if (item.type === 'singleChoice') section.append(question(survey, item));
    form.append(section);
  }
  form.append(
    h('p', { class: 'help' }, t('saved')),
    h('button', { type: 'submit', class: 'submit' }, t('submit')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit(survey);
  });
  main.append(form);
}

const CODE_MESSAGES: Record<string, string> = {
  unknown: 'codeUnknown',
  used: 'codeUsed',
  malformed: 'codeMalformed',
  empty: 'empty',
};

async function submit(survey: SurveyForm): Promise<void> {
  const res = await fetch(`/api/v1/surveys/rounds/${roundId}/answers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: state.code, answers: state.answers }),
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
  });
  if (res.status === 204) {
    localStorage.removeItem(storageKey);
    main.replaceChildren(h('h1', { tabindex: '-1', id: 'thanks' }, t('thanks')), h('p', {}, t('thanksText')));
    (document.getElementById('thanks') as HTMLElement).focus();
    return;
  }
  let message = 'error';
  if (res.status === 429) message = 'tooMany';
  else if (res.status === 409) message = 'closed';
  else if (res.status === 422 || res.status === 400) {
    const problem = (await res.json()) as { errors?: { field: string; rule: string }[] };
    const first = problem.errors?.[0];
    message = CODE_MESSAGES[first?.rule ?? ''] ?? 'error';
  }
  state.error = t(message);
  render(survey);
  (document.getElementById('form-error') as HTMLElement).focus();
}

async function start(): Promise<void> {
  const res = await fetch(`/api/v1/surveys/rounds/${encodeURIComponent(roundId)}/form`, {
    credentials: 'omit',
  });
  if (!res.ok) {
    main.replaceChildren(h('h1', {}, t('notFound')));
    return;
  }
  const survey = (await res.json()) as SurveyForm;
  document.documentElement.lang = state.variant === 'en' ? 'en' : 'sv';
  render(survey);
}

void start();
