import { generateNational, type DemoRegistry } from '@rdplan/demo';
import { importNational } from '../commands/national/import-national.js';
import { systemActor, type Deps } from '../context.js';

/**
 * The demo's body of national programme records (4.2): the generator's demo size — about 600
 * applications and 150 projects naming Guangzhou and other units in the noisy ways real records do —
 * imported through the same command as the web page and the CLI, so that the map, the matching
 * review queue and the follow-up list have something to show. Idempotent by national id.
 */
export async function seedDemoNational(deps: Deps, registry: DemoRegistry) {
  const data = generateNational(registry, { size: 'demo' });
  const file = { applications: data.applications, projects: data.projects };
  return importNational(deps, systemActor('seed'), {
    filename: 'demo-national-records.json',
    buffer: Buffer.from(JSON.stringify(file)),
    source: '演示数据：国家重点研发计划申报、立项与验收记录（生成）',
    maxBytes: null,
  });
}
