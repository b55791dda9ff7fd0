/** The backend every view calls (SharePoint's, the harness's or a test's fake), given once by the app. */
import * as React from 'react';
import type { BoardBackend } from '../api/board-api';

export const BackendContext = React.createContext<BoardBackend | undefined>(undefined);

export function useBackend(): BoardBackend {
  const b = React.useContext(BackendContext);
  if (!b) throw new Error('useBackend is used outside <BoardApp>.');
  return b;
}
