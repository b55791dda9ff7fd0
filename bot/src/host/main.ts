/** The bot on its own (App Service or a second process): reads its configuration and serves until stopped. */
import { loadBotConfig } from './config';
import { startBotServer } from './server';
import { runHost } from './lifecycle';

async function main(): Promise<() => Promise<void>> {
  const config = loadBotConfig();
  const server = await startBotServer(config, { host: config.mode === 'azure' ? '0.0.0.0' : '127.0.0.1' });
  console.log(`Prevent Hub bot (${config.mode} mode) on ${server.url}/api/messages, API ${config.apiUrl}`);
  return async () => {
    await server.close();
  };
}

runHost(main);
