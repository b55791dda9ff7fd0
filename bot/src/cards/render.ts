/**
 * Expands the Adaptive Card templates (adaptivecards-templating) with data. Templates are JSON files so they can
 * be opened in the Adaptive Cards designer; every expansion is checked against Teams' payload limit.
 */
import { Template } from 'adaptivecards-templating';
import { isolateBidi } from '@pph/contract';
import approval from './templates/approval.json';
import discard from './templates/discard.json';
import draftChoice from './templates/draft-choice.json';
import formStep from './templates/form-step.json';
import help from './templates/help.json';
import informationRequest from './templates/information-request.json';
import myConcerns from './templates/my-concerns.json';
import notice from './templates/notice.json';
import review from './templates/review.json';
import riskGuidance from './templates/risk-guidance.json';
import submitted from './templates/submitted.json';
import welcome from './templates/welcome.json';

/** Bumped when a card's actions change shape; actions from older cards are recognised and handled kindly. */
export const CARD_VERSION = 1;

/** Teams refuses bot messages over about 28 KB; keep a margin for the activity envelope. */
export const MAX_CARD_BYTES = 26 * 1024;

export const TEMPLATES = {
  approval,
  discard,
  'draft-choice': draftChoice,
  'form-step': formStep,
  help,
  'information-request': informationRequest,
  'my-concerns': myConcerns,
  notice,
  review,
  'risk-guidance': riskGuidance,
  submitted,
  welcome,
} as const;
export type TemplateName = keyof typeof TEMPLATES;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: string;
  [key: string]: unknown;
}

export class CardTooLargeError extends Error {
  constructor(
    readonly template: TemplateName,
    readonly bytes: number,
  ) {
    super(`The ${template} card is ${bytes} bytes, over the ${MAX_CARD_BYTES}-byte limit.`);
  }
}

export function renderCard(name: TemplateName, data: object): AdaptiveCard {
  const expanded = new Template(TEMPLATES[name]).expand({
    $root: { v: CARD_VERSION, ...data },
  }) as AdaptiveCard;
  const card = dropEmptyOptionals(expanded) as AdaptiveCard;
  const bytes = Buffer.byteLength(JSON.stringify(card));
  if (bytes > MAX_CARD_BYTES) throw new CardTooLargeError(name, bytes);
  return card;
}

/** Optional properties a template left empty are removed: some renderers treat "" as a real value. */
const OPTIONAL_WHEN_EMPTY = new Set(['value', 'placeholder', 'max', 'min', 'errorMessage']);

function dropEmptyOptionals(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropEmptyOptionals);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([k, v]) => !(OPTIONAL_WHEN_EMPTY.has(k) && v === ''))
      .map(([k, v]) => [k, dropEmptyOptionals(v)]),
  );
}

/**
 * Text someone typed, made safe to show in a TextBlock or FactSet: Adaptive Cards render a Markdown subset there,
 * so a referrer's "[link](https://…)" would become a link on the approver's card, "**" would shout, a line
 * starting "- " would become a list, and "{{DATE(…)}}" would be formatted. Each is escaped to show as typed.
 */
export function plain(text: string | undefined): string {
  if (!text) return '';
  return text
    .replace(/[\\`*_[\]<>~|]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+#])(?=\s)/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s)/gm, '$1\\$2')
    .replace(/\{\{/g, '{\u200b{');
}

/**
 * Text someone typed, for a card: shown as typed (plain) and bidi-isolated, so right-to-left words in it cannot
 * reorder the card's own words around it. Never for an input's value: that goes back to the hub as it is.
 */
export function typed(text: string | undefined): string {
  return text ? isolateBidi(plain(text)) : '';
}

/** Shortens free text for a card; the full text stays in the record. Never splits a character in two. */
export function clip(text: string | undefined, max: number): string {
  if (!text) return '';
  if (text.length <= max) return text;
  let cut = max - 1;
  if (/[\uDC00-\uDFFF]/.test(text[cut] ?? '')) cut -= 1; // the second half of an emoji stays with its first
  return `${text.slice(0, cut).trimEnd()}…`;
}

/**
 * The opening of a long text, ended where a sentence ends if one does in the second half of the room (else
 * where a word ends), so a preview never stops mid-word; "…" says there is more.
 */
export function opening(text: string, max: number): string {
  const t = text.trim();
  if (t.length <= max) return t;
  const head = clip(t, max + 1).slice(0, -1);
  const sentence = Math.max(...['. ', '! ', '? ', '.\n', '\n'].map((end) => head.lastIndexOf(end)));
  if (sentence >= max / 2) return `${head.slice(0, sentence + 1).trimEnd()} …`;
  const word = head.lastIndexOf(' ');
  return `${(word >= max / 2 ? head.slice(0, word) : head).trimEnd()}…`;
}

/** A phone number as a link that calls it ("[0800 789 321](tel:+44800789321)"): the number shows as written. */
export function telLink(shown: string, number = shown): string {
  const digits = number.replace(/[^\d+]/g, '');
  const dial = digits.startsWith('0') && digits.length > 4 ? `+44${digits.slice(1)}` : digits;
  return `[${plain(shown)}](tel:${dial})`;
}

/** Text (a setting such as the council's front door) with every phone number in it made a link that calls it. */
export function linkPhoneNumbers(text: string): string {
  const parts = text.split(/(?<![\w+])(\+?\d[\d ]{4,}\d)(?!\w)/);
  return parts.map((part, i) => (i % 2 === 1 ? telLink(part) : plain(part))).join('');
}

/** An e-mail address as a link that writes to it. */
export function mailLink(address: string): string {
  return `[${plain(address)}](mailto:${encodeURI(address)})`;
}
