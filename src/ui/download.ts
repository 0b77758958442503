/** Saves text (or a blob) as a file through a temporary object URL; nothing leaves the machine. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Saves text as a file. */
export function downloadText(text: string, filename: string, type = 'text/plain'): void {
  downloadBlob(new Blob([text], { type: `${type};charset=utf-8` }), filename);
}

/** Reads a file the user picked, refusing anything larger than `maxBytes`. */
export async function readPickedFile(file: File, maxBytes = 5_000_000): Promise<string> {
  if (file.size > maxBytes)
    throw new Error(`${file.name} is larger than ${Math.round(maxBytes / 1e6)} MB.`);
  return file.text();
}
