/** The review card's sections: every answer, shortened for the card, with the errors for each step. */
import { clip, typed } from '../cards/render';
import { britishDate } from './dates';
import {
  STEPS,
  dateProblem,
  getPath,
  inputValue,
  shortLabel,
  type Answers,
  type FieldError,
} from './intake-form';

export function reviewSections(answers: Answers, errors: (FieldError & { step: string })[]) {
  return STEPS.map((s) => ({
    step: s.key,
    title: s.title,
    facts: s.fields
      .filter((f) => getPath(answers, f.id) !== undefined)
      .map((f) => ({
        title: shortLabel(f),
        value: typed(clip(displayValue(f.choices, inputValue(f, answers), f.kind), 300)),
      })),
    errors: errors.filter((e) => e.step === s.key).map((e) => e.message),
  }));
}

function displayValue(
  choices: { title: string; value: string }[] | undefined,
  value: string,
  kind: string,
): string {
  if (kind === 'yes-no') return value === 'yes' ? 'Yes' : value === 'no' ? 'No' : value;
  if (kind === 'date') return dateProblem(value) ? 'Not fully chosen' : britishDate(value);
  if (!choices) return value;
  return value
    .split(',')
    .map((v) => choices.find((c) => c.value === v)?.title ?? v)
    .join('; ');
}
