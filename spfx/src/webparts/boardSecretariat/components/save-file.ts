/** Hands a file the hub sent to the browser (opened by the person's PDF viewer or saved, as the browser does). */
import type { BoardFile } from '../api/board-api';

export function saveFile(file: BoardFile) {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
