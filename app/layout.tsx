import type { ReactNode } from 'react';

export const metadata = { title: 'arxiv-feeds', description: 'Daily arXiv papers as personal RSS, Atom and JSON feeds.' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
