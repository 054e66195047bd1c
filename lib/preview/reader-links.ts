/**
 * "Open in reader" links for a feed URL. Links only: the server never fetches these sites.
 * The `feed:` scheme hands the URL to whatever reader the operating system has registered.
 */
export type ReaderLink = { name: string; href: string };

export function readerLinks(feedUrl: string): ReaderLink[] {
  const encoded = encodeURIComponent(feedUrl);
  return [
    { name: 'Your feed reader (feed:)', href: `feed:${feedUrl}` },
    { name: 'Feedly', href: `https://feedly.com/i/subscription/feed/${encoded}` },
    { name: 'Inoreader', href: `https://www.inoreader.com/?add_feed=${encoded}` },
    { name: 'NewsBlur', href: `https://www.newsblur.com/?url=${encoded}` },
    { name: 'The Old Reader', href: `https://theoldreader.com/feeds/subscribe?url=${encoded}` },
  ];
}
