/** The meetings area: the list, the scheduler, and one meeting once it is opened. */
import * as React from 'react';
import { Button } from '@fluentui/react-components';
import { problemText } from '../api/problems';
import { useBackend } from './backend-context';
import { MeetingsList } from './MeetingsList';
import { MeetingWorkspace } from './MeetingWorkspace';
import { ScheduleMeetingForm } from './ScheduleMeetingForm';
import { Loading, Notice, Problem } from './Status';
import { useShared } from './styles';
import { useLoad } from './use-load';

export function MeetingsPage() {
  const s = useShared();
  const { api } = useBackend();
  const [open, setOpen] = React.useState<string>();
  const [scheduling, setScheduling] = React.useState(false);
  const [notice, setNotice] = React.useState('');
  const { loaded, reload } = useLoad(() => api.listMeetings(), []);
  // Whom to invite: the people of the latest Board meeting (else of any meeting), as the hub resolved them.
  const candidates = useLoad(async () => {
    const items = (await api.listMeetings()).items;
    const model = [...items].reverse().find((m) => m.kind === 'prevent-board') ?? items[0];
    return model ? (await api.getMeeting({ params: { meetingId: model.id } })).invitees : [];
  }, [scheduling]);

  if (open)
    return (
      <MeetingWorkspace
        meetingId={open}
        onBack={() => {
          setOpen(undefined);
          reload();
        }}
      />
    );
  if (scheduling)
    return candidates.loaded.state === 'loading' ? (
      <Loading label="Loading who to invite…" />
    ) : (
      <ScheduleMeetingForm
        candidates={candidates.loaded.value ?? []}
        onSchedule={(body) => api.scheduleMeeting({ body })}
        onScheduled={(answer) => {
          setScheduling(false);
          setNotice(
            `Scheduled: ${answer.meeting.title}.${answer.moved.length > 0 ? ` ${answer.moved.join(' ')}` : ''}`,
          );
          setOpen(answer.meeting.id);
        }}
        onCancel={() => setScheduling(false)}
      />
    );
  return (
    <section className={s.stack} aria-labelledby="pph-meetings-heading">
      <h2 id="pph-meetings-heading" className={s.heading}>
        Meetings
      </h2>
      {notice ? <Notice intent="success">{notice}</Notice> : null}
      <div>
        <Button appearance="primary" onClick={() => setScheduling(true)}>
          Schedule a meeting
        </Button>
      </div>
      {loaded.state === 'failed' ? <Problem onRetry={reload}>{problemText(loaded.error)}</Problem> : null}
      {loaded.value ? <MeetingsList meetings={loaded.value.items} onOpen={setOpen} /> : null}
      {loaded.state === 'loading' && !loaded.value ? <Loading label="Loading the meetings…" /> : null}
    </section>
  );
}
