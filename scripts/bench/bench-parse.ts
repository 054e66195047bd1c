/**
 * 3a. Parse + normalize one 1,504-item announcement day (the app's parseAnnouncements: validation,
 * parse, per-item normalization into Papers) against fast-xml-parser's bare `XMLParser.parse` of
 * the same bytes, the least any XML-based ingest must pay. Runs alternate so drift hits both alike.
 * A recorded real arXiv day can be measured the same way: set BENCH_RECORDED_RSS to its file (optional).
 */
import { existsSync, readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseAnnouncements } from '../../lib/arxiv/parse-announcements';
import { readXml } from '../../lib/arxiv/read-xml';
import { bigDay } from './data/bench-days';
import { figure, fmt, median, ms, type Figure } from './harness';

/** Optional: a recorded arXiv RSS day (e.g. the team's reference recordings); never required. */
const RECORDED_DAY = process.env.BENCH_RECORDED_RSS ?? '';
const RUNS = 15;

function timeOnce(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** Interleaved medians of the app's parse, the bare parse, and the validator pass alone. */
export function measureParse(xml: string, runs = RUNS) {
  const bare = new XMLParser();
  const samples = { ours: [] as number[], bare: [] as number[], validate: [] as number[], readXml: [] as number[] };
  let papers = 0;
  for (let i = 0; i < runs + 1; i++) {
    const o = timeOnce(() => (papers = parseAnnouncements(xml).papers.length));
    const b = timeOnce(() => bare.parse(xml));
    const v = timeOnce(() => XMLValidator.validate(xml));
    const r = timeOnce(() => readXml(xml));
    if (i === 0) continue; // warm-up: JIT and first-call costs
    samples.ours.push(o);
    samples.bare.push(b);
    samples.validate.push(v);
    samples.readXml.push(r);
  }
  return {
    papers,
    // Each run's own ratio, then the median: a noisy neighbour slows both halves of one pair alike.
    pairedRatio: median(samples.ours.map((o, i) => o / samples.bare[i]!)),
    ours: median(samples.ours),
    bare: median(samples.bare),
    validate: median(samples.validate),
    readXml: median(samples.readXml),
  };
}

export async function benchParse(): Promise<Figure[]> {
  const day = bigDay();
  const figures = [parseFigure('synthetic 1,504-item day', day.xml)];
  if (RECORDED_DAY && existsSync(RECORDED_DAY)) figures.push(parseFigure('recorded arXiv day (BENCH_RECORDED_RSS)', readFileSync(RECORDED_DAY, 'utf8')));
  return figures;
}

function parseFigure(label: string, xml: string): Figure {
  const m = measureParse(xml);
  const ratio = m.pairedRatio;
  const parts: [string, number][] = [
    ['XMLValidator.validate (refuses truncated answers)', m.validate],
    ['configured XMLParser.parse (attributes, arrays, no number coercion)', m.readXml - m.validate],
    ['normalization to Papers (clean text, ids, authors)', m.ours - m.readXml],
  ];
  // What the app pays beyond a bare parse: the validator pass, option overhead, normalization.
  const extras: [string, number][] = [
    ['the validator pass', m.validate],
    ['parser options', m.readXml - m.validate - m.bare],
    ['normalization', m.ours - m.readXml],
  ];
  const biggest = extras.reduce((a, b) => (b[1] > a[1] ? b : a));
  return figure({
    section: '3 ingest',
    what: `parse + normalize, ${label} (${fmt(xml.length / 1024 / 1024, 1)} MB → ${fmt(m.papers)} papers)`,
    value: ms(m.ours),
    ratio: { value: ratio, against: `÷ bare XMLParser.parse ${ms(m.bare)}, median of paired runs` },
    target: { op: '<=', limit: 1.5, on: ratio },
    note: `${parts
      .map(([name, t]) => `${name} ${ms(t)} (${fmt(t / m.bare, 2)}× bare)`)
      .join(', ')}.${ratio > 1.5 ? ` The largest cost beyond a bare parse is ${biggest[0]} (${fmt(biggest[1] / m.bare, 2)}× bare).` : ''}`,
  });
}
