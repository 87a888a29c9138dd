import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import consoleTexts from 'virtual:linli-texts/console';
import { addConsoleTexts, languageReady } from './i18n.js';
import './styles.css';
import { App } from './app.js';

// The console's texts beyond the phone's, before the first render.
addConsoleTexts(consoleTexts);

void languageReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
