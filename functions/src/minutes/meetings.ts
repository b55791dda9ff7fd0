/**
 * What the minutes need of the meetings capability: a meeting as the pack reads it (every agenda item, who is
 * cleared for the restricted ones, invitees, attendance, the previous meeting of the same kind). The hub passes
 * the MeetingService in; only this narrow view of it is used here.
 */
import type { MeetingForPack } from '@pph/contract';
import { DomainError } from '../kernel/errors';

export interface MeetingsForMinutes {
  /** The meeting, unredacted; undefined when there is no such meeting. */
  find(meetingId: string): Promise<MeetingForPack | undefined>;
}

export async function meetingOrRefuse(
  meetings: MeetingsForMinutes,
  meetingId: string,
): Promise<MeetingForPack> {
  const m = await meetings.find(meetingId);
  if (!m)
    throw new DomainError(
      'not_found',
      `There is no meeting ${meetingId}. Check the id: the meetings are listed in the Board tab.`,
    );
  return m;
}
