/**
 * Run as a child process by fulltext-throttle.test.ts: one instance of the app summarizing the
 * papers named on the command line (numbers for makePaper), all at once, with full text on and
 * its store in the shared DATA_DIR of process.env. Prints one JSON line: each paper's outcome.
 */
import { getEnv } from '../../lib/env';
import { summarizePaper } from '../../lib/summarize/summarize-paper';
import { makePaper, paperContext, wanted } from './fulltext-setup';

const env = getEnv();
const ctx = paperContext(env, { now: new Date(process.env.FULLTEXT_NOW ?? Date.now()) });
const papers = process.argv.slice(2).map((n) => makePaper(Number(n)));
const outcomes = await Promise.all(papers.map((paper) => summarizePaper(ctx, wanted(paper, env))));
console.log(JSON.stringify(outcomes.map((o, i) => ({ paper: papers[i]!.id, kind: o.kind, downloads: o.cost?.downloads ?? 0 }))));
