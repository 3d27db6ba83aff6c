import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initApi } from './api';
import './styles.css';

initApi();
createRoot(document.getElementById('root') as HTMLElement).render(<App />);
