/**
 * The demo minutes for local runs: last quarter's held Board meeting minuted by the secretariat and circulated
 * to its attendees, with two actions open, one of them overdue. Made once (a counter marks it), through the
 * minutes' own use cases, after the meetings' demo; it tells nobody (the demo's people are not waiting for it).
 */
import { shiftDate, type MeetingListResponse, type SaveMinutesDraftRequest } from '@pph/contract';
import type { Actor } from '../kernel/auth/actor';
import { londonDate } from '../kernel/calendar/working-days';
import type { Directory } from '../kernel/directory/directory';
import type { Counters } from '../kernel/store/counters';
import type { ActionLog } from './action-log';
import type { MeetingsForMinutes } from './meetings';
import type { MinutesService } from './service';

const DISCUSSION: Record<string, string> = {
  apologies: 'The chair welcomed members. Apologies were noted as recorded in the attendance (demo data).',
  'previous-minutes': 'The minutes of the previous meeting were agreed as a true record (demo data).',
  'action-log': 'The Board reviewed the action log; completed actions were closed (demo data).',
  'partner-returns':
    'The secretariat summarised the partners’ quarterly returns: all but one were in on time, and training figures rose against the quarter before (demo data).',
  'delivery-plan':
    'Two delivery-plan actions are amber: community resilience work and out-of-school settings (demo data).',
  'threat-picture': 'Police Prevent gave the counter-terrorism local profile update (demo data).',
  'any-other-business': 'None (demo data).',
};

export type MinutesDemoMeetings = MeetingsForMinutes & { list(actor: Actor): Promise<MeetingListResponse> };

export class MinutesDemo {
  constructor(
    private readonly d: {
      minutes: MinutesService;
      actionLog: ActionLog;
      meetings: MinutesDemoMeetings;
      directory: Directory;
      counters: Counters;
    },
  ) {}

  /** True when this call made the demo minutes. */
  async seed(now: Date): Promise<boolean> {
    return this.d.counters.once('demo-seed-minutes', () => this.make(now));
  }

  private async make(now: Date) {
    const actors = await this.d.directory.actors();
    const secretariat = actors.find((a) => a.roles.includes('secretariat'));
    const board = (partnerId: string) =>
      actors.find((a) => a.partnerId === partnerId && a.roles.includes('board-member'));
    const council = board('council');
    const probation = board('probation') ?? council;
    if (!secretariat || !council || !probation) return;
    const held = (await this.d.meetings.list(secretariat)).items
      .filter((m) => m.kind === 'prevent-board' && m.status === 'held')
      .at(-1);
    const meeting = held && (await this.d.meetings.find(held.id));
    if (!meeting) return;
    const today = londonDate(now);
    // Two weeks after the meeting (so overdue now), and a month from today.
    const overdueOn = shiftDate(meeting.date, 14) < today ? shiftDate(meeting.date, 14) : meeting.date;
    const actions: Record<string, SaveMinutesDraftRequest['items'][number]['actions']> = {
      'partner-returns': [
        {
          ownerId: council.id,
          dueOn: overdueOn,
          text: 'Demo: circulate the collated returns to partners with the late-return figures explained.',
        },
      ],
      'delivery-plan': [
        {
          ownerId: probation.id,
          dueOn: shiftDate(today, 30),
          text: 'Demo: bring a recovery plan for the two amber delivery-plan actions to the next Board.',
        },
      ],
    };
    const items = meeting.items.map((i) => ({
      agendaItemId: i.id,
      ...(i.standing && DISCUSSION[i.standing] ? { discussion: DISCUSSION[i.standing] } : {}),
      decisions: i.standing === 'delivery-plan' ? ['Demo: the Board accepted the amber ratings.'] : [],
      actions: (i.standing && actions[i.standing]) || [],
    }));
    const quiet = { notify: false };
    const draft = await this.d.minutes.saveDraft(
      secretariat,
      meeting.meeting.id,
      { items },
      undefined,
      quiet,
    );
    await this.d.minutes.circulate(secretariat, meeting.meeting.id, { etag: draft.etag }, undefined, quiet);
  }
}
