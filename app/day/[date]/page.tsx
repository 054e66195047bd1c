/**
 * `/day/<YYYY-MM-DD>`: one stored announcement day as the preview showed it, for the default
 * profile, a saved one (`?profile=<token>`) or the builder's query, with the previous and next
 * stored days and a calendar strip of them all. A malformed date is the 404 page; a day with no
 * stored announcement says why. Rendered per request, so its scripts carry proxy.ts's CSP nonce.
 */
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EnvError } from '../../../lib/env';
import { StoreUnavailableError } from '../../../lib/errors';
import { dayPath, parseArchiveDay, type DayArchive } from '../../../lib/preview/day-archive';
import { formatDay } from '../../../lib/preview/page-notices';
import { NoticeList } from '../../_components/notice-list';
import { toQuery, type SearchParams } from '../../_components/preview-data';
import { ArchivePapers, missingText } from './archive-papers';
import styles from './day-archive.module.css';
import { getDayArchive } from './day-data';
import { CalendarStrip, PrevNext } from './day-nav';
import { Unavailable } from '../../_components/unavailable-notice';

export const dynamic = 'force-dynamic';

type PageProps = { params: Promise<{ date: string }>; searchParams: Promise<SearchParams> };

async function tryArchive({ params, searchParams }: PageProps): Promise<DayArchive | Error> {
  const day = parseArchiveDay((await params).date);
  if (!day) notFound();
  try {
    return await getDayArchive(day, toQuery(await searchParams).toString());
  } catch (err) {
    if (err instanceof StoreUnavailableError || err instanceof EnvError) return err;
    throw err;
  }
}

export async function generateMetadata(props: PageProps): Promise<Metadata> {
  const archive = await tryArchive(props);
  if (archive instanceof Error) return {};
  return { title: `${formatDay(archive.day)} · ${archive.model.doc.title} · arxiv-feeds` };
}

export default async function DayPage(props: PageProps) {
  const archive = await tryArchive(props);
  if (archive instanceof Error) return <Unavailable error={archive} />;
  const { model, day, missing } = archive;
  const query = toQuery(await props.searchParams);
  const href = (other: string) => dayPath(query, other);
  const home = new URLSearchParams(query);
  home.delete('page');
  const notices = [
    ...(model.inputError ? [{ tone: 'error' as const, text: `${model.inputError.message}. Showing the default selection instead.` }] : []),
    ...(model.unknownToken ? [{ tone: 'warn' as const, text: 'That saved profile does not exist (it may have been deleted). Showing the default feed.' }] : []),
    ...(missing ? [{ tone: 'info' as const, text: missingText(archive) }] : model.doc.notices.map((text) => ({ tone: 'info' as const, text }))),
  ];
  return (
    <main id="main" className={styles.archive}>
      <section id="papers" className="results" aria-labelledby="results-heading">
        <PrevNext previous={archive.previous} next={archive.next} href={href} />
        <h1 id="results-heading" className={`results-heading ${styles.heading}`}>
          {formatDay(day)}
        </h1>
        <p className={styles.subtitle}>{model.doc.title}</p>
        <CalendarStrip days={archive.storedDays} current={day} href={href} />
        <p className={styles.links}>
          <a href={home.size ? `/?${home}` : '/'}>Today’s papers and the feed builder</a>
        </p>
        <NoticeList notices={notices} />
        {!missing && <ArchivePapers archive={archive} query={query} />}
      </section>
    </main>
  );
}
