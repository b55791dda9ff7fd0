/**
 * The API alone (`node functions/dist/hosts/local/main.js`): the hub on 127.0.0.1:7071 with the embedded store
 * under data/ and timers running. In local mode it seeds demo data on first run and prints how to sign in as
 * each persona; with PPH_MODE=azure it takes Entra ID tokens only (see api-host.ts).
 */
import { runHost } from '../process-lifecycle';
import { startApiHost } from './api-host';

runHost(async () => {
  const { hub, banner } = await startApiHost(process.env);
  console.log(banner.join('\n'));
  return () => hub.close();
});
