import { describe, expect, it } from 'vitest';
import { formatCitation, shortCitation, sourceLine } from '../../src/data/citation';
import type { Citation } from '../../src/data';
import { getStudy } from '../../src/data';

const cite = (id: string): Citation => {
  const s = getStudy(id);
  if (!s) throw new Error(`missing study ${id}`);
  return s.citation;
};

describe('formatCitation', () => {
  it('writes six authors, the title, journal, year, volume, issue, pages, DOI and PMID', () => {
    expect(formatCitation(cite('followup2018'))).toBe(
      'Wang D, Zhang H, Liang J, Wang H, Hua B, Feng X, et al. A Long-Term Follow-Up Study of ' +
        'Allogeneic Mesenchymal Stem/Stromal Cell Transplantation in Patients with Drug-Resistant ' +
        'Systemic Lupus Erythematosus. Stem Cell Reports 2018;10(3):933-941. ' +
        'doi:10.1016/j.stemcr.2018.01.029. PMID 29478901.',
    );
  });

  it('ends with the page it was read on when there is neither DOI nor PMID', () => {
    const c: Citation = {
      authors: ['Roe A', 'Doe B'],
      title: 'A meeting abstract.',
      journal: 'Some Meeting',
      year: 2012,
      url: 'https://example.org/a',
    };
    expect(formatCitation(c)).toBe(
      'Roe A, Doe B. A meeting abstract. Some Meeting 2012. https://example.org/a.',
    );
  });
});

describe('shortCitation', () => {
  it('gives three authors, the journal reference and the DOI (else the PMID)', () => {
    expect(shortCitation(cite('pilot2010'))).toBe(
      'Liang J, Zhang H, Hua B, et al. Ann Rheum Dis 2010;69(8):1423-1429. doi:10.1136/ard.2009.123463',
    );
    expect(shortCitation(cite('uc2010'))).toBe(
      'Sun L, Wang D, Liang J, et al. Arthritis Rheum 2010;62(8):2467-75. PMID 20506343',
    );
  });

  it('names a work without DOI or PMID by its title', () => {
    expect(shortCitation(cite('multicentre2012'))).toBe(
      'Sun L, Wang D, Li J, et al. A multicentre clinical study of umbilical cord mesenchymal ' +
        'stem cells transplantation in active systemic lupus erythematosus. ' +
        '2012 ACR/ARHP Annual Meeting (abstract) 2012.',
    );
  });

  it('shows only the authors before a stored "et al.", even when a last author follows it', () => {
    const c: Citation = {
      authors: ['Gu F', 'Wang D', 'et al.', 'Sun L'],
      title: 'T',
      journal: 'Clin Rheumatol',
      year: 2014,
      doi: '10.1/x',
    };
    expect(shortCitation(c)).toBe('Gu F, Wang D, et al. Clin Rheumatol 2014. doi:10.1/x');
    expect(shortCitation({ ...c, authors: ['Gu F', 'Wang D'] })).toBe(
      'Gu F, Wang D. Clin Rheumatol 2014. doi:10.1/x',
    );
  });
});

describe('sourceLine', () => {
  const ref = 'Roe A, et al. J 2020. doi:10.1/y';
  it('is the citation, "Derived from" it, or it with the site a sentence was read on', () => {
    expect(sourceLine({ source: 'paper', sourceRef: ref })).toBe(ref);
    expect(sourceLine({ source: 'derived', sourceRef: ref })).toBe(`Derived from ${ref}`);
    expect(
      sourceLine({ source: 'found', sourceRef: ref, sourceUrl: 'https://www.example.org/p?q=1' }),
    ).toBe(`${ref} (read on example.org)`);
    expect(sourceLine({ source: 'found', sourceRef: ref, sourceUrl: 'not a url' })).toBe(
      `${ref} (read on not a url)`,
    );
  });
});
