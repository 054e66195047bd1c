import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
// KaTeX's stylesheet and fonts ship from node_modules through the bundler: no CDN, no network.
import 'katex/dist/katex.min.css';
import './globals.css';

export const metadata: Metadata = {
  title: 'arxiv-feeds',
  description: 'Daily arXiv papers as personal RSS, Atom and JSON feeds, ranked by your keywords.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fbfaf7' },
    { media: '(prefers-color-scheme: dark)', color: '#16181d' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#papers">
          Skip to papers
        </a>
        <a className="skip-link" href="#builder-heading">
          Skip to the feed builder
        </a>
        <header className="site-header">
          <a href="/" className="brand">
            arxiv-feeds
          </a>
          <p className="tagline">Today’s arXiv papers, ranked by your keywords, as RSS, Atom and JSON feeds.</p>
        </header>
        {children}
        <footer className="site-footer">
          <p>
            Paper metadata from <a href="https://arxiv.org/">arXiv</a> (thank you to arXiv for use of its open access
            interoperability). Summaries, when shown, are machine-generated.
          </p>
        </footer>
      </body>
    </html>
  );
}
