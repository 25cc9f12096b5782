// Saving text produced by the console as a file through the browser's download mechanism.

/** Offers `text` as a file download named `fileName`. */
export function downloadText(fileName: string, text: string, mime = 'text/csv;charset=utf-8'): void {
  // A BOM lets spreadsheet programs read UTF-8 CSV correctly.
  const blob = new Blob([mime.startsWith('text/csv') ? '\uFEFF' : '', text], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
