/**
 * `npx tsx bench/summarize.ts bench/results/runs/*.json`: several full runs of `npm run bench`
 * (each run's bench/results/latest.json, copied aside) summed up as one: each figure's median and
 * its spread (lowest and highest), and whether the median meets the figure's target. Writes
 * bench/results/summary.json; the README's figures come from it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Figure } from './measure.js';

interface Run {
  date: string;
  code: { commit: string; dirty: boolean };
  machine: unknown;
  cases: unknown;
  figures: Figure[];
}

const files = process.argv.slice(2);
if (files.length < 2) {
  process.stderr.write('usage: npx tsx bench/summarize.ts <run.json> <run.json> [...]\n');
  process.exit(2);
}
const runs = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as Run);

/** Whether `value` meets a target written as `<= 2` or `>= 0.5`. */
function meets(value: number, target: string | null): boolean | null {
  if (!target) return null;
  const [sign, bound] = target.split(' ');
  return sign === '<=' ? value <= Number(bound) : value >= Number(bound);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

// Every figure of the first run, in its order, with the values every run has for it.
const figures = runs[0]!.figures.map((first) => {
  const values = runs.flatMap((run) => run.figures.filter((f) => f.name === first.name).map((f) => f.value));
  const value = Math.round(median(values) * 100) / 100;
  return {
    name: first.name,
    unit: first.unit,
    target: first.target,
    median: value,
    lowest: Math.min(...values),
    highest: Math.max(...values),
    runs: values.length,
    met: meets(value, first.target),
  };
});
const summary = {
  runs: runs.map((run) => ({ date: run.date, code: run.code })),
  machine: runs[0]!.machine,
  cases: runs[0]!.cases,
  figures,
};
const out = fileURLToPath(new URL('results/summary.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
for (const f of figures)
  process.stdout.write(
    `${f.name.padEnd(100)} ${String(f.median).padStart(9)} [${f.lowest}–${f.highest}] ${f.unit}${f.target ? `  (${f.target}: ${f.met ? 'met' : 'NOT met'})` : ''}\n`,
  );
process.stdout.write(`Wrote bench/results/summary.json from ${runs.length} runs.\n`);
