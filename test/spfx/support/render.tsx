/** Renders a view of the web part as BoardApp would: inside Fluent's provider, with a backend when it needs one. */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { BoardBackend } from '../../../spfx/src/webparts/boardSecretariat/api/board-api';
import { BackendContext } from '../../../spfx/src/webparts/boardSecretariat/components/backend-context';

export function renderView(ui: ReactElement, backend?: BoardBackend) {
  return render(
    <FluentProvider theme={webLightTheme}>
      {backend ? <BackendContext.Provider value={backend}>{ui}</BackendContext.Provider> : ui}
    </FluentProvider>,
  );
}
