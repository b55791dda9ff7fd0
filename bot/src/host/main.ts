/** The bot on its own (App Service or a second process): reads its configuration and serves until stopped. */
import { loadBotConfig } from './config';
import { startBotServer } from './server';

async function main() {
  const config = loadBotConfig();
  const server = await startBotServer(config, { host: config.mode === 'azure' ? '0.0.0.0' : '127.0.0.1' });
  console.log(`Prevent Hub bot (${config.mode} mode) on ${server.url}/api/messages, API ${config.apiUrl}`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
