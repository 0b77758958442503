import type { Plugin } from 'vite';

/**
 * Lets the build mode, not the import, decide whether a web worker is inlined:
 *
 * - the single-file build (`--mode single`) must inline every worker (`?worker&inline`): a page
 *   opened from file:// cannot start a worker from another file;
 * - the hosted build must not: an inlined worker is a string inside the first-screen script
 *   (about 46 KB gzip of 160 KB), parsed before the first curve can be drawn, whereas a worker
 *   file is fetched by the worker itself, in parallel.
 *
 * So `import W from './x?worker'` and `'./x?worker&inline'` both resolve to the inlined worker in
 * single mode and to a worker file otherwise.
 */
export function workerInlining(single: boolean): Plugin {
  return {
    name: 'worker-inlining',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const q = source.indexOf('?');
      if (q < 0) return null;
      const params = new URLSearchParams(source.slice(q + 1));
      if (!params.has('worker') || params.has('inline') === single) return null;
      if (single) params.set('inline', '');
      else params.delete('inline');
      const query = params.toString().replace(/=(?=&|$)/g, '');
      const resolved = await this.resolve(source.slice(0, q), importer, {
        ...options,
        skipSelf: true,
      });
      return resolved ? { ...resolved, id: `${resolved.id}?${query}` } : null;
    },
  };
}
