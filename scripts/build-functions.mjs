// Compiles the Lambda handlers and lib/ to plain JavaScript in dist/ (tsconfig.build.json), and copies
// beside them the data the modules read relative to themselves (rule packs, calendars, area codes,
// agreement texts, the decode worker). The image runs dist/functions/*.js with no TypeScript loader.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

let copied = 0;
const copyAssets = (dir) => {
  for (const name of readdirSync(dir)) {
    const from = path.join(dir, name);
    if (statSync(from).isDirectory()) copyAssets(from);
    else if (!name.endsWith('.ts')) {
      cpSync(from, path.join(dist, path.relative(root, from)));
      copied++;
    }
  }
};
copyAssets(path.join(root, 'lib'));
process.stdout.write(`dist/: handlers compiled, ${copied} data files copied\n`);
