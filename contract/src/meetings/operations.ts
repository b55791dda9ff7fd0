/**
 * The meetings capability's operations. A paper's download and the invitation (.ics) answer with a file, not
 * JSON: they declare no response schema, so a client fetches pathOf(op, params) and reads the body as a Blob.
 */
import { defineOperations } from '../kernel/operation';
import {
  MAX_PAPER_BYTES,
  AddAgendaItemRequestSchema,
  AgendaResponseSchema,
  MoveAgendaItemRequestSchema,
  PaperListResponseSchema,
  PaperViewSchema,
  UpdateAgendaItemRequestSchema,
  UploadPaperRequestSchema,
} from './agenda';
import { AttendanceResponseSchema, RecordAttendanceRequestSchema } from './attendance';
import {
  CancelMeetingRequestSchema,
  MarkHeldRequestSchema,
  MeetingListResponseSchema,
  RescheduleMeetingRequestSchema,
  ScheduleMeetingRequestSchema,
  UpdateMeetingRequestSchema,
} from './meeting';
import { AgendaItemParamsSchema, MeetingParamsSchema, PaperParamsSchema } from './params';
import { MeetingViewSchema, ScheduleMeetingResponseSchema } from './view';

export const MeetingOperations = defineOperations({
  listMeetings: {
    method: 'GET',
    route: 'meetings',
    summary:
      'Meetings you are invited to (all of them for the secretariat), soonest upcoming first, then past ones',
    response: MeetingListResponseSchema,
    access: 'meetings.read',
  },
  scheduleMeeting: {
    method: 'POST',
    route: 'meetings',
    summary:
      'Schedule a meeting or a series (secretariat; idempotent on idempotencyKey: 201 when created, 200 on a replay)',
    request: ScheduleMeetingRequestSchema,
    response: ScheduleMeetingResponseSchema,
    status: 201,
    access: 'meeting.schedule',
  },
  getMeeting: {
    method: 'GET',
    route: 'meetings/{meetingId}',
    summary: 'A meeting with its invitees, agenda, papers you may see, attendance and quorum',
    params: MeetingParamsSchema,
    response: MeetingViewSchema,
    access: 'meeting.read',
  },
  updateMeeting: {
    method: 'PATCH',
    route: 'meetings/{meetingId}',
    summary: 'Change the title, venue, invitees or papers deadline of a meeting not yet held (secretariat)',
    params: MeetingParamsSchema,
    request: UpdateMeetingRequestSchema,
    response: MeetingViewSchema,
    access: 'meeting.edit',
  },
  rescheduleMeeting: {
    method: 'POST',
    route: 'meetings/{meetingId}/reschedule',
    summary: 'Move a meeting to a new date and time, with a reason (secretariat; invitees are told)',
    params: MeetingParamsSchema,
    request: RescheduleMeetingRequestSchema,
    response: MeetingViewSchema,
    access: 'meeting.edit',
  },
  cancelMeeting: {
    method: 'POST',
    route: 'meetings/{meetingId}/cancellation',
    summary: 'Cancel a meeting, with a reason (secretariat; invitees are told)',
    params: MeetingParamsSchema,
    request: CancelMeetingRequestSchema,
    response: MeetingViewSchema,
    access: 'meeting.edit',
  },
  markMeetingHeld: {
    method: 'POST',
    route: 'meetings/{meetingId}/held',
    summary: 'Mark a meeting held (secretariat): its agenda is then closed',
    params: MeetingParamsSchema,
    request: MarkHeldRequestSchema,
    response: MeetingViewSchema,
    access: 'meeting.edit',
  },
  downloadMeetingInvitation: {
    method: 'GET',
    route: 'meetings/{meetingId}/invitation',
    summary: 'The invitation as an iCalendar (.ics) file (a file, not JSON)',
    params: MeetingParamsSchema,
    access: 'meeting.read',
  },
  listAgenda: {
    method: 'GET',
    route: 'meetings/{meetingId}/agenda',
    summary: 'The agenda in order, restricted papers only for those cleared',
    params: MeetingParamsSchema,
    response: AgendaResponseSchema,
    access: 'meeting.read',
  },
  addAgendaItem: {
    method: 'POST',
    route: 'meetings/{meetingId}/agenda',
    summary: 'Add an item to the agenda of a meeting not yet held (secretariat)',
    params: MeetingParamsSchema,
    request: AddAgendaItemRequestSchema,
    response: AgendaResponseSchema,
    status: 201,
    access: 'meeting.edit',
  },
  updateAgendaItem: {
    method: 'PATCH',
    route: 'meetings/{meetingId}/agenda/{itemId}',
    summary: "Edit an item's title, presenter, timing, restriction or who is cleared (secretariat)",
    params: AgendaItemParamsSchema,
    request: UpdateAgendaItemRequestSchema,
    response: AgendaResponseSchema,
    access: 'meeting.edit',
  },
  moveAgendaItem: {
    method: 'PUT',
    route: 'meetings/{meetingId}/agenda/{itemId}/position',
    summary: 'Move an item to a position in the agenda (secretariat)',
    params: AgendaItemParamsSchema,
    request: MoveAgendaItemRequestSchema,
    response: AgendaResponseSchema,
    access: 'meeting.edit',
  },
  removeAgendaItem: {
    method: 'DELETE',
    route: 'meetings/{meetingId}/agenda/{itemId}',
    summary: 'Remove an item and its papers from the agenda (secretariat)',
    params: AgendaItemParamsSchema,
    response: AgendaResponseSchema,
    access: 'meeting.edit',
  },
  uploadPaper: {
    method: 'POST',
    route: 'meetings/{meetingId}/agenda/{itemId}/papers',
    summary: 'Upload a paper to an item: PDF or Word, at most 50 MB; flagged late after the papers deadline',
    params: AgendaItemParamsSchema,
    request: UploadPaperRequestSchema,
    response: PaperViewSchema,
    status: 201,
    // The file comes base64-encoded in JSON: a third larger than the paper, and a little for the rest.
    body: {
      maxBytes: Math.ceil((MAX_PAPER_BYTES * 4) / 3) + 64 * 1024,
      tooLarge: `A paper can be at most ${MAX_PAPER_BYTES / 1024 / 1024} MB. Compress its images or split it, then upload it again.`,
    },
    access: 'meeting.edit',
  },
  listPapers: {
    method: 'GET',
    route: 'meetings/{meetingId}/papers',
    summary: "A meeting's papers you may see, in agenda order",
    params: MeetingParamsSchema,
    response: PaperListResponseSchema,
    access: 'meeting.read',
  },
  downloadPaper: {
    method: 'GET',
    route: 'meetings/{meetingId}/papers/{paperId}',
    summary: "A paper's file (a file, not JSON); a restricted item's only for those cleared",
    params: PaperParamsSchema,
    access: 'meeting.read',
  },
  recordAttendance: {
    method: 'PUT',
    route: 'meetings/{meetingId}/attendance',
    summary: 'Record who was present, sent apologies, was absent or sent a deputy; answers with the quorum',
    params: MeetingParamsSchema,
    request: RecordAttendanceRequestSchema,
    response: AttendanceResponseSchema,
    access: 'meeting.attendance',
  },
});
