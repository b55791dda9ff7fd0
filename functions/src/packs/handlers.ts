/** The pack capability's operations, as plain handlers over its services (no HTTP here). */
import type { ConcernStatistics, PackOperations, StatisticsPeriod } from '@pph/contract';
import type { OperationHandlers } from '../kernel/operations/handler';
import type { Actor } from '../kernel/auth/actor';
import type { PackService } from './service';

export interface StatisticsReader {
  forPeriod(actor: Actor, period: StatisticsPeriod): Promise<ConcernStatistics>;
}

export function packHandlers(
  packs: PackService,
  statistics: StatisticsReader,
): OperationHandlers<typeof PackOperations> {
  return {
    startPackBuild: async ({ actor, params, body }) => {
      const { build, created } = await packs.start(actor, params.meetingId, body);
      return { body: build, ...(created ? {} : { status: 200 }) };
    },
    startPackSupplement: async ({ actor, params, body }) => {
      const { build, created } = await packs.supplement(actor, params.meetingId, body);
      return { body: build, ...(created ? {} : { status: 200 }) };
    },
    getPackBuild: async ({ actor, params }) => ({ body: await packs.build(actor, params.buildId) }),
    listPackVersions: async ({ actor, params }) => ({ body: await packs.versions(actor, params.meetingId) }),
    downloadPack: async ({ actor, params }) => ({
      file: await packs.download(actor, params.meetingId, Number(params.version), params.copy),
    }),
    publishPackVersion: async ({ actor, params }) => ({
      body: await packs.publish(actor, params.meetingId, Number(params.version)),
    }),
    getConcernStatistics: async ({ actor, params }) => ({
      body: await statistics.forPeriod(actor, { from: params.from, to: params.to }),
    }),
  };
}
