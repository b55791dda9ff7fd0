/** Uploads a paper (PDF or Word) to one agenda item; the hub checks its content and size and says what is wrong. */
import * as React from 'react';
import { Button } from '@fluentui/react-components';
import { problemText } from '../api/problems';
import { useShared } from './styles';

export function PaperUpload({
  itemTitle,
  onUpload,
}: {
  itemTitle: string;
  onUpload: (file: File) => Promise<void>;
}) {
  const s = useShared();
  const input = React.useRef<HTMLInputElement>(null);
  const [message, setMessage] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const chosen = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setMessage('');
    try {
      await onUpload(file);
      setMessage(`${file.name} uploaded.`);
    } catch (e) {
      setMessage(problemText(e));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".pdf,.docx,.doc,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        className={s.hidden}
        tabIndex={-1}
        aria-label={`Paper for ${itemTitle}`}
        onChange={(e) => void chosen(e.target.files?.[0])}
      />
      <Button
        size="small"
        disabled={busy}
        aria-label={`Add a paper: ${itemTitle}`}
        onClick={() => input.current?.click()}
      >
        {busy ? 'Uploading…' : 'Add a paper'}
      </Button>
      {message ? <span role="status">{message}</span> : null}
    </>
  );
}
