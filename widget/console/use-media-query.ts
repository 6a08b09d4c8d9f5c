import { useEffect, useState } from 'preact/hooks';

/** Whether a media query matches, following the window as it changes; false where there is no window to ask. */
export function useMediaQuery(query: string): boolean {
  const read = () => typeof matchMedia === 'function' && matchMedia(query).matches;
  const [matches, setMatches] = useState(read);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const list = matchMedia(query);
    const onChange = () => setMatches(list.matches);
    onChange();
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, [query]);
  return matches;
}
