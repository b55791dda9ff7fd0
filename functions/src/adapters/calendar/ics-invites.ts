/**
 * The embedded default's invitations: the .ics file written to the document library (one document per meeting,
 * a version per change), where the API serves it for download. Sending twice writes a new version, nothing else.
 */
import type { DocumentStore } from '../../ports/documents';
import type { MeetingInvite, MeetingInvites, SentInvite } from '../../ports/meeting-invites';
import { buildIcs, icsUid, type Organiser } from './ics';

export const INVITATIONS_LIBRARY = 'meeting-invitations';

export class IcsFileInvites implements MeetingInvites {
  readonly kind = 'ics' as const;

  constructor(
    private readonly documents: DocumentStore,
    private readonly organiser: Organiser,
  ) {}

  send(invite: MeetingInvite): Promise<SentInvite> {
    return this.write(invite, 'REQUEST');
  }

  cancel(invite: MeetingInvite): Promise<SentInvite> {
    return this.write(invite, 'CANCEL');
  }

  private async write(invite: MeetingInvite, method: 'REQUEST' | 'CANCEL'): Promise<SentInvite> {
    const ics = buildIcs(invite, this.organiser, method);
    const doc = await this.documents.put(
      INVITATIONS_LIBRARY,
      `${invite.meetingId}.ics`,
      new TextEncoder().encode(ics),
      {
        // The library keeps a bare media type (UTF-8 is iCalendar's default).
        contentType: 'text/calendar',
        metadata: { meetingId: invite.meetingId, method, sequence: invite.sequence },
      },
    );
    return {
      eventId: icsUid(invite.meetingId),
      document: { library: doc.library, name: doc.name, version: doc.version },
    };
  }
}
