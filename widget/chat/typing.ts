/** While the visitor types: "typing" at most every 3 s, and "stopped" after 4 s without a keystroke (or at once). */
export function createTyping(send: (typing: boolean) => void, every = 3000, idle = 4000) {
  let on = false;
  let sentAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const set = (active: boolean): void => {
    clearTimeout(timer);
    if (active) {
      const now = Date.now();
      if (!on || now - sentAt >= every) {
        on = true;
        sentAt = now;
        send(true);
      }
      timer = setTimeout(() => set(false), idle);
    } else if (on) {
      on = false;
      send(false);
    }
  };
  return set;
}
