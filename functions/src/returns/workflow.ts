/**
 * How a return moves, without I/O: each change takes the stored state and gives the new one with the events it
 * raises (an audit entry, notifications). The service checks who may make it; the relay lands the events.
 */
import { randomUUID } from 'node:crypto';
import {
  ReturnPartSchema,
  type ApprovalRule,
  type PersonRef,
  type ReturnContent,
  type ReturnHistoryEntry,
  type ReturnPart,
  type ReturnTemplateRef,
} from '@pph/contract';
import { digestOf } from '../kernel/audit/chain';
import { DomainError } from '../kernel/errors';
import type { DueNotices } from './schedule';
import type { ReturnPendingEvent, ReturnState } from './state';

/** Who the audit trail names for what the timers do. */
export const TIMER_ACTOR = 'system:timers';

export interface Transition {
  state: ReturnState;
  events: ReturnPendingEvent[];
}

export interface ChangeContext {
  reference: string;
  partnerId: string;
  partnerName: string;
  cycleLabel: string;
  dueOn: string;
  now: Date;
}

export interface ActingPerson extends PersonRef {
  partnerId: string;
  partnerName: string;
}

const person = (p: PersonRef): PersonRef => ({ id: p.id, displayName: p.displayName });

export function newReturnState(template: ReturnTemplateRef, content: ReturnContent): ReturnState {
  return {
    revision: 0,
    status: 'not-started',
    template,
    content,
    history: [],
    approvals: [],
    notices: { opened: false, reminded: [], chased: [], escalated: false, chasedOn: [] },
  };
}

const audit = (
  ctx: ChangeContext,
  actorId: string,
  action: string,
  content: unknown,
  key: string = randomUUID(),
): ReturnPendingEvent => ({
  kind: 'audit',
  key,
  at: ctx.now.toISOString(),
  actorId,
  action,
  digest: digestOf({ reference: ctx.reference, ...(content as object) }),
});

const toAuthors = (ctx: ChangeContext) => [
  { kind: 'role' as const, role: 'return-author', partnerId: ctx.partnerId },
];

/** The parts of the content that differ. */
export function changedParts(before: ReturnContent, after: ReturnContent): ReturnPart[] {
  return ReturnPartSchema.options.filter((p) => JSON.stringify(before[p]) !== JSON.stringify(after[p]));
}

const PART_WORDS: Record<ReturnPart, string> = {
  training: 'training',
  trainingTotal: 'the total trained',
  referrals: 'referrals',
  sections: 'the delivery-plan sections',
  risks: 'risks and issues',
  goodPractice: 'good practice',
  priorities: 'priorities',
};

export const partsInWords = (parts: readonly ReturnPart[]) => {
  const words = parts.map((p) => PART_WORDS[p]);
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : (words[0] ?? 'nothing');
};

function entry(
  state: ReturnState,
  ctx: ChangeContext,
  e: Omit<ReturnHistoryEntry, 'at' | 'revision'>,
  revision = state.revision,
): ReturnHistoryEntry {
  return { at: ctx.now.toISOString(), revision, ...e };
}

/** Saves the content as typed. No change, no write (a retried save is harmless). */
export function saveDraft(
  state: ReturnState,
  content: ReturnContent,
  by: ActingPerson,
  ctx: ChangeContext,
): Transition | undefined {
  const changed = changedParts(state.content, content);
  if (changed.length === 0) return undefined;
  const revision = state.revision + 1;
  const revising = state.status === 'sent-back';
  return {
    state: {
      ...state,
      revision,
      status: 'draft',
      content,
      updatedAt: ctx.now.toISOString(),
      updatedBy: person(by),
      history: [
        ...state.history,
        entry(
          state,
          ctx,
          {
            by: person(by),
            action: state.status === 'not-started' ? 'started' : 'saved',
            changed,
            summary: `${revising ? 'Revised after being sent back' : 'Draft saved'}: ${partsInWords(changed)}`,
          },
          revision,
        ),
      ],
    },
    events: [audit(ctx, by.id, 'return.save', { revision, changed })],
  };
}

