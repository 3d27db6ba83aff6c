import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { startSession } from './services/session';
import './app.css';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Mini-programs log in silently at launch; pages wait for it (see useSessionGate).
    void startSession().catch(() => undefined);
  });
  return children;
}

export default App;
