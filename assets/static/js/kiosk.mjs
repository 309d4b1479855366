// On the event kiosk's pages: after a spell with nobody touching the screen, go to the
// kiosk's reset address, which clears the last person's answers and result. Without
// JavaScript the pages' <noscript> refresh does the same.
const ACTIVITY = ["input", "keydown", "pointerdown", "pointermove", "wheel", "touchstart", "scroll"];

export function initKioskIdle(root = document) {
  const marker = root.querySelector("[data-kiosk-idle-url]");
  if (!marker) {
    return;
  }
  const url = marker.dataset.kioskIdleUrl;
  const seconds = Number(marker.dataset.kioskIdleSeconds) || 120;
  let timer;
  const restart = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => window.location.assign(url), seconds * 1000);
  };
  for (const type of ACTIVITY) {
    document.addEventListener(type, restart, { capture: true, passive: true });
  }
  // A page brought back by Back from the browser's memory is fetched afresh, so the
  // server decides what it may still show.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) {
      window.location.reload();
    }
  });
  restart();
}
