import { useEffect, useState } from 'react';
import { connectToHost, type TeamsHost, type ThemeName } from '../teams/teamsHost';

/** The host once connected (null before), and the current theme, which Teams may change. */
export function useHost(): { host: TeamsHost | null; theme: ThemeName } {
  const [host, setHost] = useState<TeamsHost | null>(null);
  const [theme, setTheme] = useState<ThemeName>('default');

  useEffect(() => {
    let active = true;
    void connectToHost().then((connected) => {
      if (!active) return;
      setHost(connected);
      setTheme(connected.theme);
      connected.onThemeChange((next) => {
        if (active) setTheme(next);
      });
    });
    return () => {
      active = false;
    };
  }, []);

  return { host, theme };
}
