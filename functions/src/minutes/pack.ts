/**
 * What the pack job takes from the minutes for a meeting (MinutesForPack): the previous meeting's minutes once
 * circulated or approved, every item with restricted ones flagged (the pack leaves them out of its public copy),
 * and the action log as it stands: what is open, and what was done or dropped since the previous meeting.
 */
import { isActionOutstanding, type MinutesForPack } from '@pph/contract';
import { actionOrder, type ActionLog } from './action-log';
import { meetingOrRefuse, type MeetingsForMinutes } from './meetings';
import type { ActionRepository, MinutesRepository } from './repository';

export class MinutesForPackReader {
  constructor(
    private readonly d: {
      repo: MinutesRepository;
      actions: ActionRepository;
      actionLog: ActionLog;
      meetings: MeetingsForMinutes;
    },
  ) {}

  async forPack(meetingId: string): Promise<MinutesForPack> {
    const meeting = await meetingOrRefuse(this.d.meetings, meetingId);
    const previousId = meeting.previousMeetingId;
    const previous = previousId ? await this.d.meetings.find(previousId) : undefined;
    const minutes = previous ? await this.d.repo.byMeeting(previous.meeting.id) : undefined;
    const today = this.d.actionLog.today();
    const records = await this.d.actions.all();
    const all = records.map((r) => this.d.actionLog.summary(undefined, r, today));
    const since = previous?.meeting.startsAt;
    const closedAt = new Map(records.map((r) => [r.actionId, r.state.closedAt]));
    const out: MinutesForPack = {
      meetingId: meeting.meeting.id,
      actionLog: {
        open: all.filter((a) => isActionOutstanding(a.status)).sort(actionOrder),
        closedSince: all
          .filter((a) => !isActionOutstanding(a.status))
          .filter((a) => !since || (closedAt.get(a.id) ?? '') >= since)
          .sort(actionOrder),
      },
    };
    if (!previous || !minutes || minutes.state.status === 'draft') return out;
    const stored = new Map(minutes.state.items.map((i) => [i.agendaItemId, i]));
    const keyToId = new Map(
      (await this.d.actions.ofMeeting(previous.meeting.id)).map((r) => [r.key, r.actionId]),
    );
    return {
      ...out,
      previous: {
        meetingId: previous.meeting.id,
        meetingTitle: previous.meeting.title,
        meetingDate: previous.date,
        status: minutes.state.status,
        version: minutes.state.versions.at(-1)!.version,
        items: [...previous.items]
          .sort((a, b) => a.position - b.position)
          .map((a) => {
            const m = stored.get(a.id);
            return {
              agendaItemId: a.id,
              title: a.title,
              order: a.position,
              restricted: a.restricted,
              ...(m?.discussion ? { discussion: m.discussion } : {}),
              decisions: m?.decisions ?? [],
              actionIds: (m?.actions ?? []).flatMap((d) => {
                const id = keyToId.get(d.key);
                return id ? [id] : [];
              }),
            };
          }),
      },
    };
  }
}
