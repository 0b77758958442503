import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/**
 * Adds a Content-Security-Policy meta tag to the built page (not to the dev server, whose
 * hot-reload client needs inline scripts and a websocket). Inline scripts, which only the
 * single-file build has, are allowed by their SHA-256 hash, never by 'unsafe-inline'.
 * connect-src 'none': the app makes no network calls at all.
 */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    enforce: 'post',
    // order 'post', after vite-plugin-singlefile (also 'post', earlier in the list) has inlined
    // the scripts, so their hashes are the ones the browser checks.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle)) {
          if (file.type !== 'asset' || !file.fileName.endsWith('.html')) continue;
          const html = String(file.source);
          const hashes: string[] = [];
          const inline = /<script\b[^>]*>([\s\S]*?)<\/script>/g;
          for (let m = inline.exec(html); m; m = inline.exec(html)) {
            const body = m[1] ?? '';
            if (body.trim() === '') continue;
            hashes.push(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
          }
          const policy = [
            "default-src 'self'",
            `script-src 'self' ${hashes.join(' ')}`.trim(),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "worker-src 'self' blob:",
            "connect-src 'none'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
          ].join('; ');
          const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
          file.source = html.replace(/<head>/i, `<head>\n    ${meta}`);
        }
      },
    },
  };
}
