/**
 * The agenda builder: the items in order, each moved by keyboard (Move up / Move down, or Alt+Arrow keys on the
 * item) or dragged with the mouse; a move is shown at once, sent to the hub, and said aloud (a live region). Items
 * are added with a presenter and a time, marked restricted when they are exempt information, and given papers.
 */
import * as React from 'react';
import { Badge, Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { AddAgendaItemInput, AgendaItemView, AgendaResponse } from '@pph/contract';
import { problemText } from '../api/problems';
import { AddAgendaItemForm } from './AddAgendaItemForm';
import { moveTo, positionAfterStep } from './agenda-order';
import { PaperUpload } from './PaperUpload';
import { Problem } from './Status';
import { useShared } from './styles';

export interface AgendaBuilderProps {
  items: readonly AgendaItemView[];
  /** False once the meeting is held: the agenda is then closed. */
  editable: boolean;
  onMove: (itemId: string, position: number) => Promise<AgendaResponse>;
  onAdd: (item: AddAgendaItemInput) => Promise<AgendaResponse>;
  onRemove: (itemId: string) => Promise<AgendaResponse>;
  onUpload?: (itemId: string, file: File) => Promise<void>;
}

const useStyles = makeStyles({
  item: {
    display: 'flex',
    flexDirection: 'row',
    gap: tokens.spacingHorizontalM,
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    flexWrap: 'wrap',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  body: { flexGrow: 1, flexShrink: 1, flexBasis: '20rem' },
  dragging: { opacity: 0.5 },
  over: { borderTopColor: tokens.colorBrandStroke1, borderTopWidth: tokens.strokeWidthThickest },
  handle: { cursor: 'grab' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

export function AgendaBuilder({
  items: given,
  editable,
  onMove,
  onAdd,
  onRemove,
  onUpload,
}: AgendaBuilderProps) {
  const s = useShared();
  const styles = useStyles();
  const [items, setItems] = React.useState<readonly AgendaItemView[]>(given);
  const [announcement, setAnnouncement] = React.useState('');
  const [problem, setProblem] = React.useState('');
  const [dragged, setDragged] = React.useState<string>();
  const [over, setOver] = React.useState<string>();
  const refocus = React.useRef<string | undefined>(undefined);
  const rows = React.useRef(new Map<string, HTMLLIElement>());

  React.useEffect(() => setItems(given), [given]);
  React.useEffect(() => {
    // Keep the focus on the item that moved (its list element was re-rendered in a new place).
    if (refocus.current) rows.current.get(refocus.current)?.focus();
    refocus.current = undefined;
  }, [items]);

  const move = async (itemId: string, position: number, viaKeyboard: boolean) => {
    const before = items;
    const title = items.find((i) => i.id === itemId)?.title ?? itemId;
    setProblem('');
    if (viaKeyboard) refocus.current = itemId;
    setItems(moveTo(items, itemId, position));
    try {
      const answer = await onMove(itemId, position);
      if (viaKeyboard) refocus.current = itemId;
      setItems(answer.items);
      const now = answer.items.find((i) => i.id === itemId)?.position ?? position;
      setAnnouncement(`${title} moved to position ${now} of ${answer.items.length}.`);
    } catch (e) {
      setItems(before);
      setProblem(problemText(e));
    }
  };
  const step = (itemId: string, by: -1 | 1) => {
    const to = positionAfterStep(items, itemId, by);
    if (to !== undefined) void move(itemId, to, true);
  };
  const remove = async (itemId: string) => {
    setProblem('');
    try {
      setItems((await onRemove(itemId)).items);
      setAnnouncement('Item removed from the agenda.');
    } catch (e) {
      setProblem(problemText(e));
    }
  };

  return (
    <section className={s.stack} aria-labelledby="pph-agenda-heading">
      <h2 id="pph-agenda-heading" className={s.heading}>
        Agenda
      </h2>
      {editable ? (
        <p className={s.muted} id="pph-agenda-help">
          Move an item with its Move up and Move down buttons, with Alt+Up or Alt+Down while it has the focus,
          or drag it with the mouse.
        </p>
      ) : (
        <p className={s.muted}>The meeting has been held: its agenda is closed.</p>
      )}
      {problem ? <Problem>{problem}</Problem> : null}
      <div aria-live="polite" role="status" className={s.hidden}>
        {announcement}
      </div>
      <ol className={s.list} aria-label="Agenda items in order">
        {items.map((item, index) => (
          <li
            key={item.id}
            ref={(el) => {
              if (el) rows.current.set(item.id, el);
              else rows.current.delete(item.id);
            }}
            tabIndex={editable ? 0 : undefined}
            aria-label={`${item.position}. ${item.title}`}
            aria-describedby={editable ? 'pph-agenda-help' : undefined}
            draggable={editable}
            className={mergeClasses(
              s.card,
              styles.item,
              dragged === item.id && styles.dragging,
              over === item.id && styles.over,
            )}
            onKeyDown={(e) => {
              if (!editable || !e.altKey || e.target !== e.currentTarget) return;
              if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
                e.preventDefault();
                step(item.id, e.key === 'ArrowUp' ? -1 : 1);
              }
            }}
            onDragStart={(e) => {
              setDragged(item.id);
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', item.id);
            }}
            onDragOver={(e) => {
              if (!dragged) return;
              e.preventDefault();
              setOver(item.id);
            }}
            onDragLeave={() => setOver((o) => (o === item.id ? undefined : o))}
            onDragEnd={() => {
              setDragged(undefined);
              setOver(undefined);
            }}
            onDrop={(e) => {
              e.preventDefault();
              const id = dragged ?? e.dataTransfer.getData('text/plain');
              setDragged(undefined);
              setOver(undefined);
              if (id && id !== item.id) void move(id, index + 1, false);
            }}
          >
            <div className={mergeClasses(s.stack, styles.body)}>
              <span className={editable ? styles.handle : undefined}>
                <strong>{`${item.position}. ${item.title}`}</strong>{' '}
                {item.restricted ? (
                  <Badge appearance="outline" color="danger">
                    Restricted
                  </Badge>
                ) : null}{' '}
                {item.standing ? (
                  <Badge appearance="tint" color="informative">
                    Standing item
                  </Badge>
                ) : null}
              </span>
              <span className={s.muted}>
                {[
                  item.presenter ? `Presenter: ${item.presenter.displayName}` : undefined,
                  item.minutes !== undefined ? `${item.minutes} minutes` : undefined,
                ]
                  .filter(Boolean)
                  .join(' · ') || 'No presenter yet'}
              </span>
              {item.papers && item.papers.length > 0 ? (
                <ul className={s.list} aria-label={`Papers for ${item.title}`}>
                  {item.papers.map((p) => (
                    <li key={p.id}>
                      {p.fileName}{' '}
                      {p.late ? (
                        <Badge appearance="filled" color="warning">
                          Late paper
                        </Badge>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
            {editable ? (
              <div className={styles.actions}>
                <Button
                  size="small"
                  disabled={index === 0}
                  aria-label={`Move up: ${item.title}`}
                  onClick={() => step(item.id, -1)}
                >
                  Move up
                </Button>
                <Button
                  size="small"
                  disabled={index === items.length - 1}
                  aria-label={`Move down: ${item.title}`}
                  onClick={() => step(item.id, 1)}
                >
                  Move down
                </Button>
                {onUpload ? (
                  <PaperUpload itemTitle={item.title} onUpload={(f) => onUpload(item.id, f)} />
                ) : null}
                {item.standing ? null : (
                  <Button
                    size="small"
                    aria-label={`Remove: ${item.title}`}
                    onClick={() => void remove(item.id)}
                  >
                    Remove
                  </Button>
                )}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {editable ? (
        <AddAgendaItemForm
          onAdd={async (input) => {
            const answer = await onAdd(input);
            setItems(answer.items);
            setAnnouncement(`${input.title} added to the agenda.`);
          }}
        />
      ) : null}
    </section>
  );
}
