/**
 * The pack builder: compiles the meeting's board pack as a job in the hub, shows its progress (a progress bar and
 * the part being built, said aloud as it changes) and, when done, the link to the PDF; a failure says which part.
 * It knows the job only through `PackJob` (the pack capability's operations are adapted to it in pack-adapter).
 */
import * as React from 'react';
import { Button, Field, Link, ProgressBar } from '@fluentui/react-components';
import { problemText } from '../api/problems';
import { Notice, Problem } from './Status';
import { useShared } from './styles';

export interface PackJob {
  jobId: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  /** 0 to 1. */
  progress: number;
  /** The part being built now ("Collated returns"), or that failed. */
  part?: string;
  /** What went wrong, in words, when failed. */
  message?: string;
  /** When done: what the link says (e.g. "Board pack, version 1 (PDF, 42 pages)"). */
  result?: { label: string; version?: number };
}

export interface PackBuilderProps {
  /** The pack built last, if any (shown with its link). */
  latest?: PackJob;
  start: () => Promise<PackJob>;
  poll: (jobId: string) => Promise<PackJob>;
  open: (job: PackJob) => void;
  /** The build under way, if any: asked after a start that got no answer (the hub may have started it). */
  refresh?: () => Promise<PackJob | undefined>;
  pollMs?: number;
}

export function PackBuilder({ latest, start, poll, open, refresh, pollMs = 500 }: PackBuilderProps) {
  const s = useShared();
  const [job, setJob] = React.useState<PackJob | undefined>(latest);
  const [problem, setProblem] = React.useState('');
  React.useEffect(() => {
    if (!job || job.state === 'done' || job.state === 'failed') return;
    let live = true;
    const timer = setTimeout(() => {
      poll(job.jobId).then(
        (j) => live && setJob(j),
        (e: unknown) => live && setProblem(problemText(e)),
      );
    }, pollMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [job, poll, pollMs]);

  const building = job?.state === 'queued' || job?.state === 'running';
  const compile = async () => {
    setProblem('');
    try {
      setJob(await start());
    } catch (e) {
      const underWay = refresh ? await refresh().catch(() => undefined) : undefined;
      if (underWay && underWay.jobId !== job?.jobId) setJob(underWay);
      else setProblem(problemText(e));
    }
  };
  const percent = Math.round((job?.progress ?? 0) * 100);

  return (
    <section className={s.stack} aria-labelledby="pph-pack-heading">
      <h2 id="pph-pack-heading" className={s.heading}>
        Board pack
      </h2>
      <p className={s.paragraph}>
        One PDF: cover, contents, agenda, previous minutes, action log, the collated returns, the delivery
        plan, the concern statistics and the papers. Restricted items are left out of the public copy.
      </p>
      {problem ? <Problem>{problem}</Problem> : null}
      <div>
        <Button appearance="primary" disabled={building} onClick={() => void compile()}>
          {building ? 'Compiling…' : job?.state === 'done' ? 'Compile again' : 'Compile the pack'}
        </Button>
      </div>
      {job && building ? (
        <Field
          label="Compiling the board pack"
          hint={`${percent}%${job.part ? `: ${job.part}` : ''}`}
          validationState="none"
        >
          <ProgressBar value={job.progress} max={1} aria-valuetext={`${percent}%`} />
        </Field>
      ) : null}
      <div aria-live="polite" role="status" className={s.hidden}>
        {job && building ? `${percent}%${job.part ? `: ${job.part}` : ''}` : ''}
      </div>
      {job?.state === 'failed' ? (
        <Problem onRetry={() => void compile()}>
          {`The pack was not built${job.part ? `: ${job.part} failed` : ''}. ${job.message ?? ''} Nothing was published.`}
        </Problem>
      ) : null}
      {job?.state === 'done' && job.result ? (
        <Notice intent="success">
          {'The pack is ready: '}
          <Link
            href="#"
            onClick={(e) => {
              e.preventDefault();
              open(job);
            }}
          >
            {job.result.label}
          </Link>
        </Notice>
      ) : null}
    </section>
  );
}
