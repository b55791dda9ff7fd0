/** How the bot's process starts and stops: close cleanly on Ctrl+C or SIGTERM, fail with a plain message. */
export function runHost(start: () => Promise<() => Promise<void>>): void {
  start().then(
    (close) => {
      const stop = () =>
        void close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