export function submit(
  state: ReturnState,
  content: ReturnContent,
  by: ActingPerson,
  ctx: ChangeContext,
  rule: ApprovalRule,
): Transition {
  const changed = changedParts(state.content, content);
  const revision = state.revision + 1;
  const at = ctx.now.toISOString();
  const late = at.slice(0, 10) > ctx.dueOn;
  const again = state.submittedAt !== undefined;
  return {
    state: {
      ...state,
      revision,
      status: 'submitted',
      content,
      approvals: [],
      submittedAt: at,
      submittedBy: person(by),
      updatedAt: at,
      updatedBy: person(by),
      history: [
        ...state.history,
        entry(
          state,
          ctx,
          {
            by: person(by),
            action: 'submitted',
            ...(changed.length ? { changed } : {}),
            summary: `${again ? 'Resubmitted' : 'Submitted'} for approval${late ? ' (after the due date)' : ''}`,
          },
          revision,
        ),
      ],
    },
    events: [
      audit(ctx, by.id, 'return.submit', { revision, changed }),
      {
        kind: 'notify',
        key: randomUUID(),
        type: 'return-submitted',
        to: rule.approverRoles.map((role) => ({ kind: 'role' as const, role })),
        except: [by.id],
        title: `${ctx.partnerName}'s return for ${ctx.cycleLabel} is ready for approval`,
        body: `${ctx.partnerName} has ${again ? 'resubmitted' : 'submitted'} its quarterly return. A board member of another agency approves it or sends it back with comments, in the Returns tab.`,
      },
    ],
  };
}

export function approve(
  state: ReturnState,
  by: ActingPerson,
  ctx: ChangeContext,
  rule: ApprovalRule,
  comments: string | undefined,
): Transition {
  const at = ctx.now.toISOString();
  const approvals = [
    ...state.approvals,
    {
      by: person(by),
      partnerId: by.partnerId,
      partnerName: by.partnerName,
      at,
      ...(comments ? { comments } : {}),
    },
  ];
  const done = approvals.length >= rule.approvalsRequired;
  const revision = state.revision + 1;
  const still = rule.approvalsRequired - approvals.length;
  return {
    state: {
      ...state,
      revision,
      status: done ? 'approved' : 'submitted',
      approvals,
      updatedAt: at,
      updatedBy: person(by),
      history: [
        ...state.history,
        entry(
          state,
          ctx,
          {
            by: person(by),
            action: done ? 'approved' : 'approval-recorded',
            ...(comments ? { comments } : {}),
            summary: done
              ? `Approved by ${by.displayName} (${by.partnerName})`
              : `Approval recorded (${by.partnerName}); ${still} more needed`,
          },
          revision,
        ),
      ],
    },
    events: [
      audit(ctx, by.id, done ? 'return.approve' : 'return.approval-recorded', { revision, comments }),
      ...(done
        ? [
            {
              kind: 'notify' as const,
              key: randomUUID(),
              type: 'return-approved' as const,
              to: toAuthors(ctx),
              title: `Your return for ${ctx.cycleLabel} is approved`,
              body: `${by.displayName} (${by.partnerName}) approved ${ctx.partnerName}'s return.${comments ? ` Their comments: ${comments}` : ''}`,
            },
          ]
        : []),
    ],
  };
}

export function sendBack(
  state: ReturnState,
  by: ActingPerson,
  ctx: ChangeContext,
  comments: string,
): Transition {
  const at = ctx.now.toISOString();
  const revision = state.revision + 1;
  return {
    state: {
      ...state,
      revision,
      status: 'sent-back',
      approvals: [],
      sentBack: { by: person(by), at, comments },
      updatedAt: at,
      updatedBy: person(by),
      history: [
        ...state.history,
        entry(
          state,
          ctx,
          {
            by: person(by),
            action: 'sent-back',
            comments,
            summary: `Sent back by ${by.displayName} (${by.partnerName})`,
          },
          revision,
        ),
      ],
    },
    events: [
      audit(ctx, by.id, 'return.send-back', { revision, comments }),
      {
        kind: 'notify',
        key: randomUUID(),
        type: 'return-sent-back',
        to: toAuthors(ctx),
        title: `Your return for ${ctx.cycleLabel} was sent back`,
        body: `${by.displayName} (${by.partnerName}) asks for changes before approving it: ${comments}`,
      },
    ],
  };
}

/** The secretariat's chaser: at most one a day (the key is the day's), bookkeeping only (the ETag stays). */
export function chase(
  state: ReturnState,
  by: ActingPerson,
  ctx: ChangeContext,
  today: string,
  message: string | undefined,
): Transition | undefined {
  if (state.notices.chasedOn.includes(today)) return undefined;
  const key = `${ctx.reference}:chase:${today}`;
  return {
    state: {
      ...state,
      notices: {
        ...state.notices,
        chasedOn: [...state.notices.chasedOn, today],
        lastChasedAt: ctx.now.toISOString(),
      },
      history: [
        ...state.history,
        entry(state, ctx, { by: person(by), action: 'chased', summary: `Chased by ${by.displayName}` }),
      ],
    },
    events: [
      audit(ctx, by.id, 'return.chase', { today }, `${key}:audit`),
      {
        kind: 'notify',
        key,
        type: 'return-chased',
        to: toAuthors(ctx),
        title: `Reminder: ${ctx.partnerName}'s return for ${ctx.cycleLabel}`,
        body: `The Prevent Board secretariat asks for your return (due ${ctx.dueOn}).${message ? ` ${message}` : ''} Fill it in from the Returns tab.`,
      },
    ],
  };
}

