/** One meeting: its details and, in tabs, the agenda, attendance, minutes and the board pack. */
import * as React from 'react';
import { Button, Tab, TabList } from '@fluentui/react-components';
import { MeetingOperations, MinutesOperations, type MeetingView } from '@pph/contract';
import { problemText } from '../api/problems';
import { useBackend } from './backend-context';
import { AgendaBuilder } from './AgendaBuilder';
import { AttendanceRecorder } from './AttendanceRecorder';
import { formatDateTime } from './format';
import { MinutesPanel } from './MinutesPanel';
import { PackPanel } from './PackPanel';
import { saveFile } from './save-file';
import { Loading, Problem } from './Status';
import { useShared } from './styles';
import { useLoad } from './use-load';

export type MeetingTab = 'agenda' | 'attendance' | 'minutes' | 'pack';
const TABS: Record<MeetingTab, string> = {
  agenda: 'Agenda',
  attendance: 'Attendance',
  minutes: 'Minutes',
  pack: 'Board pack',
};

const base64Of = (file: File): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });

export function MeetingWorkspace({ meetingId, onBack }: { meetingId: string; onBack: () => void }) {
  const s = useShared();
  const { api, download } = useBackend();
  const [tab, setTab] = React.useState<MeetingTab>('agenda');
  const { loaded, reload, set } = useLoad(() => api.getMeeting({ params: { meetingId } }), [meetingId]);
  const [problem, setProblem] = React.useState('');
  const meeting: MeetingView | undefined = loaded.value;
  const params = { meetingId };

  if (!meeting)
    return loaded.state === 'failed' ? (
      <Problem onRetry={reload}>{problemText(loaded.error)}</Problem>
    ) : (
      <Loading label="Loading the meeting…" />
    );

  // A change answers with the part it changed; the meeting is read again for its new ETag (and history).
  const changed = (next: MeetingView) => {
    set(next);
    reload();
  };
  const withAgenda = (items: MeetingView['agenda']) => changed({ ...meeting, agenda: items });
  const markHeld = async () => {
    setProblem('');
    try {
      set(await api.markMeetingHeld({ params, body: { etag: meeting.etag } }));
    } catch (e) {
      setProblem(problemText(e));
    }
  };
  const invitation = async () => {
    setProblem('');
    try {
      saveFile(await download(MeetingOperations.downloadMeetingInvitation, params, `${meetingId}.ics`));
    } catch (e) {
      setProblem(problemText(e));
    }
  };

  return (
    <article className={s.stack} aria-labelledby="pph-meeting-heading">
      <div>
        <Button appearance="subtle" onClick={onBack}>
          Back to meetings
        </Button>
      </div>
      <h2 id="pph-meeting-heading" className={s.heading}>
        {meeting.title}
      </h2>
      <p className={s.paragraph}>
        {`${meeting.kindLabel} · ${formatDateTime(meeting.start, meeting.end)} · ${[
          meeting.location.venue,
          meeting.location.online ? 'Online' : undefined,
        ]
          .filter(Boolean)
          .join(' and ')} · ${meeting.statusLabel} · papers due ${meeting.papersDueOn}`}
      </p>
      {problem ? <Problem>{problem}</Problem> : null}
      <div className={s.row}>
        <Button onClick={() => void invitation()}>Download the invitation (.ics)</Button>
        {meeting.permissions.markHeld ? (
          <Button disabled={loaded.state === 'loading'} onClick={() => void markHeld()}>
            Mark the meeting held
          </Button>
        ) : null}
      </div>
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as MeetingTab)} aria-label="Meeting">
        {(Object.keys(TABS) as MeetingTab[]).map((t) => (
          <Tab key={t} value={t}>
            {TABS[t]}
          </Tab>
        ))}
      </TabList>
      <div role="tabpanel" aria-label={TABS[tab]}>
        {tab === 'agenda' ? (
          <AgendaBuilder
            items={meeting.agenda}
            editable={meeting.permissions.edit && meeting.status !== 'held' && meeting.status !== 'cancelled'}
            onMove={async (itemId, position) => {
              const a = await api.moveAgendaItem({ params: { meetingId, itemId }, body: { position } });
              withAgenda(a.items);
              return a;
            }}
            onAdd={async (item) => {
              const a = await api.addAgendaItem({ params, body: item });
              withAgenda(a.items);
              return a;
            }}
            onRemove={async (itemId) => {
              const a = await api.removeAgendaItem({ params: { meetingId, itemId } });
              withAgenda(a.items);
              return a;
            }}
            onUpload={async (itemId, file) => {
              await api.uploadPaper({
                params: { meetingId, itemId },
                body: {
                  fileName: file.name,
                  contentType: file.type || 'application/octet-stream',
                  contentBase64: await base64Of(file),
                },
              });
              reload();
            }}
          />
        ) : null}
        {tab === 'attendance' ? (
          <AttendanceRecorder
            attendance={meeting.attendance}
            editable={meeting.permissions.recordAttendance}
            onRecord={async (entries) => {
              const a = await api.recordAttendance({ params, body: { entries } });
              changed({ ...meeting, attendance: a });
              return a;
            }}
          />
        ) : null}
        {tab === 'minutes' ? (
          <MinutesPanel
            meeting={meeting}
            onDownload={(version, format) =>
              void download(
                MinutesOperations.downloadMinutes,
                { meetingId, version: String(version), format },
                `${meetingId}-minutes-v${version}.${format}`,
              ).then(saveFile, (e: unknown) => setProblem(problemText(e)))
            }
          />
        ) : null}
        {tab === 'pack' ? <PackPanel meeting={meeting} /> : null}
      </div>
    </article>
  );
}
