/** Serializes async writes (the summary day index is read-modify-write). */
export function serializer() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(write: () => Promise<T>): Promise<T> => {
    const next = tail.then(write, write);
    tail = next.catch(() => undefined);
    return next;
  };
}
