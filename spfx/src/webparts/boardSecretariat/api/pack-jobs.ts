/**
 * The pack builder's jobs over the pack capability's operations: a build is started with a fresh request id (a
 * retry answers with the same build), polled for its parts done of all, and when done its version's public
 * copy is the link's PDF.
 */
import { PackOperations, type ApiClient, type PackBuildView, type PackVersionView } from '@pph/contract';
import type { PackJob } from '../components/PackBuilder';
import type { BoardFile, PackJobs } from './board-api';

export type PackApi = Pick<
  ApiClient<typeof PackOperations>,
  'startPackBuild' | 'startPackSupplement' | 'getPackBuild' | 'listPackVersions' | 'publishPackVersion'
>;

const label = (v: PackVersionView) =>
  `Board pack, version ${v.version} (${v.statusLabel.toLowerCase()}, PDF, ${v.pageCount} pages)`;

const resultOf = (v: PackVersionView): NonNullable<PackJob['result']> => ({
  label: label(v),
  version: v.version,
  published: v.status === 'published',
});

function jobOf(build: PackBuildView, version?: PackVersionView): PackJob {
  const part = build.currentPart ?? build.failedPart;
  return {
    jobId: build.buildId,
    state: build.status,
    progress: build.partsTotal > 0 ? build.partsDone / build.partsTotal : 0,
    ...(part ? { part: part.title } : {}),
    ...(build.message ? { message: build.message } : {}),
    ...(build.status === 'done' && build.version !== undefined
      ? {
          result: version
            ? resultOf(version)
            : { label: `Board pack, version ${build.version} (PDF)`, version: build.version },
        }
      : {}),
  };
}

export function packJobs(
  api: PackApi,
  download: (params: Record<string, string>, fallbackName: string) => Promise<BoardFile>,
  newKey: () => string = () => crypto.randomUUID(),
): PackJobs {
  const versionOf = async (meetingId: string, version: number | undefined) =>
    version === undefined
      ? undefined
      : (await api.listPackVersions({ params: { meetingId } })).items.find((v) => v.version === version);
  return {
    async latest(meetingId) {
      const versions = await api.listPackVersions({ params: { meetingId } });
      if (versions.build) return jobOf(versions.build, await versionOf(meetingId, versions.build.version));
      const newest = versions.items[0];
      return newest
        ? {
            jobId: newest.buildId,
            state: 'done',
            progress: 1,
            result: resultOf(newest),
          }
        : undefined;
    },
    async start(meetingId) {
      return jobOf(await api.startPackBuild({ params: { meetingId }, body: { clientRequestId: newKey() } }));
    },
    async supplement(meetingId, reason) {
      return jobOf(
        await api.startPackSupplement({ params: { meetingId }, body: { clientRequestId: newKey(), reason } }),
      );
    },
    async publish(meetingId, job) {
      const version = await api.publishPackVersion({
        params: { meetingId, version: String(job.result?.version ?? 1) },
        body: {},
      });
      return { ...job, result: resultOf(version) };
    },
    async poll(meetingId, jobId) {
      const build = await api.getPackBuild({ params: { buildId: jobId } });
      return jobOf(build, build.status === 'done' ? await versionOf(meetingId, build.version) : undefined);
    },
    file(meetingId, job) {
      const version = String(job.result?.version ?? 1);
      return download({ meetingId, version, copy: 'public' }, `${meetingId}-board-pack-v${version}.pdf`);
    },
  };
}
