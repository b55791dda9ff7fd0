// @ts-check
/**
 * Cold start of the Functions bundle, measured on this machine: a fresh Node process loads the bundle the way
 * the Azure Functions worker does (with a stand-in for the worker's `@azure/functions-core`, which receives each
 * function the app registers), then calls the registered `health` handler as the worker would for
 * GET /api/health, until it answers 200.
 *
 * What it measures: Node's own start, loading and evaluating the bundle (every module, every registration),
 * and the first request's boot (configuration, opening the store, building the hub). What it does not: the
 * Functions host's start, fetching the package to the instance, the gRPC hop from host to worker, and any
 * network to the store. So it is the floor under a real cold start, and the part the bundle controls.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

/**
 * @typedef {{ status: number, functions: number, nodeStartMs: number, loadMs: number, firstRequestMs: number,
 *   toFirstResponseMs: number, error?: string }} ChildResult
 * @typedef {ChildResult & { wallMs: number }} ColdStart
 */

/** What starts the child's one line of result on its standard output. */
const RESULT = 'cold-start result: ';

/**
 * Runs one cold start in a new process.
 * @param {{ bundle: string, env: NodeJS.ProcessEnv, timeoutMs?: number }} opts
 * @returns {Promise<ColdStart>}
 */
function measureColdStart({ bundle, env, timeoutMs = 30000 }) {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [__filename, '--child', path.resolve(bundle)], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      // The bundle's own log lines (pino, written asynchronously) may come before or after the result's line.
      const line = out.split('\n').find((l) => l.startsWith(RESULT)) ?? '';
      try {
        resolve({ ...JSON.parse(line.slice(RESULT.length)), wallMs });
      } catch {
        reject(
          new Error(`the cold-start process exited (${code}) without a result: ${err.trim().slice(0, 2000)}`),
        );
      }
    });
  });
}

/** In the child: stand in for the worker, load the bundle, call health. */
async function child(bundle) {
  const nodeStartMs = performance.now(); // since this process began (performance.timeOrigin)
  const Module = require('node:module');
  /** @type {Map<string, (req: unknown, ctx: unknown) => Promise<{ status?: number }>>} */
  const handlers = new Map();
  const core = {
    setProgrammingModel() {},
    registerFunction(/** @type {{ name: string }} */ meta, /** @type {never} */ handler) {
      handlers.set(meta.name, handler);
      return { dispose() {} };
    },
    registerHook() {
      return { dispose() {} };
    },
  };
  // @ts-expect-error Module._load is Node's internal loader, which the real worker hooks the same way.
  const load = Module._load;
  // @ts-expect-error see above
  Module._load = function (/** @type {string} */ request, ...rest) {
    return request === '@azure/functions-core' ? core : load.call(this, request, ...rest);
  };
  const before = performance.now();
  require(bundle);
  const loaded = performance.now();
  // The request and context as the worker builds them, from the real @azure/functions classes.
  const { HttpRequest, InvocationContext } = require('@azure/functions');
  const health = handlers.get('health');
  if (!health)
    throw new Error(
      `the bundle registered no "health" function (it registered ${[...handlers.keys()].join(', ')})`,
    );
  const res = await health(
    new HttpRequest({ method: 'GET', url: 'http://127.0.0.1:7071/api/health', headers: {} }),
    new InvocationContext({ invocationId: 'cold-start', functionName: 'health' }),
  );
  const answered = performance.now();
  const status = res.status ?? 200;
  /** @type {ChildResult} */
  const result = {
    status,
    functions: handlers.size,
    nodeStartMs,
    loadMs: loaded - before,
    firstRequestMs: answered - loaded,
    toFirstResponseMs: answered,
  };
  process.stdout.write(`\n${RESULT}${JSON.stringify(result)}\n`);
}

module.exports = { measureColdStart };

if (process.argv[2] === '--child')
  child(/** @type {string} */ (process.argv[3])).then(
    () => process.exit(0),
    (e) => {
      console.error(e instanceof Error ? e.stack : e);
      process.exit(1);
    },
  );
