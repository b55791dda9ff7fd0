/** Whether the meeting is quorate: a clear warning saying what is missing when it is not, and each rule's check. */
import * as React from 'react';
import type { QuorumResult } from '@pph/contract';
import { Notice } from './Status';
import { useShared } from './styles';

export function QuorumStatus({ quorum, recorded }: { quorum: QuorumResult; recorded: boolean }) {
  const s = useShared();
  return (
    <div className={s.stack}>
      {!recorded ? (
        <Notice>Attendance has not been recorded yet.</Notice>
      ) : quorum.met ? (
        <Notice intent="success">
          {`The meeting is quorate: ${quorum.partnersRepresented} of ${quorum.partnersInvited} partner agencies represented.`}
        </Notice>
      ) : (
        <Notice intent="warning">
          {quorum.warning ??
            `The meeting is not quorate: ${quorum.partnersRepresented} of ${quorum.partnersInvited} partner agencies represented.`}
        </Notice>
      )}
      <ul className={s.list} aria-label="Quorum rules">
        {quorum.checks.map((c) => (
          <li key={c.rule}>{`${c.met ? 'Met' : 'Not met'}: ${c.rule}`}</li>
        ))}
      </ul>
    </div>
  );
}
