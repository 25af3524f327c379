// Reconnect delays: exponential from FIRST_MS to MOST_MS, each drawn in [d/2, d] so a
// crowd of clients cut at once does not come back at once.

const FIRST_MS = 200;
const MOST_MS = 10000;

export class Backoff {
  #attempt = 0;

  reset() {
    this.#attempt = 0;
  }

  nextDelay() {
    const ceiling = Math.min(MOST_MS, FIRST_MS * 2 ** Math.min(this.#attempt, 16));
    this.#attempt += 1;
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }
}
