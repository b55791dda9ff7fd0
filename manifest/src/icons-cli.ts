/** `npm run icons:teams`: redraws manifest/color.png and manifest/outline.png. */
import path from 'node:path';
import { writeIcons } from './icons';

for (const file of writeIcons(path.resolve(__dirname, '..')))
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
