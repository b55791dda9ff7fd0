/** Raising a notification: the engine says who, about what, and with which facts; the wording module says it. */
import { wording, type Notice } from '../notifications/wording';
import type { NotifyEvent } from './state';
import type { ConcernContext } from './types';

/** Where a notification goes: its de-duplication key, its recipients, and what it is about. */
export type Addressing = Pick<NotifyEvent, 'key' | 'recipients' | 'except' | 'stepId' | 'requestId'>;

export function notifyEvent(ctx: ConcernContext, notice: Notice, to: Addressing): NotifyEvent {
  return { kind: 'notify', type: notice.type, ...to, ...wording(ctx.reference, notice) };
}
