/** The one registry of commands and card verbs: every button a card can send has its handler there. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CARD_ACTION_HANDLERS, cardActionFor, COMMAND_HANDLERS, commandFor } from '@pph/bot/core/registry';

const TEMPLATES = join(__dirname, '../../bot/src/cards/templates');

function verbsInTemplates(): string[] {
  const verbs = new Set<string>();
  for (const file of readdirSync(TEMPLATES).filter((f) => f.endsWith('.json')))
    for (const m of readFileSync(join(TEMPLATES, file), 'utf8').matchAll(/"verb":\s*"([^"]+)"/g))
      verbs.add(m[1]!);
  return [...verbs].sort();
}

describe('bot handler registry', () => {
  it('has a handler for every verb a card template sends, and none for a verb no card sends', () => {
    const verbs = verbsInTemplates();
    expect(verbs.length).toBeGreaterThan(10);
    for (const verb of verbs) expect(cardActionFor(verb)?.verb).toBe(verb);
    expect(CARD_ACTION_HANDLERS.map((h) => h.verb).sort()).toEqual(verbs);
  });

  it('finds each command by every one of its trigger words, and no trigger twice', () => {
    const triggers = COMMAND_HANDLERS.flatMap((h) => h.triggerPatterns);
    expect(new Set(triggers).size).toBe(triggers.length);
    for (const h of COMMAND_HANDLERS) for (const t of h.triggerPatterns) expect(commandFor(t)).toBe(h);
    expect(commandFor('raise a concern')).not.toBe(commandFor('start'));
  });
});