/** What the cycle's opening tells a new return's authors, with the audit entry of its creation. */
export function opened(ctx: ChangeContext): ReturnPendingEvent[] {
  return [
    audit(ctx, TIMER_ACTOR, 'return.open', { dueOn: ctx.dueOn }, `${ctx.reference}:opened:audit`),
    {
      kind: 'notify',
      key: `${ctx.reference}:opened`,
      type: 'return-cycle-opened',
      to: toAuthors(ctx),
      title: `The quarterly return for ${ctx.cycleLabel} is open`,
      body: `${ctx.partnerName}'s return to the Prevent Board is due on ${ctx.dueOn}: training delivered, referrals and delivery-plan progress. Fill it in from the Returns tab.`,
    },
  ];
}

/**
 * The timer's notices due for an outstanding return: the latest reminder or chaser whose date has come (earlier
 * ones not yet sent are marked done, not sent late), and the escalation to the board chair. Keys are fixed by the
 * notice, so a timer that fires twice, or two at once, sends each once.
 */
export function tick(state: ReturnState, ctx: ChangeContext, due: DueNotices): Transition | undefined {
  if (!due.reminders.length && !due.chasers.length && !due.escalate) return undefined;
  const events: ReturnPendingEvent[] = [];
  const history: ReturnHistoryEntry[] = [];
  const note = (action: 'reminded' | 'chased' | 'escalated', key: string, summary: string) => {
    events.push(audit(ctx, TIMER_ACTOR, `return.${action}`, { key }, `${key}:audit`));
    history.push(entry(state, ctx, { action, summary }));
  };
  // Past the due date a reminder is pointless: the chaser says it instead.
  if (
    due.reminders.length &&
    !due.chasers.length &&
    !due.escalate &&
    ctx.now.toISOString().slice(0, 10) <= ctx.dueOn
  ) {
    const days = Math.min(...due.reminders);
    const key = `${ctx.reference}:remind:${days}`;
    note('reminded', key, `Reminder sent: due in ${days} day${days === 1 ? '' : 's'}`);
    events.push({
      kind: 'notify',
      key,
      type: 'return-reminder',
      to: toAuthors(ctx),
      title: `${ctx.partnerName}'s return for ${ctx.cycleLabel} is due on ${ctx.dueOn}`,
      body: `The quarterly return to the Prevent Board is due in ${days} day${days === 1 ? '' : 's'}. Your draft is saved as you type: finish and submit it from the Returns tab.`,
    });
  }
  if (due.chasers.length && !due.escalate) {
    const days = Math.max(...due.chasers);
    const key = `${ctx.reference}:chaser:${days}`;
    note('chased', key, `Chaser sent: ${days} day${days === 1 ? '' : 's'} overdue`);
    events.push({
      kind: 'notify',
      key,
      type: 'return-chaser',
      to: toAuthors(ctx),
      title: `${ctx.partnerName}'s return for ${ctx.cycleLabel} is overdue`,
      body: `The return was due on ${ctx.dueOn}. Submit it from the Returns tab; if it is delayed, tell the secretariat.`,
    });
  }
  if (due.escalate) {
    const key = `${ctx.reference}:escalated`;
    note('escalated', key, 'Escalated to the board chair: still missing');
    events.push({
      kind: 'notify',
      key,
      type: 'return-escalated',
      to: [{ kind: 'role', role: 'board-chair' }],
      title: `${ctx.partnerName}'s return for ${ctx.cycleLabel} is still missing`,
      body: `The return was due on ${ctx.dueOn} and has not been submitted despite reminders and chasers. The secretariat can see the cycle at a glance in the Returns tab.`,
    });
  }
  return {
    state: {
      ...state,
      notices: {
        ...state.notices,
        reminded: [...new Set([...state.notices.reminded, ...due.reminders])],
        chased: [...new Set([...state.notices.chased, ...due.chasers])],
        escalated: state.notices.escalated || due.escalate,
      },
      history: [...state.history, ...history],
    },
    events,
  };
}

/** A change the rules no longer allow on the state as it is now (raced by someone else). */
export const noLonger = (message: string) => new DomainError('conflict', message);
