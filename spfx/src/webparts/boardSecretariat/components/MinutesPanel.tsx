/** The minutes of one meeting, loaded from the hub and edited in the minutes editor. */
import * as React from 'react';
import type { MeetingView } from '@pph/contract';
import { problemText } from '../api/problems';
import { useBackend } from './backend-context';
import { MinutesEditor } from './MinutesEditor';
import { Loading, Problem } from './Status';
import { useLoad } from './use-load';

export function MinutesPanel({
  meeting,
  onDownload,
}: {
  meeting: MeetingView;
  onDownload: (version: number, format: 'docx' | 'pdf') => void;
}) {
  const { api } = useBackend();
  const params = { meetingId: meeting.id };
  const { loaded, reload } = useLoad(() => api.getMinutes({ params }), [meeting.id]);
  if (!loaded.value)
    return loaded.state === 'failed' ? (
      <Problem onRetry={reload}>{problemText(loaded.error)}</Problem>
    ) : (
      <Loading label="Loading the minutes…" />
    );
  return (
    <MinutesEditor
      minutes={loaded.value}
      agenda={meeting.agenda}
      people={meeting.invitees}
      onSave={(items, etag) => api.saveMinutesDraft({ params, body: { items, etag } })}
      onCirculate={(etag) => api.circulateMinutes({ params, body: { etag } })}
      onDownload={onDownload}
    />
  );
}
