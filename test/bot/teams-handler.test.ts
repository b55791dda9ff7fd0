/** The bot's activity handler is the Teams one, as Teams developers expect to extend. */
import { TeamsActivityHandler } from 'botbuilder';
import { HubActivityHandler } from '@pph/bot/botbuilder/activity-handler';
import { HubClient } from '@pph/bot/api/hub-client';
import { PreventBot } from '@pph/bot/core/prevent-bot';
import { devPersonaCredentials } from '@pph/bot/api/credentials';
import { TEST_SETTINGS } from '../support/bot';

it('extends TeamsActivityHandler', () => {
  // Nothing is called: no hub behind this address is needed.
  const hub = new HubClient('http://127.0.0.1:9', devPersonaCredentials());
  const handler = new HubActivityHandler(new PreventBot(hub, TEST_SETTINGS), async () => {});
  expect(handler).toBeInstanceOf(TeamsActivityHandler);
});
