import { ApiHeaders } from '@pph/contract';
import { assertLocalModeAllowed } from '../../config';
import { AuthError, type Authenticator, type Principal } from '../../ports/identity';

/**
 * Local sign-in as a demo persona (header x-dev-persona). It checks that local mode is allowed when built and
 * on every request, so it refuses to work in production even if someone wires it by mistake.
 */
export function createDevAuthenticator(opts: {
  /** Whether this id is a registered persona: one indexed look-up, not a read of everyone. */
  isKnownPersona: (id: string) => Promise<boolean> | boolean;
  env?: NodeJS.ProcessEnv;
}): Authenticator {
  const env = opts.env ?? process.env;
  assertLocalModeAllowed(env);
  return {
    async authenticate(req): Promise<Principal> {
      assertLocalModeAllowed(env);
      const id = req.header(ApiHeaders.devPersona)?.trim();
      if (!id)
        throw new AuthError(
          `Sign in: send the header ${ApiHeaders.devPersona} with a demo persona id (GET /api/dev/personas lists them).`,
        );
      if (!(await opts.isKnownPersona(id))) {
        throw new AuthError(
          `There is no demo persona "${id.slice(0, 64)}". GET /api/dev/personas lists them.`,
        );
      }
      return { userId: id, via: 'dev-persona' };
    },
  };
}
