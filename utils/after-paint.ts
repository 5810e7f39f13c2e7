/**
 * Waiting for the browser to paint what is in the DOM now, so work that can wait does not delay it:
 * the next animation frame, then a task after it (the frame's paint comes between the two). A page
 * that is not visible gets no frames; it waits `HIDDEN_PAGE_MS` instead.
 */
const HIDDEN_PAGE_MS = 50;

export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(fallback);
      setTimeout(resolve, 0);
    };
    const fallback = setTimeout(finish, HIDDEN_PAGE_MS);
    requestAnimationFrame(finish);
  });
}
