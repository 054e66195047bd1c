/**
 * arXiv asks API clients to identify themselves (https://info.arxiv.org/help/api/tou.html).
 * The contact is the deployment's public URL when set, else the project's repository.
 */
import pkg from '../../package.json';

/** Replace with your fork's URL if you run a public deployment without PUBLIC_BASE_URL. */
export const PROJECT_URL = 'https://github.com/arxiv-feeds/arxiv-feeds';

export function arxivUserAgent(publicBaseUrl?: string): string {
  return `arxiv-feeds/${pkg.version} (+${publicBaseUrl ?? PROJECT_URL}; arXiv RSS/API client)`;
}
