/**
 * The meetings' timer: notices left pending by an interrupted change go to the outbox, invitations the calendar
 * did not take are sent again, and the papers-deadline and meeting-soon reminders go out when due. Azure timers
 * can fire twice: the reminder flags are written with an ETag-guarded write, and the outbox's de-duplication
 * key makes a notice raised twice one notice.
 */
import { londonDate } from '../kernel/calendar/working-days';
import type { NamedTimer, TimerResult } from '../kernel/timers/scheduler';
import type { HubPorts } from '../ports/hub-ports';
import { isStoreError } from '../ports/store';
import { dueReminders } from './reminders';
import type { MeetingRecord, MeetingRepository } from './repository';
import type { MeetingService } from './service';

export class MeetingTimer implements NamedTimer {
  readonly name = 'meeting-reminders';

  constructor(private readonly d: { ports: HubPorts; repo: MeetingRepository; service: MeetingService }) {}

  async run(): Promise<TimerResult> {
    const today = londonDate(this.d.ports.clock.now());
    const seen = new Map<number, MeetingRecord>();
    for (const r of [...(await this.d.repo.withPending()), ...(await this.d.repo.dueForCheck(today))])
      seen.set(r.id, r);
    let changed = 0;
    if (seen.size > 0) await this.d.service.refreshEmails();
    for (const record of seen.values()) {
      try {
        if (await this.tickOne(record, today)) changed++;
      } catch (e) {
        // One meeting that cannot be handled must not hold up the others' reminders. Ids only.
        this.d.ports.logger.error('meeting timer failed for meeting', {
          meetingId: record.state.id,
          error: e instanceof Error ? e.name : 'unknown',
        });
      }
    }
    return { checked: seen.size, changed };
  }

  private async tickOne(record: MeetingRecord, today: string): Promise<boolean> {
    let r = record;
    const due = dueReminders(r.state, today);
    if (due) {
      try {
        r = await this.d.repo.commit(r, {
          ...r.state,
          notices: due.flags,
          pending: [...r.state.pending, ...due.notices],
        });
      } catch (e) {
        // Another run wrote first: it sends them.
        if (isStoreError(e, 'conflict')) return false;
        throw e;
      }
    }
    const before = r.etag;
    r = await this.d.service.afterWrite(r);
    return due !== undefined || r.etag !== before;
  }
}
