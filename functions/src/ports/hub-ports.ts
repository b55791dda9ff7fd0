import type { Clock } from './clock';
import type { DocumentStore } from './documents';
import type { Logger } from './logger';
import type { MeetingInvites } from './meeting-invites';
import type { Notifier } from './notifier';
import type { PaperConverter } from './paper-converter';
import type { Store } from './store';

/** Everything the domain needs from the outside world; hosts wire adapters into this. */
export interface HubPorts {
  store: Store;
  clock: Clock;
  logger: Logger;
  notifier: Notifier;
  /** Papers, minutes and packs: a folder locally, a SharePoint document library in production. */
  documents: DocumentStore;
  /** Word papers to PDF for the pack (LibreOffice where installed, Graph beside SharePoint); none: listed with a link. */
  converter?: PaperConverter;
  /** Meeting invitations: Outlook events through Graph in production; none: .ics files in the document store. */
  invites?: MeetingInvites;
  /** Secret for the audit chain's HMAC (from configuration, never from the repo). */
  auditKey: string;
}
