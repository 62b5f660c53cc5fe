// Runs benchmark sections and prints their tables: `node --expose-gc --import tsx bench/index.ts relay review`.
// Each name is a module bench/<name>.ts exporting `async function run(): Promise<BenchSection>`.
// Timing never fails the run; only a section that throws does (exit code 1).
import { formatSection, type BenchSection } from './report';

interface BenchModule {
  run(): Promise<BenchSection>;
}

async function runSection(name: string): Promise<boolean> {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`not a section name: ${name}`);
  const started = performance.now();
  try {
    const mod = (await import(`./${name}`)) as BenchModule;
    const section = await mod.run();
    console.log(formatSection(section));
    console.log(`   (${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
    return true;
  } catch (e) {
    console.log(`== ${name}: FAILED to run: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return false;
  }
}

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  let ok = true;
  for (const name of names.length ? names : ['relay']) ok = (await runSection(name)) && ok;
  process.exitCode = ok ? 0 : 1;
}

void main();
