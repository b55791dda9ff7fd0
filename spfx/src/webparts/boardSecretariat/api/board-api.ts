/**
 * The hub's API as the web part's views call it: the contract's typed client over the Board's operations, behind
 * one small interface (`BoardBackend`) so the views never know whether SharePoint (AadHttpClient), the local
 * harness (a demo persona) or a test's fake answers.
 */
import {
  ApiError,
  ErrorBodySchema,
  MeetingOperations,
  MinutesOperations,
  PackOperations,
  createApiClient,
  pathOf,
  type ApiClient,
  type ApiTransport,
  type Operation,
} from '@pph/contract';
import type { PackJob } from '../components/PackBuilder';
import { packJobs } from './pack-jobs';

export const BoardOperations = { ...MeetingOperations, ...MinutesOperations, ...PackOperations };
type BoardClient = ApiClient<typeof BoardOperations>;

/** The operations the views call, and nothing else (a fake implements just these). */
export type BoardApi = Pick<
  BoardClient,
  | 'listMeetings'
  | 'scheduleMeeting'
  | 'getMeeting'
  | 'addAgendaItem'
  | 'moveAgendaItem'
  | 'removeAgendaItem'
  | 'uploadPaper'
  | 'recordAttendance'
  | 'markMeetingHeld'
  | 'getMinutes'
  | 'saveMinutesDraft'
  | 'circulateMinutes'
  | 'listActions'
  | 'updateAction'
>;

export interface BoardFile {
  blob: Blob;
  fileName: string;
}

/** The pack job as the pack builder sees it (adapted from the pack capability's operations). */
export interface PackJobs {
  latest(meetingId: string): Promise<PackJob | undefined>;
  start(meetingId: string): Promise<PackJob>;
  poll(meetingId: string, jobId: string): Promise<PackJob>;
  file(meetingId: string, job: PackJob): Promise<BoardFile>;
  /** Publishes a draft version: the invitees are told once. Answers with the version as it now is. */
  publish(meetingId: string, job: PackJob): Promise<PackJob>;
  /** A late supplement: the pack built again as the next version, for `reason`. */
  supplement(meetingId: string, reason: string): Promise<PackJob>;
}

export interface BoardBackend {
  api: BoardApi;
  packs?: PackJobs;
  /** An operation that answers with a file (no response schema): its body and the name the hub gave it. */
  download(op: Operation, params: Record<string, string>, fallbackName: string): Promise<BoardFile>;
}

const fileNameOf = (disposition: string | null): string | undefined => {
  const raw = disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] : undefined;
  return raw ? decodeURIComponent(raw) : undefined;
};

/** The backend over a transport: its fetch and headers sign every call in (Entra token or demo persona). */
export function boardBackend(transport: ApiTransport & { fetch: typeof fetch }): BoardBackend {
  const api = createApiClient(BoardOperations, transport);
  const download: BoardBackend['download'] = async (op, params, fallbackName) => {
    const headers = transport.headers ? await transport.headers() : {};
    const res = await transport.fetch(`${transport.baseUrl}${pathOf(op, params)}`, { headers });
    if (!res.ok) {
      let body: unknown;
      try {
        body = JSON.parse(await res.text());
      } catch {
        body = undefined;
      }
      const parsed = ErrorBodySchema.safeParse(body);
      throw new ApiError(res.status, parsed.success ? parsed.data : undefined);
    }
    return {
      blob: await res.blob(),
      fileName: fileNameOf(res.headers.get('content-disposition')) ?? fallbackName,
    };
  };
  return {
    api,
    download,
    packs: packJobs(api, (params, name) => download(PackOperations.downloadPack, params, name)),
  };
}
