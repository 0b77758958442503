/**
 * Citations as text: the one place that turns a `Citation` into the line a reader sees (the
 * study picker, every published point's tooltip, the CLI and the exports). A source is always
 * named by its citation (authors, journal, year, DOI or PMID), never by where a copy of it was
 * kept while the data were extracted.
 */
import type { Citation } from './studyTypes';

/** "69(8):1423-1429" from volume, issue and pages, as far as they are known. */
function location(c: Citation): string {
  let where = '';
  if (c.volume) where += `;${c.volume}`;
  if (c.issue) where += `(${c.issue})`;
  if (c.pages) where += `:${c.pages}`;
  return where;
}

/**
 * The first `max` authors, then "et al." when more follow. A stored list may itself be cut short
 * by "et al." (anywhere, e.g. before the last author): only the names before it are shown.
 */
function authorList(authors: readonly string[], max: number): string {
  const cut = authors.indexOf('et al.');
  const leading = cut < 0 ? authors : authors.slice(0, cut);
  const truncated = leading.length > max || cut >= 0;
  const shown = leading.slice(0, max).join(', ');
  return truncated ? `${shown}, et al.` : shown;
}

/**
 * A short citation for tooltips, tables and the study picker:
 * "Wang D, Zhang H, Liang J, et al. Stem Cell Reports 2018;10(3):933-941. doi:10.1016/…". A work
 * with neither DOI nor PMID (a meeting abstract) is named by its title instead.
 */
export function shortCitation(c: Citation): string {
  const authors = `${authorList(c.authors, 3).replace(/\.$/, '')}.`;
  const where = `${c.journal} ${c.year}${location(c)}.`;
  if (c.doi) return `${authors} ${where} doi:${c.doi}`;
  if (c.pmid) return `${authors} ${where} PMID ${c.pmid}`;
  return `${authors} ${c.title.replace(/\.$/, '')}. ${where}`;
}

/**
 * The full citation on one line: up to six authors, title, journal year;volume(issue):pages,
 * DOI and PMID (the page it was read on when it has neither).
 */
export function formatCitation(c: Citation): string {
  const authors = authorList(c.authors, 6).replace(/\.$/, '');
  const ids = [
    c.doi ? `doi:${c.doi}` : '',
    c.pmid ? `PMID ${c.pmid}` : '',
    !c.doi && !c.pmid && c.url ? c.url : '',
  ]
    .filter(Boolean)
    .join('. ');
  return `${authors}. ${c.title.replace(/\.$/, '')}. ${c.journal} ${c.year}${location(c)}.${ids ? ` ${ids}.` : ''}`;
}

/**
 * How a quoted figure names its source, on one line: the citation, "Derived from" it for
 * arithmetic on published figures, and the site a `found` sentence was read on.
 */
export function sourceLine(f: { source: string; sourceRef: string; sourceUrl?: string }): string {
  const cited = f.source === 'derived' ? `Derived from ${f.sourceRef}` : f.sourceRef;
  if (!f.sourceUrl) return cited;
  let site = f.sourceUrl;
  try {
    site = new URL(f.sourceUrl).hostname.replace(/^www\./, '');
  } catch {
    // Not a URL after all: shown as it is.
  }
  return `${cited} (read on ${site})`;
}
