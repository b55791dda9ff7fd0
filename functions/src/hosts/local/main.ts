/**
 * The API alone (`node functions/dist/hosts/local/main.js`): the hub on 127.0.0.1:7071 with the embedded store under data/, demo data on first
 * run, timers running. Prints where everything is and how to sign in as each persona.
 */
import path from 'node:path';
import { loadConfig } from '../../config';
import { personaLines } from './banner';
import { startLocalHub } from './hub';
import { runHost } from '../process-lifecycle';

async function main(): Promise<() => Promise<void>> {
  const config = loadConfig();
  const hub = await startLocalHub({ dataDir: config.dataDir, port: config.apiPort, seed: true });
  const people = await hub.hub.directory.people();
  const lines = [
    '',
    'Prevent Partnership Hub (local mode, embedded SQLite store)',
    `  API        ${hub.url}/api   (health: ${hub.url}/api/health, OpenAPI: ${hub.url}/api/openapi.json)`,
    `  Store      ${path.join(config.dataDir, 'hub.sqlite')}${hub.seeded ? '  (demo data seeded)' : ''}`,
    '',
    'Sign in as a demo persona by sending the header  x-dev-persona: <id>  (local mode only), e.g.',
    `  curl -H 'x-dev-persona: ${people[0]?.id ?? ''}' ${hub.url}/api/me/concerns`,
    '',
    ...(await personaLines(hub)),
    '',
  ];
  console.log(lines.join('\n'));
  return async () => {
    await hub.close();
  };
}

runHost(main);
