import { useEffect, useState } from 'react';

export type Route =
  | { screen: 'library' }
  | { screen: 'practice'; attempt: string }
  | { screen: 'report'; attempt: string }
  | { screen: 'history' }
  | { screen: 'author' }
  | { screen: 'quiz' };

/** Parse a location hash (`#/practice/<id>` …); anything unknown is the library. */
export function parseRoute(hash: string): Route {
  const [, screen, id] = hash.replace(/^#/, '').split('/');
  const attempt = id ? decodeURIComponent(id) : '';
  if (screen === 'practice' && attempt) return { screen, attempt };
  if (screen === 'report' && attempt) return { screen, attempt };
  if (screen === 'history' || screen === 'author' || screen === 'quiz') return { screen };
  return { screen: 'library' };
}

export function routeHash(route: Route): string {
  return route.screen === 'practice' || route.screen === 'report' ? `#/${route.screen}/${encodeURIComponent(route.attempt)}` : `#/${route.screen}`;
}

/** The current route, kept in the URL hash so a reload lands on the same screen. */
export function useRoute(): [Route, (r: Route) => void] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return [route, (r) => { window.location.hash = routeHash(r); }];
}
