/** Types of cold-start.js (plain JavaScript, run by node without a build), for the tests and the bench. */
export interface ColdStart {
  status: number;
  /** Functions the bundle registered with the (stand-in) worker. */
  functions: number;
  nodeStartMs: number;
  loadMs: number;
  firstRequestMs: number;
  /** From the process's start to the first response, in the process's own clock. */
  toFirstResponseMs: number;
  /** The same seen from outside: spawn to the result. */
  wallMs: number;
}

export function measureColdStart(opts: {
  bundle: string;
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
}): Promise<ColdStart>;
