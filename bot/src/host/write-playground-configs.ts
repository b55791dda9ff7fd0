/** Writes bot/playground/<persona>/.m365agentsplayground.yml for every demo persona. */
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_PEOPLE, PERSONA_IDS } from '@pph/functions/hosts/local/personas';
import { playgroundConfigDir, playgroundConfigYaml } from './playground';

const root = path.resolve(__dirname, '../../..');
for (const [key, id] of Object.entries(PERSONA_IDS)) {
  const person = DEMO_PEOPLE.find((p) => p.id === id)!;
  const dir = playgroundConfigDir(root, key);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, '.m365agentsplayground.yml'), playgroundConfigYaml(person, DEMO_PEOPLE));
}
console.log(`Wrote ${Object.keys(PERSONA_IDS).length} playground configs under bot/playground/.`);
