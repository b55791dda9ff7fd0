/** Meeting states as the contract's views: for a caller (redacted by clearance), and whole for the pack and minutes. */
import {
  MEETING_KIND_LABELS,
  MEETING_STATUS_LABELS,
  type AgendaItemView,
  type AttendanceEntry,
  type AttendanceResponse,
  type MeetingForPack,
  type MeetingSummary,
  type MeetingView,
  type PaperView,
  type QuorumRule,
} from '@pph/contract';
import type { Actor } from '../kernel/auth/actor';
import { londonInstant } from './london-time';
import { clearedFor, everyoneCleared, isSecretariat } from './policy';
import { quorum } from './quorum';
import { meetingEtag } from './repository';
import type { MeetingState, StoredItem, StoredPaper } from './state';

export function toSummary(s: MeetingState): MeetingSummary {
  return {
    id: s.id,
    ...(s.seriesId ? { seriesId: s.seriesId } : {}),
    kind: s.kind,
    kindLabel: MEETING_KIND_LABELS[s.kind],
    title: s.title,
    status: s.status,
    statusLabel: MEETING_STATUS_LABELS[s.status],
    start: s.start,
    end: s.end,
    startsAt: londonInstant(s.start).toISOString(),
    endsAt: londonInstant(s.end).toISOString(),
    date: s.start.slice(0, 10),
    location: { ...(s.location.venue ? { venue: s.location.venue } : {}), online: s.location.online },
    papersDueOn: s.papersDueOn,
    papersDueWorkingDays: s.papersDueWorkingDays,
    ...(s.statusReason ? { statusReason: s.statusReason } : {}),
  };
}

export const toPaperView = (p: StoredPaper): PaperView => ({
  id: p.id,
  itemId: p.itemId,
  fileName: p.fileName,
  library: p.library,
  name: p.name,
  version: p.version,
  contentType: p.contentType,
  size: p.size,
  late: p.late,
  uploadedAt: p.uploadedAt,
  uploadedBy: p.uploadedBy,
});

export function toItemView(
  actor: Actor,
  s: MeetingState,
  item: StoredItem,
  position: number,
): AgendaItemView {
  const cleared = clearedFor(actor, s, item);
  return {
    id: item.id,
    position,
    title: item.title,
    ...(item.description ? { description: item.description } : {}),
    ...(item.standing ? { standing: item.standing } : {}),
    ...(item.presenter ? { presenter: item.presenter } : {}),
    ...(item.minutes !== undefined ? { minutes: item.minutes } : {}),
    restricted: item.restricted,
    // Who is cleared is the secretariat's business; others see only whether they are.
    clearedFor: isSecretariat(actor) ? item.clearedFor : [],
    cleared,
    ...(cleared ? { papers: item.papers.map(toPaperView) } : {}),
  };
}

export function attendanceOf(s: MeetingState, rule: QuorumRule): AttendanceResponse {
  const entries: AttendanceEntry[] = s.invitees.map((i) => {
    const a = s.attendance[i.personId];
    return {
      personId: i.personId,
      displayName: i.displayName,
      partnerId: i.partnerId,
      partnerName: i.partnerName,
      status: a?.status ?? 'not-recorded',
      ...(a?.deputy ? { deputy: a.deputy } : {}),
    };
  });
  return { entries, quorum: quorum(s, rule) };
}

export function toView(actor: Actor, s: MeetingState, rule: QuorumRule): MeetingView {
  const secretariat = isSecretariat(actor);
  const open = s.status === 'scheduled' || s.status === 'rescheduled';
  return {
    ...toSummary(s),
    etag: meetingEtag(s),
    invitees: s.invitees,
    agenda: s.agenda.map((item, i) => toItemView(actor, s, item, i + 1)),
    attendance: attendanceOf(s, rule),
    history: s.history,
    ...(s.invitation.joinUrl ? { joinUrl: s.invitation.joinUrl } : {}),
    ...(s.recurrence ? { recurrence: s.recurrence } : {}),
    permissions: {
      edit: secretariat && open,
      recordAttendance: secretariat && s.status !== 'cancelled',
      markHeld: secretariat && open,
    },
  };
}

export function toPack(
  s: MeetingState,
  rule: QuorumRule,
  secretariatIds: readonly string[],
  previousMeetingId?: string,
): MeetingForPack {
  return {
    meeting: toSummary(s),
    date: s.start.slice(0, 10),
    invitees: s.invitees,
    attendance: attendanceOf(s, rule).entries,
    quorum: quorum(s, rule),
    items: s.agenda.map((item, i) => ({
      id: item.id,
      position: i + 1,
      title: item.title,
      ...(item.description ? { description: item.description } : {}),
      ...(item.standing ? { standing: item.standing } : {}),
      ...(item.presenter ? { presenter: item.presenter } : {}),
      restricted: item.restricted,
      clearedFor: item.restricted ? everyoneCleared(s, item, secretariatIds) : [],
      papers: item.papers.map((p) => ({
        library: p.library,
        name: p.name,
        version: p.version,
        contentType: p.contentType,
        size: p.size,
        late: p.late,
        fileName: p.fileName,
      })),
    })),
    ...(previousMeetingId ? { previousMeetingId } : {}),
  };
}
