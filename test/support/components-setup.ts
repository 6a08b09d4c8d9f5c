import { cleanup, configure } from '@testing-library/preact';
import { afterAll, afterEach } from 'vitest';

// findBy* waits on a condition; on a loaded 2-core CI machine 1 s (the default) is too short to be fair.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
});

// Preact runs effects after paint: without requestAnimationFrame (jsdom has none) on a 100 ms timer. A render
// in a file's last moments would otherwise run its effects after the file's window is gone ("window is not
// defined", reported as an unhandled error that fails the run though every test passed).
afterAll(() => new Promise((resolve) => setTimeout(resolve, 150)));
