/**
 * The pack capability's lists: builds (the job's state, so any instance can report progress and a crashed
 * build is found and marked failed) and versions (one item per stored version: the commit point of a build).
 */
import { col, type ListDefinition } from '../ports/lists';

export const PackLists = {
  builds: 'PackBuilds',
  versions: 'PackVersions',
} as const;

export const PACK_LISTS: readonly ListDefinition[] = [
  {
    name: PackLists.builds,
    version: 1,
    columns: [
      col('BuildId', 'text', { required: true, indexed: true, unique: true }),
      /** `<meetingId>|<clientRequestId>`: one build per request, however often it is retried. */
      col('RequestKey', 'text', { required: true, indexed: true, unique: true }),
      col('MeetingId', 'text', { required: true, indexed: true }),
      col('Status', 'text', { required: true, indexed: true }),
      /** Until when the instance running it holds it; a running build past its lease was cut short. */
      col('LeaseUntil', 'dateTime', { required: true, indexed: true }),
      /** The build as JSON (PackBuildState): progress, the part that failed, the version made. */
      col('State', 'note', { required: true }),
    ],
  },
  {
    name: PackLists.versions,
    version: 1,
    columns: [
      /** `<meetingId>#<version>`: two builds finishing at once cannot both take one number. */
      col('VersionKey', 'text', { required: true, indexed: true, unique: true }),
      col('MeetingId', 'text', { required: true, indexed: true }),
      col('Version', 'number', { required: true }),
      col('Status', 'text', { required: true, indexed: true }),
      /** The version as JSON (PackVersionRecord): its copies, who may read them, who was told. */
      col('Record', 'note', { required: true }),
    ],
  },
];
