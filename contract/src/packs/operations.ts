/**
 * The board pack's operations. A download answers with the PDF, not JSON (no response schema: the typed client
 * gives undefined, so a web part fetches pathOf(op, params) and reads the body as a Blob).
 */
import { defineOperations } from '../kernel/operation';
import {
  PackBuildViewSchema,
  PackVersionViewSchema,
  PackVersionsResponseSchema,
  PublishPackVersionRequestSchema,
  StartPackBuildRequestSchema,
  StartPackSupplementRequestSchema,
} from './pack';
import {
  PackBuildParamsSchema,
  PackDownloadParamsSchema,
  PackMeetingParamsSchema,
  PackVersionParamsSchema,
  StatisticsPeriodParamsSchema,
} from './params';
import { ConcernStatisticsSchema } from './statistics';

export const PackOperations = defineOperations({
  startPackBuild: {
    method: 'POST',
    route: 'meetings/{meetingId}/pack/builds',
    summary:
      "Build the meeting's pack (secretariat): a job to poll; the same clientRequestId again answers with the same build",
    params: PackMeetingParamsSchema,
    request: StartPackBuildRequestSchema,
    response: PackBuildViewSchema,
    status: 201,
    access: 'pack.build',
  },
  startPackSupplement: {
    method: 'POST',
    route: 'meetings/{meetingId}/pack/supplements',
    summary: 'A late supplement (secretariat): the pack rebuilt with what came late, as a new version',
    params: PackMeetingParamsSchema,
    request: StartPackSupplementRequestSchema,
    response: PackBuildViewSchema,
    status: 201,
    access: 'pack.build',
  },
  getPackBuild: {
    method: 'GET',
    route: 'pack-builds/{buildId}',
    summary: "A pack build's progress: parts done of all, the part being built, or the part that failed",
    params: PackBuildParamsSchema,
    response: PackBuildViewSchema,
    access: 'pack.read',
  },
  listPackVersions: {
    method: 'GET',
    route: 'meetings/{meetingId}/pack/versions',
    summary: "A meeting's pack versions, newest first, with their copies and the build under way",
    params: PackMeetingParamsSchema,
    response: PackVersionsResponseSchema,
    access: 'pack.read',
  },
  downloadPack: {
    method: 'GET',
    route: 'meetings/{meetingId}/pack/versions/{version}/{copy}',
    summary:
      'One copy of a pack version as PDF (a file, not JSON); the restricted copy only for those cleared',
    params: PackDownloadParamsSchema,
    access: 'pack.read',
  },
  publishPackVersion: {
    method: 'POST',
    route: 'meetings/{meetingId}/pack/versions/{version}/publication',
    summary: 'Publish a draft version (secretariat): the invitees are told once, however often it is pressed',
    params: PackVersionParamsSchema,
    request: PublishPackVersionRequestSchema,
    response: PackVersionViewSchema,
    access: 'pack.publish',
  },
  getConcernStatistics: {
    method: 'GET',
    route: 'concern-statistics/{from}/{to}',
    summary:
      'Anonymised concern statistics for a period (counts under 5 suppressed, and what would give them away)',
    params: StatisticsPeriodParamsSchema,
    response: ConcernStatisticsSchema,
    access: 'concern-statistics.read',
  },
});
