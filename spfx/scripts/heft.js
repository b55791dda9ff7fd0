/**
 * Runs Heft with Node 22 from the npm registry's `node` package (a devDependency): SPFx 1.23 needs Node 22,
 * and the root of the repository runs on Node 20. Arguments are Heft's (e.g. build --clean --production).
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const node = path.join(root, 'node_modules', 'node', 'bin', 'node');
const heft = path.join(root, 'node_modules', '@rushstack', 'heft', 'bin', 'heft');
const run = spawnSync(node, [heft, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
if (run.error) {
  console.error(
    `Could not start Node 22 at ${node}: run \`npm ci --prefix spfx\` first. (${run.error.message})`,
  );
  process.exit(1);
}
process.exit(run.status ?? 1);
