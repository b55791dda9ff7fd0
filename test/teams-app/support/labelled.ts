/**
 * The control a visible label names. Testing Library's *ByLabelText is correct but, in a form of a hundred
 * Fluent fields, takes seconds per query in jsdom; this follows the label's `for` (or the control's
 * aria-labelledby) from the label found by its whole text (a hidden prefix included), as assistive technology does.
 */
import { screen } from '@testing-library/react';

const control = (label: Element): HTMLElement => {
  const byFor = label.getAttribute('for');
  const found = byFor
    ? document.getElementById(byFor)
    : document.querySelector<HTMLElement>(`[aria-labelledby~="${CSS.escape(label.id)}"]`);
  if (!found) throw new Error(`No control is labelled "${label.textContent}".`);
  return found;
};

const isLabel = (text: string | RegExp) => (_: string, el: Element | null) =>
  el?.tagName === 'LABEL' &&
  (typeof text === 'string' ? el.textContent === text : text.test(el.textContent ?? ''));

export const labelled = (text: string | RegExp) => control(screen.getByText(isLabel(text)));
export const findLabelled = async (text: string | RegExp) => control(await screen.findByText(isLabel(text)));
