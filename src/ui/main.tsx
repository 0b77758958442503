import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startUrlSync } from './urlSync';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
// Read the link before the first render, so the first frame is the shared scenario.
startUrlSync();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
