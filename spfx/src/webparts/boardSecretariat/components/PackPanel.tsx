/** The board pack of one meeting: the pack builder over the hub's pack jobs. */
import * as React from 'react';
import type { MeetingView } from '@pph/contract';
import { problemText } from '../api/problems';
import { useBackend } from './backend-context';
import { PackBuilder } from './PackBuilder';
import { saveFile } from './save-file';
import { Loading, Notice, Problem } from './Status';
import { useLoad } from './use-load';

export function PackPanel({ meeting }: { meeting: MeetingView }) {
  const { packs } = useBackend();
  const { loaded, reload } = useLoad(
    async () => (packs ? { latest: await packs.latest(meeting.id) } : undefined),
    [meeting.id],
  );
  const [problem, setProblem] = React.useState('');
  if (!packs) return <Notice>This hub does not compile board packs yet.</Notice>;
  if (loaded.state === 'failed') return <Problem onRetry={reload}>{problemText(loaded.error)}</Problem>;
  if (loaded.state === 'loading') return <Loading label="Loading the pack…" />;
  return (
    <>
      {problem ? <Problem>{problem}</Problem> : null}
      <PackBuilder
        {...(loaded.value?.latest ? { latest: loaded.value.latest } : {})}
        start={() => packs.start(meeting.id)}
        poll={(jobId) => packs.poll(meeting.id, jobId)}
        refresh={() => packs.latest(meeting.id)}
        publish={(job) => packs.publish(meeting.id, job)}
        supplement={(reason) => packs.supplement(meeting.id, reason)}
        open={(job) => {
          setProblem('');
          packs.file(meeting.id, job).then(saveFile, (e: unknown) => setProblem(problemText(e)));
        }}
      />
    </>
  );
}
