/**
 * The converter a host gives the pack compiler: LibreOffice where it is installed, else (beside a SharePoint
 * store) Graph's conversion of the library's files, with a token from the app registration's certificate.
 */
import type { SharePointConfig } from '../../../config';
import type { PaperConverter } from '../../../ports/paper-converter';
import { graphClient } from '../../calendar/graph-invites';
import { certificateTokenProvider } from '../../sharepoint/certificate-tokens';
import { GraphPdfConverter, graphSiteRef } from './graph-pdf';
import { selectPaperConverter } from './select';

export function openPaperConverter(config: {
  sharepoint?: SharePointConfig | undefined;
}): PaperConverter | undefined {
  const sharepoint = config.sharepoint;
  return selectPaperConverter(
    sharepoint
      ? {
          graph: () => {
            const tokens = certificateTokenProvider(sharepoint);
            return new GraphPdfConverter(
              graphClient(() => tokens.getToken('https://graph.microsoft.com/.default')),
              graphSiteRef(sharepoint.siteUrl),
            );
          },
        }
      : {},
  );
}
