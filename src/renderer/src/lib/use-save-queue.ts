// The editor's save queue in React: its visible state, a notification when saving fails, and a flush when the
// editor goes away or the window closes, so an edit is never left behind.
import { useEffect, useState } from 'react';
import { clearNotice, notifyError } from '../data/query';
import { SaveQueue, type SaveQueueOptions, type SaveState } from './save-queue';

let queues = 0;

export function useSaveQueue<T, R extends { revision: number }>(options: Omit<SaveQueueOptions<T, R>, 'onState'>) {
  const [state, setState] = useState<SaveState>(() =>
    options.revision === null ? { kind: 'new' } : { kind: 'saved', revision: options.revision, at: options.savedAt ?? '' },
  );
  const [queue] = useState(() => {
    let shown = state.kind;
    const notice = `save-${++queues}`;
    return new SaveQueue<T, R>({
      ...options,
      onState: (next) => {
        // A failure is told once, when it starts; its retries stay quiet; once stored, the notice goes.
        if (next.kind === 'error' && shown !== 'error') notifyError(new Error(next.message), '没有保存，修改还在', notice);
        if (next.kind === 'saved' && shown !== 'saved') clearNotice(notice);
        shown = next.kind;
        setState(next);
      },
    });
  });
  // The callbacks change with every render; the queue, made once per editor, calls the newest ones.
  useEffect(() => queue.setCallbacks(options));

  useEffect(() => {
    // Closing the window or reloading: send what waits; if something is still unsaved, hold the close and close
    // again once it is stored (Electron sends the save over IPC at once; the browser asks the person).
    let closing = false;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      // A save that failed (refused, conflicting) cannot be finished by waiting: the window is not held for it
      // (Electron would silently refuse to close); the person was told when it failed.
      if (!queue.unsaved || closing || queue.state.kind === 'error' || queue.state.kind === 'conflict') return;
      e.preventDefault();
      void queue.flush().then(() => {
        if (queue.unsaved) return;
        closing = true;
        window.close();
      });
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      // Leaving the report: what waits is sent now (the queue outlives the component until it is stored).
      void queue.flush();
    };
  }, [queue]);

  return { queue, state };
}
