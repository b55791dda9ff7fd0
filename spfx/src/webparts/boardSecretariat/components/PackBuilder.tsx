/**
 * The pack builder: compiles the meeting's board pack as a job in the hub, shows its progress (a progress bar and
 * the part being built, said aloud as it changes) and, when done, the link to the PDF; a failure says which part.
 * It knows the job only through `PackJob` (the pack capability's operations are adapted to it in pack-adapter).
 */
import * as React from 'react';
import { Button, Field, Input, Link, ProgressBar } from '@fluentui/react-components';
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
  /** When done: what the link says (e.g. "Board pack, version 1 (PDF, 42 pages)"), and whether it is published. */
  result?: { label: string; version?: number; published?: boolean };
}

export interface PackBuilderProps {
  /** The pack built last, if any (shown with its link). */
  latest?: PackJob;
  start: () => Promise<PackJob>;
  poll: (jobId: string) => Promise<PackJob>;
  open: (job: PackJob) => void;
  /** The build under way, if any: asked after a start that got no answer (the hub may have started it). */
  refresh?: () => Promise<PackJob | undefined>;
  /** Publishes the built version to the invitees; absent: the builder offers no publishing. */
  publish?: (job: PackJob) => Promise<PackJob>;
  /** Builds a late supplement (the next version) for a reason; absent: none is offered. */
  supplement?: (reason: string) => Promise<PackJob>;
  pollMs?: number;
}

export function PackBuilder({
  latest,
  start,
  poll,
  open,
  refresh,
  publish,
  supplement,
  pollMs = 500,
}: PackBuilderProps) {
  const s = useShared();
  const [job, setJob] = React.useState<PackJob | undefined>(latest);
  const [problem, setProblem] = React.useState('');
  const [reason, setReason] = React.useState('');
  const [reasonProblem, setReasonProblem] = React.useState('');
  const [publishing, setPublishing] = React.useState(false);
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
  const built = job?.state === 'done' && job.result;
  const doPublish = async () => {
    if (!job || !publish) return;
    setProblem('');
    setPublishing(true);
    try {
      setJob(await publish(job));
    } catch (e) {
      setProblem(problemText(e));
    } finally {
      setPublishing(false);
    }
  };
  const doSupplement = async () => {
    if (!supplement) return;
    setProblem('');
    if (!reason.trim()) {
      setReasonProblem('Say why the pack needs a supplement, for example which paper came late.');
      return;
    }
    setReasonProblem('');
    try {
      setJob(await supplement(reason.trim()));
      setReason('');
    } catch (e) {
      setProblem(problemText(e));
    }
  };

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
      {built && supplement ? null : (
        <div>
          <Button appearance="primary" disabled={building} onClick={() => void compile()}>
            {building ? 'Compiling…' : job?.state === 'done' ? 'Compile again' : 'Compile the pack'}
          </Button>
        </div>
      )}
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
          {job.result.published ? ' Published: the invitees have been told.' : ''}
        </Notice>
      ) : null}
      {built && publish && !job.result?.published ? (
        <div>
          <Button appearance="primary" disabled={publishing} onClick={() => void doPublish()}>
            {publishing ? 'Publishing…' : `Publish version ${job.result?.version ?? 1} to the invitees`}
          </Button>
        </div>
      ) : null}
      {built && supplement ? (
        <div className={s.stack}>
          <Field
            label="A late supplement: why the pack is built again as the next version"
            hint="For example the paper that came late. The versions before stay as they are. At most 500 characters."
            {...(reasonProblem
              ? { validationMessage: reasonProblem, validationState: 'error' as const }
              : {})}
          >
            <Input value={reason} maxLength={500} onChange={(_, d) => setReason(d.value)} />
          </Field>
          <div>
            <Button onClick={() => void doSupplement()}>Build a late supplement</Button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
