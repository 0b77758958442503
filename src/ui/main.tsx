import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startSimSync } from './simSync';
import { startUncertaintySync } from './uncertaintySync';
import { startUrlSync } from './urlSync';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
// Read the link before the first render, so the first frame is the shared scenario.
startUrlSync();
// Then send its trial to the worker (and every later change of the trial, never of the view).
startSimSync();
// What the published figures allow, worked out after each trial's own simulation.
startUncertaintySync();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
