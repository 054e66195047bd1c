/**
 * Prints the client JS a page of a production build loads: each chunk's raw and gzip size and
 * whether it carries zod, then the totals. Run after `next build`.
 * Usage: npx tsx scripts/measure-client-js.ts [.next dir, default ./.next] [route, default /] [--json]
 */
import path from 'node:path';
import { measurePageClientJs } from './measure/page-client-js';

const args = process.argv.slice(2);
const positional = args.filter((a) => !a.startsWith('--'));
const nextDir = path.resolve(positional[0] ?? '.next');
const route = positional[1] ?? '/';
const report = measurePageClientJs(nextDir, route);

if (args.includes('--json')) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`.padStart(10);
  console.log(`client JS of ${route} in ${nextDir}`);
  console.log(`${'chunk'.padEnd(44)}${'raw'.padStart(10)}${'gzip'.padStart(10)}  zod`);
  for (const c of report.chunks) console.log(`${c.file.padEnd(44)}${kb(c.rawBytes)}${kb(c.gzipBytes)}  ${c.hasZod ? 'yes' : 'no'}`);
  const zod = report.chunks.some((c) => c.hasZod);
  console.log(`${'total'.padEnd(44)}${kb(report.rawBytes)}${kb(report.gzipBytes)}  ${zod ? 'yes' : 'no'}`);
  console.log(`(${report.rawBytes} B raw, ${report.gzipBytes} B gzip; ${report.chunks.length} chunks)`);
  for (const p of report.polyfills) console.log(`not counted: ${p.file} ${kb(p.rawBytes)} raw (nomodule polyfills, legacy browsers only)`);
}
