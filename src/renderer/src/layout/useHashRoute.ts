// A tiny hash router: "#/audit" → "audit". Hash routes work over file:// (Electron) and http (browser mode).
import { useCallback, useEffect, useState } from 'react';

function read(): string {
  return window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
}

export function useHashRoute(): [string, (route: string) => void] {
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((next: string) => {
    if (read() !== next) window.location.hash = `#/${next}`;
    setRoute(next);
  }, []);
  return [route, navigate];
}
