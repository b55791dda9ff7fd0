/**
 * Expands the Adaptive Card templates (adaptivecards-templating) with data. Templates are JSON files so they can
 * be opened in the Adaptive Cards designer; every expansion is checked against Teams' payload limit.
 */
import { Template } from 'adaptivecards-templating';
import approval from './templates/approval.json';
import discard from './templates/discard.json';
import formStep from './templates/form-step.json';
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
  'form-step': formStep,
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

/** Shortens free text for a card; the full text stays in the record. */
export function clip(text: string | undefined, max: number): string {
  if (!text) return '';
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
