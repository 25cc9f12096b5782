// Saving text produced by the console as a file through the browser's download mechanism.

/** Offers `text` as a file download named `fileName`. */
export function downloadText(fileName: string, text: string, mime = 'text/csv;charset=utf-8'): void {
  // A byte-order mark lets spreadsheet programs read UTF-8 CSV correctly (files from the engine carry one).
  const bom = mime.startsWith('text/csv') && !text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const blob = new Blob([bom, text], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
