/** The meetings capability's operations, as plain handlers over its service (no HTTP here). */
import type { MeetingOperations, MeetingView } from '@pph/contract';
import type { OperationHandlers } from '../kernel/operations/handler';
import type { MeetingFile, MeetingService } from './service';

const withEtag = async (view: Promise<MeetingView>) => {
  const body = await view;
  return { body, headers: { etag: body.etag } };
};
const file = (f: MeetingFile) => ({
  file: { contentType: f.contentType, fileName: f.fileName, data: f.data },
});

export function meetingHandlers(meetings: MeetingService): OperationHandlers<typeof MeetingOperations> {
  return {
    listMeetings: async ({ actor }) => ({ body: await meetings.list(actor) }),
    scheduleMeeting: async ({ actor, body }) => {
      const { response, created } = await meetings.schedule(actor, body);
      return { body: response, status: created ? 201 : 200, headers: { etag: response.meeting.etag } };
    },
    getMeeting: ({ actor, params }) => withEtag(meetings.read(actor, params.meetingId)),
    updateMeeting: ({ actor, params, body, ifMatch }) =>
      withEtag(meetings.update(actor, params.meetingId, body, ifMatch)),
    rescheduleMeeting: ({ actor, params, body, ifMatch }) =>
      withEtag(meetings.reschedule(actor, params.meetingId, body, ifMatch)),
    cancelMeeting: ({ actor, params, body, ifMatch }) =>
      withEtag(meetings.cancel(actor, params.meetingId, body, ifMatch)),
    markMeetingHeld: ({ actor, params, body, ifMatch }) =>
      withEtag(meetings.markHeld(actor, params.meetingId, body.etag ?? ifMatch)),
    downloadMeetingInvitation: async ({ actor, params }) =>
      file(await meetings.invitation(actor, params.meetingId)),
    listAgenda: async ({ actor, params }) => ({ body: await meetings.agenda(actor, params.meetingId) }),
    addAgendaItem: async ({ actor, params, body, ifMatch }) => ({
      body: await meetings.addItem(actor, params.meetingId, body, ifMatch),
    }),
    updateAgendaItem: async ({ actor, params, body, ifMatch }) => ({
      body: await meetings.updateItem(actor, params.meetingId, params.itemId, body, ifMatch),
    }),
    moveAgendaItem: async ({ actor, params, body, ifMatch }) => ({
      body: await meetings.moveItem(actor, params.meetingId, params.itemId, body.position, ifMatch),
    }),
    removeAgendaItem: async ({ actor, params, ifMatch }) => ({
      body: await meetings.removeItem(actor, params.meetingId, params.itemId, ifMatch),
    }),
    uploadPaper: async ({ actor, params, body }) => ({
      body: await meetings.uploadPaper(actor, params.meetingId, params.itemId, body),
    }),
    listPapers: async ({ actor, params }) => ({ body: await meetings.papers(actor, params.meetingId) }),
    downloadPaper: async ({ actor, params }) =>
      file(await meetings.downloadPaper(actor, params.meetingId, params.paperId)),
    recordAttendance: async ({ actor, params, body, ifMatch }) => ({
      body: await meetings.recordAttendance(actor, params.meetingId, body, ifMatch),
    }),
  };
}
