import { cleanup, configure } from '@testing-library/preact';
import { afterEach } from 'vitest';

// findBy* waits on a condition; on a loaded 2-core CI machine 1 s (the default) is too short to be fair.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
});
