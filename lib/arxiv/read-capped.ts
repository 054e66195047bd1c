/**
 * A response body read to at most `maxBytes`: arXiv's answers and paper files are streamed, and one
 * byte over the cap cancels the download, so a hostile or broken answer cannot fill the memory.
 */
/** Reads at most `maxBytes`; one byte more and the download is cancelled. */
export async function readCapped(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<{ bytes: Uint8Array } | { tooLarge: number }> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return { tooLarge: total };
    }
    chunks.push(value);
  }
  return { bytes: Buffer.concat(chunks, total) };
}
