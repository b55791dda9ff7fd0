/** Every version of the minutes, oldest first, with its Word and PDF files. */
import * as React from 'react';
import { Button } from '@fluentui/react-components';
import type { MinutesVersion } from '@pph/contract';
import { useShared } from './styles';

export function MinutesVersions({
  versions,
  onDownload,
}: {
  versions: readonly MinutesVersion[];
  onDownload?: (version: number, format: 'docx' | 'pdf') => void;
}) {
  const s = useShared();
  if (versions.length === 0) return null;
  return (
    <section className={s.stack} aria-labelledby="pph-versions-heading">
      <h3 id="pph-versions-heading" className={s.subheading}>
        Versions
      </h3>
      <ul className={s.list}>
        {versions.map((v) => (
          <li key={v.version} className={s.row}>
            <span>{`Version ${v.version}: ${v.status}, ${v.at.slice(0, 10)}, by ${v.by.displayName}`}</span>
            {onDownload ? (
              <>
                <Button size="small" onClick={() => onDownload(v.version, 'docx')}>
                  {`Word, version ${v.version}`}
                </Button>
                <Button size="small" onClick={() => onDownload(v.version, 'pdf')}>
                  {`PDF, version ${v.version}`}
                </Button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
