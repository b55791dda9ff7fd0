/**
 * What the concern notifications say. The workflow raises an event with its type and the facts the words need;
 * the words are written here, in one place, so they are read and changed together. They name the concern by its
 * reference and the step by its title, never anything from the concern itself (they travel through Teams).
 */

/** One notification's type and the facts its wording needs. */
export type Notice =
  /** A stage opened a step: its deciders are asked to decide it. */
  | { type: 'step-assigned'; to: 'deciders'; stepTitle: string; dueOn: string }
  /** Someone passed an open step to a named person. */
  | { type: 'step-assigned'; to: 'assignee'; passedBy: string; dueOn: string }
  /** The referrer is asked for information, or reminded that it is still wanted. */
  | { type: 'information-requested'; reminder: boolean }
  /** The information has come: `dueOn` is the step's new time limit, absent if the step had moved on. */
  | { type: 'information-supplied'; dueOn?: string }
  | { type: 'information-unanswered'; stepTitle: string }
  | { type: 'decided'; stepTitle: string; decidedBy: string; decision: string }
  | { type: 'concern-closed' }
  | { type: 'due-soon'; stepTitle: string; dueOn: string }
  /** `escalating`: the escalation goes out with this notice (false when the step was escalated before). */
  | { type: 'overdue'; stepTitle: string; dueOn: string; escalating: boolean }
  | { type: 'escalated'; stepTitle: string; dueOn: string; because: 'overdue' | 'no-decider' }
  | { type: 'review-due'; label: string; dueOn: string };

export interface Wording {
  title: string;
  body: string;
}

export function wording(reference: string, notice: Notice): Wording {
  const titled = (title: string, body: string): Wording => ({ title: `${reference}: ${title}`, body });
  switch (notice.type) {
    case 'step-assigned':
      return notice.to === 'deciders'
        ? titled(notice.stepTitle, `A Prevent concern needs your decision by ${notice.dueOn}.`)
        : titled(
            'assigned to you',
            `${notice.passedBy} passed this step to you. It is due by ${notice.dueOn}.`,
          );
    case 'information-requested':
      return notice.reminder
        ? titled(
            'more information still needed',
            'The Prevent team is still waiting for the information it asked you for about this concern.',
          )
        : titled(
            'more information needed',
            'The Prevent team has asked for more information about the concern you raised.',
          );
    case 'information-supplied':
      return titled(
        'information supplied',
        notice.dueOn
          ? `The information you asked for has arrived; the step is due by ${notice.dueOn}.`
          : 'The information you asked for has arrived, after the step had moved on.',
      );
    case 'information-unanswered':
      return titled(
        'no reply yet',
        `The information asked for on "${notice.stepTitle}" has not arrived. You may decide the step without it.`,
      );
    case 'decided':
      return titled(`${notice.stepTitle} decided`, `${notice.decidedBy} decided: ${notice.decision}.`);
    case 'concern-closed':
      return titled('closed', 'The concern you raised has been closed. Thank you for raising it.');
    case 'due-soon':
      return titled(`due ${notice.dueOn}`, `${notice.stepTitle} is due by ${notice.dueOn}.`);
    case 'overdue':
      return titled(
        'overdue',
        notice.escalating
          ? `${notice.stepTitle} was due by ${notice.dueOn} and has been escalated.`
          : `${notice.stepTitle} was due by ${notice.dueOn} and has not been decided.`,
      );
    case 'escalated':
      return titled(
        'escalated to you',
        notice.because === 'overdue'
          ? `${notice.stepTitle} was due by ${notice.dueOn} and has not been decided. You may now decide it.`
          : `Nobody else can decide "${notice.stepTitle}" (the role is not held in that agency, or only by the person who raised it). Please decide it by ${notice.dueOn}.`,
      );
    case 'review-due':
      return titled(`${notice.label} due`, `${notice.label} is due on ${notice.dueOn}.`);
  }
}
