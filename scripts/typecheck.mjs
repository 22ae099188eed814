// Type-checks every workspace (strict, no emit).
import { run } from './ensure-install.mjs';
for (const project of ['packages/domain', 'packages/demo', 'apps/server', 'apps/web', 'e2e', 'bench', 'scripts']) {
  run('npx', ['tsc', '-p', project, '--noEmit']);
}
