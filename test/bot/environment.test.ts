/** The bot's own guard: local mode (and the dev sign-in) is refused wherever production may be. */
import { assertLocalModeAllowed } from '@pph/bot/host/environment';

describe('assertLocalModeAllowed', () => {
  it.each([
    [{ NODE_ENV: 'production' }],
    [{ NODE_ENV: ' Production ' }],
    [{ NODE_ENV: 'PRODUCTION' }],
    [{ WEBSITE_INSTANCE_ID: 'abc' }],
    [{ WEBSITE_SITE_NAME: 'pph-bot' }],
    [{ FUNCTIONS_WORKER_RUNTIME: 'node' }],
    [{ FUNCTIONS_EXTENSION_VERSION: '~4' }],
    [{ PPH_MODE: ' Azure' }],
  ])('refuses %j', (env) => {
    expect(() => assertLocalModeAllowed(env)).toThrow(/refused/);
  });

  it('allows a developer machine', () => {
    expect(() => assertLocalModeAllowed({ NODE_ENV: 'development' })).not.toThrow();
  });
});
